package hq

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// decodePushFast parses a push body of the plain shape clients send, several
// times faster than encoding/json's reflection (decoding was the largest
// part of a push's CPU). It gives up (ok false) at anything else: a key it
// does not know exactly, a key twice, a field name that is not
// lower-case (fieldName), a null, a \u escape of a surrogate,
// a number that is not a plain integer where an int goes, a nested value in
// fields, data after the object, any syntax error. The caller then decodes
// the body with encoding/json, whose result or error stands. So it accepts
// only bodies that encoding/json decodes, strictly, to the same request:
// the fast path changes no answer (FuzzFastDecode holds it to that). body
// must be valid UTF-8 (DecodePush checks first).
func decodePushFast(body []byte) (req msync.PushRequest, ok bool) {
	p := &fastParser{b: body}
	var seenBatch, seenChanges bool
	ok = p.object(func(key string) bool {
		switch {
		case key == "batch_id" && !seenBatch:
			seenBatch = true
			req.BatchID, ok = p.str()
			return ok
		case key == "changes" && !seenChanges:
			seenChanges = true
			return p.changes(&req.Changes)
		}
		return false
	})
	p.ws()
	return req, ok && p.i == len(p.b)
}

type fastParser struct {
	b []byte
	i int
}

func (p *fastParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat skips white space and then c, reporting whether c was there.
func (p *fastParser) eat(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// object parses {"key": value, …}, handing each key to member, which
// parses the value.
func (p *fastParser) object(member func(key string) bool) bool {
	if !p.eat('{') {
		return false
	}
	if p.eat('}') {
		return true
	}
	for {
		p.ws()
		key, ok := p.str()
		if !ok || !p.eat(':') {
			return false
		}
		p.ws()
		if !member(key) {
			return false
		}
		if p.eat('}') {
			return true
		}
		if !p.eat(',') {
			return false
		}
	}
}

func (p *fastParser) changes(dst *[]data.Change) bool {
	if !p.eat('[') {
		return false
	}
	*dst = []data.Change{}
	if p.eat(']') {
		return true
	}
	for {
		var c data.Change
		if !p.change(&c) {
			return false
		}
		*dst = append(*dst, c)
		if p.eat(']') {
			return true
		}
		if !p.eat(',') {
			return false
		}
	}
}

// changeKeys are the JSON keys of data.Change.
var changeKeys = []string{"change_id", "entity", "id", "district", "clock", "author", "fields", "base"}

func (p *fastParser) change(c *data.Change) bool {
	var seen uint8 // bit i: the key changeKeys[i] was met
	return p.object(func(key string) bool {
		bit := uint8(0)
		for i, k := range changeKeys {
			if k == key {
				bit = 1 << i
			}
		}
		if bit == 0 || seen&bit != 0 {
			return false
		}
		seen |= bit
		var ok bool
		switch key {
		case "change_id":
			c.ChangeID, ok = p.str()
		case "entity":
			c.Entity, ok = p.str()
		case "id":
			c.ID, ok = p.str()
		case "clock":
			c.Clock, ok = p.str()
		case "author":
			c.Author, ok = p.str()
		case "district":
			c.District, ok = p.int()
		case "fields":
			c.Fields, ok = p.fields()
		case "base":
			c.Base, ok = p.base()
		}
		return ok
	})
}

func (p *fastParser) fields() (data.Record, bool) {
	m := data.Record{}
	ok := p.object(func(key string) bool {
		if _, dup := m[key]; dup || !fieldName(key) {
			return false
		}
		v, ok := p.scalar()
		m[key] = v
		return ok
	})
	return m, ok
}

func (p *fastParser) base() (map[string]string, bool) {
	m := map[string]string{}
	ok := p.object(func(key string) bool {
		if _, dup := m[key]; dup || !fieldName(key) {
			return false
		}
		v, ok := p.str()
		m[key] = v
		return ok
	})
	return m, ok
}

// scalar is a value of fields as encoding/json with UseNumber decodes it
// into an interface: string, json.Number, bool or nil.
func (p *fastParser) scalar() (any, bool) {
	if p.i >= len(p.b) {
		return nil, false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		lit, ok := p.number()
		return json.Number(lit), ok
	}
	for _, l := range literals {
		if len(p.b)-p.i >= len(l.text) && string(p.b[p.i:p.i+len(l.text)]) == l.text {
			p.i += len(l.text)
			return l.value, true
		}
	}
	return nil, false
}

var literals = []struct {
	text  string
	value any
}{{"true", true}, {"false", false}, {"null", nil}}

// number scans a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *fastParser) number() (string, bool) {
	start := p.i
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.b) && p.b[p.i] == '0':
		p.i++
	case p.digits() == 0:
		return "", false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return "", false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return "", false
		}
	}
	return string(p.b[start:p.i]), true
}

func (p *fastParser) digits() int {
	n := 0
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// int is a number where an int goes: only a plain integer in range.
func (p *fastParser) int() (int, bool) {
	lit, ok := p.number()
	if !ok {
		return 0, false
	}
	for _, c := range []byte(lit) {
		if c == '.' || c == 'e' || c == 'E' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(lit)
	return n, err == nil
}

// str parses a string; of the escapes, \u of a surrogate is left to
// encoding/json.
func (p *fastParser) str() (string, bool) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", false
	}
	p.i++
	start := p.i
	var buf []byte // only when the string has escapes
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if buf == nil {
				return string(p.b[start : p.i-1]), true
			}
			return string(append(buf, p.b[start:p.i-1]...)), true
		case c < 0x20:
			return "", false
		case c == '\\':
			if p.i+1 >= len(p.b) {
				return "", false
			}
			buf = append(buf, p.b[start:p.i]...)
			if p.b[p.i+1] == 'u' {
				r, ok := p.hex4(p.i + 2)
				if !ok {
					return "", false
				}
				buf = utf8.AppendRune(buf, r)
				p.i += 6
			} else {
				esc, ok := simpleEscapes[p.b[p.i+1]]
				if !ok {
					return "", false
				}
				buf = append(buf, esc)
				p.i += 2
			}
			start = p.i
		default:
			p.i++
		}
	}
	return "", false
}

// hex4 reads the 4 hex digits of a \u escape at b[at:]; surrogates (half
// of a pair, which encoding/json joins or replaces) are left to it.
func (p *fastParser) hex4(at int) (rune, bool) {
	if at+4 > len(p.b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.b[at:at+4]), 16, 16)
	if err != nil || (n >= 0xd800 && n <= 0xdfff) {
		return 0, false
	}
	return rune(n), true
}

var simpleEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
