package hqdb

import (
	"encoding/json"
	"reflect"
	"testing"

	"mahalleh/data"
)

// The hand-written encoder must store exactly what encoding/json would: a
// record read back must hold the values the officer wrote, whatever their
// characters.
func TestEncodeFieldsReadsBackAsEncodingJSON(t *testing.T) {
	texts := []string{"", "plain", "جلسه «محله» ۱۴", "quote \" and \\ backslash", "lines\nand\ttabs\r",
		"control \x00\x01\x1f\x7f", "<html> & 'x'", "\u2028\u2029", "emoji 🌳", "bad \xff utf8"}
	for _, s := range texts {
		rec := data.Record{"title": s, "n": int64(-42), "big": int64(1) << 60, "yes": true, "no": false,
			"none": nil, "plain_int": 7, s: "key " + s}
		got, err := encodeFields(rec)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(rec)
		var a, b any
		if err := json.Unmarshal([]byte(got), &a); err != nil {
			t.Fatalf("%q: not JSON: %v: %s", s, err, got)
		}
		json.Unmarshal(want, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: read back %v, encoding/json gives %v", s, a, b)
		}
		var names []string
		if err := json.Unmarshal([]byte(encodeNames([]string{s, "x"})), &names); err != nil || names[1] != "x" {
			t.Errorf("names %q: %v %v", s, names, err)
		}
	}
}

// Clocks are stored with the common one once; reading them back must give
// every field its own clock again, whatever mix the record holds.
func TestClocksReadBackAsWritten(t *testing.T) {
	a, b, c := "1764605100000-00000-aaaa", "1764605200000-00001-bbbb", "1764605300000-00002-cccc"
	fields := data.Record{"title": "x", "minutes": "y", "kind": "other", "deleted": false}
	cases := []map[string]string{
		{"title": a, "minutes": a, "kind": a, "deleted": a},
		{"title": a, "minutes": b, "kind": a, "deleted": c},
		{"title": a, "minutes": b, "kind": b, "deleted": a},
		{"title": a, "minutes": a, "kind": a},                          // a field without a clock
		{"title": a, "minutes": a, "kind": a, "deleted": a, "gone": b}, // a clock without a field
		{},
	}
	for _, clocks := range cases {
		text := encodeClocks(fields, clocks)
		got, err := decodeClocks(fields, text)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if !reflect.DeepEqual(got, clocks) {
			t.Errorf("stored %s: read back %v, want %v", text, got, clocks)
		}
	}
	if text := encodeClocks(fields, cases[0]); len(text) > 40 {
		t.Errorf("one clock for all fields is stored as %s, not once", text)
	}
}
