package hq

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"mahalleh/data"
)

// encoding/json, even with DisallowUnknownFields, is laxer than PROTOCOL.md:
// it matches keys case-insensitively ("Batch_ID", and "ſ" for "s"), lets
// the last of two equal keys win, turns a lone surrogate escape (\ud800)
// into U+FFFD and takes a null body or a null list as empty. checkShape
// walks a body once, before encoding/json decodes it, and refuses all of
// that; what passes is then decoded by encoding/json as before. The fast
// decoder (fastjson.go) gives up on every one of these cases, so both paths
// refuse them alike (TestStrictDecodeRefuses, FuzzFastDecode).

// shapeKind is what a JSON value must be.
type shapeKind int

const (
	shapeObject shapeKind = iota // the keys of keys, exactly as spelt; each at most once
	shapeMap                     // any field name (see fieldName) at most once, each value of elem
	shapeArray                   // values of elem
	shapeString
	shapeInt    // a number (encoding/json then insists on a whole one)
	shapeScalar // a string, number, true, false or null: a record field's value
)

// shape describes a JSON value of a request. A null is refused unless
// nullable.
type shape struct {
	kind     shapeKind
	keys     map[string]*shape
	elem     *shape
	nullable bool
}

var (
	strShape  = &shape{kind: shapeString}
	intShape  = &shape{kind: shapeInt}
	pushShape = &shape{kind: shapeObject, keys: map[string]*shape{
		"batch_id": strShape,
		"changes": {kind: shapeArray, elem: &shape{kind: shapeObject, keys: map[string]*shape{
			"change_id": strShape, "entity": strShape, "id": strShape, "district": intShape,
			"clock": strShape, "author": strShape,
			// null fields are "no fields", which checkChange names; null base is "no base"
			"fields": {kind: shapeMap, elem: &shape{kind: shapeScalar, nullable: true}, nullable: true},
			"base":   {kind: shapeMap, elem: strShape, nullable: true},
		}}},
	}}
	enrolShape = &shape{kind: shapeObject, keys: map[string]*shape{"code": strShape, "device_name": strShape, "nonce": strShape}}
)

// shapeNames say in messages what a value must be.
var shapeNames = [...]string{shapeObject: "an object", shapeMap: "an object", shapeArray: "a list",
	shapeString: "text", shapeInt: "a whole number", shapeScalar: "text, a number, true, false or null"}

// errShape is a body that is JSON but not of the request's shape.
type errShape struct {
	msg      string
	trailing bool // data after the value
}

func (e *errShape) Error() string { return e.msg }

// checkShape reports the first way body departs from sh, or nil.
func checkShape(body []byte, sh *shape) error {
	if at := loneSurrogate(body); at >= 0 {
		return &errShape{msg: fmt.Sprintf("a string has a lone surrogate escape (\\u%s) at byte %d, which is no character", body[at+2:at+6], at)}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := walkShape(dec, sh, "the body"); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &errShape{msg: "there is data after the JSON value", trailing: true}
	}
	return nil
}

func walkShape(dec *json.Decoder, sh *shape, where string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		if sh.nullable {
			return nil
		}
		return &errShape{msg: where + " is null"}
	}
	want := shapeNames[sh.kind]
	switch sh.kind {
	case shapeObject, shapeMap:
		if tok != json.Delim('{') {
			return &errShape{msg: where + " must be " + want}
		}
		return walkObject(dec, sh, where)
	case shapeArray:
		if tok != json.Delim('[') {
			return &errShape{msg: where + " must be " + want}
		}
		for i := 0; dec.More(); i++ {
			if err := walkShape(dec, sh.elem, fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
		_, err := dec.Token()
		return err
	}
	ok := false
	switch tok.(type) {
	case string:
		ok = sh.kind == shapeString || sh.kind == shapeScalar
	case json.Number:
		ok = sh.kind == shapeInt || sh.kind == shapeScalar
	case bool:
		ok = sh.kind == shapeScalar
	}
	if !ok {
		return &errShape{msg: where + " must be " + want}
	}
	return nil
}

func walkObject(dec *json.Decoder, sh *shape, where string) error {
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // inside an object the decoder gives only string keys
		if seen[key] {
			return &errShape{msg: fmt.Sprintf("%s has the key %q twice", where, clip(key))}
		}
		seen[key] = true
		sub := sh.elem
		if sh.kind == shapeObject {
			if sub = sh.keys[key]; sub == nil {
				return &errShape{msg: fmt.Sprintf("%s has an unknown field %q (keys are lower case, spelt exactly)", where, clip(key))}
			}
		} else if !fieldName(key) {
			return &errShape{msg: fmt.Sprintf("%s has the key %q; field names are lower-case letters, digits and _", where, clip(key))}
		}
		if err := walkShape(dec, sub, strconv.Quote(clip(key))); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// fieldName reports whether s can name a record field, of this version or
// a later one.
func fieldName(s string) bool { return data.ValidFieldName(s) }

// loneSurrogate returns the offset of the first \u escape of a UTF-16
// surrogate that is not half of a pair, or -1. In JSON a backslash occurs
// only inside strings, so no string tracking is needed; a malformed escape
// is left to the parser.
func loneSurrogate(b []byte) int {
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if b[i+1] != 'u' {
			i++ // a two-character escape, \\ included
			continue
		}
		r, ok := hexAt(b, i+2)
		if !ok {
			return -1
		}
		switch {
		case r >= 0xd800 && r <= 0xdbff:
			if lo, ok := hexAt(b, i+8); !ok || b[i+6] != '\\' || b[i+7] != 'u' || lo < 0xdc00 || lo > 0xdfff {
				return i
			}
			i += 11
		case r >= 0xdc00 && r <= 0xdfff:
			return i
		default:
			i += 5
		}
	}
	return -1
}

func hexAt(b []byte, at int) (uint64, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[at:at+4]), 16, 16)
	return n, err == nil
}

// checkContentType refuses a request body that does not say it is JSON.
func checkContentType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8")) {
		return nil
	}
	return &apiError{Status: http.StatusUnsupportedMediaType, Code: "invalid",
		Message:   fmt.Sprintf("Content-Type %q is not accepted; send application/json (UTF-8). Update the app.", clip(ct)),
		MessageFa: "نوع محتوای درخواست باید application/json باشد. برنامه را به‌روز کنید."}
}
