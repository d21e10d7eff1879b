package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Clock is a hybrid logical clock. Its readings are strings that sort in the
// order of the events they stamp, across devices whose wall clocks disagree:
// a reading is never smaller than any reading this clock has seen, so the
// last write of a field is well defined everywhere. The node id breaks ties.
//
// Format: 13 digits of Unix milliseconds, "-", 5 digits of counter, "-", node.
type Clock struct {
	Node    string
	wall    int64
	counter int64
	now     func() time.Time // for tests; nil means time.Now
}

// Now returns a new reading, later than every reading seen so far.
func (c *Clock) Now() string {
	pt := time.Now().UnixMilli()
	if c.now != nil {
		pt = c.now().UnixMilli()
	}
	if pt > c.wall {
		c.wall, c.counter = pt, 0
	} else {
		c.counter++
		if c.counter > 99999 { // keep the fixed width: borrow the next millisecond
			c.wall, c.counter = c.wall+1, 0
		}
	}
	return FormatClock(c.wall, c.counter, c.Node)
}

// Observe moves the clock past a reading received from elsewhere.
func (c *Clock) Observe(reading string) {
	wall, counter, _, ok := ParseClock(reading)
	if !ok {
		return
	}
	if wall > c.wall || (wall == c.wall && counter > c.counter) {
		c.wall, c.counter = wall, counter
	}
}

// FormatClock builds a clock reading.
func FormatClock(wall, counter int64, node string) string {
	return fmt.Sprintf("%013d-%05d-%s", wall, counter, node)
}

// ParseClock splits a clock reading; ok is false for anything malformed.
func ParseClock(s string) (wall, counter int64, node string, ok bool) {
	parts := strings.SplitN(s, "-", 3)
	if len(parts) != 3 || len(parts[0]) != 13 || len(parts[1]) != 5 || parts[2] == "" || !allDigits(parts[0]) || !allDigits(parts[1]) {
		return 0, 0, "", false // ParseInt alone would take "+" and "-" signs: one reading, one spelling
	}
	w, err1 := strconv.ParseInt(parts[0], 10, 64)
	n, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil || w < 0 || n < 0 {
		return 0, 0, "", false
	}
	return w, n, parts[2], true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidClock reports whether s is a well-formed clock reading.
func ValidClock(s string) bool { _, _, _, ok := ParseClock(s); return ok }
