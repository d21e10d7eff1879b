package hqdb

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Cursor is where a device's pulls have got to: the last seq it received of
// each district's sequence. Floor is a seq reached in every district: a
// cursor of the old, global form ("1834") is Floor 1834 and nothing else,
// which still means "everything up to 1834 seen" because every district's
// sequence started above the last global seq when they were split
// (migration 00013).
//
// On the wire a cursor is opaque to devices (they store it and send it
// back): "F" or "F.d:s.d:s…", districts ascending, only those past F.
type Cursor struct {
	Floor int64
	At    map[int]int64
}

// Get is the last seq of district d the cursor has seen.
func (c Cursor) Get(d int) int64 {
	if s, ok := c.At[d]; ok && s > c.Floor {
		return s
	}
	return c.Floor
}

// set moves the cursor to seq in district d.
func (c *Cursor) set(d int, seq int64) {
	if c.At == nil {
		c.At = map[int]int64{}
	}
	c.At[d] = seq
}

// Clone copies the cursor.
func (c Cursor) Clone() Cursor {
	out := Cursor{Floor: c.Floor, At: make(map[int]int64, len(c.At))}
	for d, s := range c.At {
		out.At[d] = s
	}
	return out
}

// String is the cursor's canonical wire form: the same position always
// gives the same text, so a device sees when its cursor stops moving.
func (c Cursor) String() string {
	var b strings.Builder
	b.WriteString(strconv.FormatInt(c.Floor, 10))
	ds := make([]int, 0, len(c.At))
	for d, s := range c.At {
		if s > c.Floor {
			ds = append(ds, d)
		}
	}
	slices.Sort(ds)
	for _, d := range ds {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(d))
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(c.At[d], 10))
	}
	return b.String()
}

// ErrBadCursor is a cursor text this server never gave out.
var ErrBadCursor = errors.New("not a cursor of this server")

// ParseCursor reads a cursor's wire form; "" is the start (nothing seen).
// Districts must be 0 to maxDistrict, each at most once, seqs ≥ 0.
func ParseCursor(s string, maxDistrict int) (Cursor, error) {
	var c Cursor
	if s == "" {
		return c, nil
	}
	if len(s) > 1000 {
		return c, ErrBadCursor
	}
	parts := strings.Split(s, ".")
	floor, ok := parseSeq(parts[0])
	if !ok {
		return c, ErrBadCursor
	}
	c.Floor = floor
	for _, p := range parts[1:] {
		ds, ss, found := strings.Cut(p, ":")
		d, err := strconv.Atoi(ds)
		seq, ok := parseSeq(ss)
		if !found || err != nil || !ok || d < 0 || d > maxDistrict || strconv.Itoa(d) != ds {
			return Cursor{}, ErrBadCursor
		}
		if _, dup := c.At[d]; dup {
			return Cursor{}, ErrBadCursor
		}
		c.set(d, seq)
	}
	return c, nil
}

// parseSeq reads a whole number ≥ 0 of at most 19 digits, digits only.
func parseSeq(s string) (int64, bool) {
	if s == "" || len(s) > 19 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
