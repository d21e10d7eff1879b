package hqdb

import (
	"encoding/json"
	"slices"
	"strconv"

	"mahalleh/data"
)

// Records are stored as JSON text. A push writes hundreds of them, and
// encoding/json's reflection over a map was a third of a push's CPU, so the
// canonical values a record holds (string, int64, bool, nil: see
// data.CheckFields) are written directly here, keys sorted as encoding/json
// sorts them. Any other value falls back to encoding/json. scanRecord reads
// both the same way.

// encodeFields is the JSON text of a record's fields as stored.
func encodeFields(f data.Record) (string, error) {
	keys := sortedKeys(f)
	b := make([]byte, 0, 64*len(keys))
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, f[k]); err != nil {
			return "", err
		}
	}
	return string(append(b, '}')), nil
}

func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, v), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	}
	raw, err := json.Marshal(v)
	return append(b, raw...), err
}

// commonClock is the key under which a record's clocks hold the clock that
// most of its fields share (usually all: a record created by one change).
// Storing it once instead of per field makes the clocks text several times
// smaller, and with it what a push writes. "*" is no field name.
const commonClock = "*"

// encodeClocks is the JSON text of a record's field clocks as stored: the
// clock shared by most fields once under "*", the others per field.
// decodeClocks reverses it given the record's fields.
func encodeClocks(fields data.Record, c map[string]string) string {
	common, all := mostCommon(fields, c)
	if all && len(c) == len(fields) { // the usual case: one clock, no other
		return string(appendString(append(appendString([]byte{'{'}, commonClock), ':'), common)) + "}"
	}
	keys := sortedKeys(c)
	b := make([]byte, 0, 64+16*len(keys))
	b = append(b, '{')
	if common != "" {
		b = appendString(b, commonClock)
		b = append(b, ':')
		b = appendString(b, common)
	}
	first := common == ""
	for _, k := range keys {
		if _, isField := fields[k]; isField && c[k] == common {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, c[k])
	}
	return string(append(b, '}'))
}

// mostCommon is the clock most fields share and whether all of them do, or
// "" when some field has no clock (then every clock is written out, so none
// is invented on reading).
func mostCommon(fields data.Record, c map[string]string) (clock string, all bool) {
	same := ""
	for name := range fields { // the usual case first: one clock for all
		clock, ok := c[name]
		if !ok {
			return "", false
		}
		if same != "" && clock != same {
			same = ""
			break
		}
		same = clock
	}
	if same != "" {
		return same, true
	}
	counts := map[string]int{}
	best := ""
	for name := range fields {
		clock := c[name]
		counts[clock]++
		if counts[clock] > counts[best] || (counts[clock] == counts[best] && clock < best) {
			best = clock
		}
	}
	return best, false
}

// decodeClocks parses clocks as encodeClocks wrote them (or as older rows
// hold them, one per field): every field without a clock of its own has
// the common one.
func decodeClocks(fields data.Record, text string) (map[string]string, error) {
	clocks := map[string]string{}
	if err := json.Unmarshal([]byte(text), &clocks); err != nil {
		return nil, err
	}
	if common, ok := clocks[commonClock]; ok {
		delete(clocks, commonClock)
		for name := range fields {
			if _, own := clocks[name]; !own {
				clocks[name] = common
			}
		}
	}
	return clocks, nil
}

// encodeNames is the JSON text of the field names of an audit row.
func encodeNames(names []string) string {
	b := make([]byte, 0, 16*len(names)+2)
	b = append(b, '[')
	for i, n := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, n)
	}
	return string(append(b, ']'))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string: quote, backslash and control
// characters escaped, everything else (Persian text included) as it is.
// Strings here are valid UTF-8 (they were decoded from JSON, or written by
// HQ), so they are not checked again; should one not be, reading it back
// replaces the bad bytes with U+FFFD, as encoding/json would have on
// writing (SQLite), or PostgreSQL refuses the write and nothing is stored.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
