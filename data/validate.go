package data

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// TimeLayout is how instants are stored and sent: UTC, milliseconds, so that
// text order is time order.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// Time limits: nothing Mahalleh records happened before 1990 or after 2100.
var (
	minTime = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// FormatTime renders an instant the way the store keeps it.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads an instant kept by the store (or any RFC 3339 instant).
func ParseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// FieldError says which field of which record is wrong, and how.
type FieldError struct {
	Entity, Field string
	Msg, MsgFa    string
}

func (e *FieldError) Error() string { return e.Entity + "." + e.Field + ": " + e.Msg }

// CheckValue validates one value for a field and returns it in canonical form
// (string, int64, bool or nil). It accepts what encoding/json produces
// (float64, json.Number) as well as Go ints.
func CheckValue(e *Entity, f *Field, v any) (any, error) {
	bad := func(msg, fa string) error {
		return &FieldError{Entity: e.Name, Field: f.Name, Msg: msg, MsgFa: fa}
	}
	if v == nil {
		switch f.Kind {
		case KindRef:
			if f.Required {
				return nil, bad("is required", "الزامی است")
			}
			return nil, nil
		case KindBool:
			return false, nil
		case KindInt:
			return int64(0), nil
		}
		v = ""
	}
	switch f.Kind {
	case KindInt:
		n, ok := toInt(v)
		if !ok {
			return nil, bad(fmt.Sprintf("must be a whole number, not %v", truncate(fmt.Sprint(v))), "باید عدد صحیح باشد")
		}
		if n < f.Min || n > f.Max {
			return nil, bad(fmt.Sprintf("must be a whole number from %d to %d, not %d", f.Min, f.Max, n),
				fmt.Sprintf("باید عددی صحیح از %d تا %d باشد", f.Min, f.Max))
		}
		return n, nil
	case KindBool:
		b, ok := v.(bool)
		if !ok {
			return nil, bad("must be true or false", "باید درست یا نادرست باشد")
		}
		return b, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, bad(fmt.Sprintf("must be text, not %T", v), "باید متن باشد")
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return nil, bad("is not valid UTF-8 text", "متن نامعتبر است")
	}
	return checkString(f, s, bad)
}

func checkString(f *Field, s string, bad func(string, string) error) (any, error) {
	switch f.Kind {
	case KindRef:
		if s == "" {
			if f.Required {
				return nil, bad("is required", "الزامی است")
			}
			return nil, nil
		}
		u, err := uuid.Parse(s)
		if err != nil || len(s) != 36 {
			return nil, bad("is not a valid id (UUID): "+truncate(s), "شناسه نامعتبر است")
		}
		return u.String(), nil
	case KindTime:
		if s == "" {
			return "", nil
		}
		t, err := ParseTime(s)
		if err != nil || t.Before(minTime) || !t.Before(maxTime) {
			return nil, bad("is not a time between 1990 and 2100: "+truncate(s), "زمان نامعتبر است")
		}
		return FormatTime(t), nil
	case KindDate:
		if s == "" {
			return "", nil
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil || t.Before(minTime) || !t.Before(maxTime) {
			return nil, bad("is not a date (YYYY-MM-DD) between 1990 and 2100: "+truncate(s), "تاریخ نامعتبر است")
		}
		return s, nil
	}
	limit := f.MaxLen
	if limit == 0 {
		limit = 500
	}
	if utf8.RuneCountInString(s) > limit {
		return nil, bad(fmt.Sprintf("is longer than %d characters", limit), fmt.Sprintf("بیش از %d نویسه است", limit))
	}
	if len(f.Enum) > 0 && !(s == "" && !f.Required) && !slices.Contains(f.Enum, s) {
		return nil, bad(fmt.Sprintf("must be one of %s, not %q", strings.Join(f.Enum, ", "), truncate(s)), "مقدار مجاز نیست")
	}
	return s, nil
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
			return 0, false
		}
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

func truncate(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// CheckFields validates a set of field values for entity e. Unknown fields
// are an error (a typo must not silently drop data). On success it returns
// the canonical values.
func CheckFields(e *Entity, in map[string]any) (Record, error) {
	out := make(Record, len(in))
	for name, v := range in {
		f := e.Field(name)
		if f == nil {
			return nil, &FieldError{Entity: e.Name, Field: name, Msg: "is not a field of " + e.Name, MsgFa: "فیلد ناشناخته است"}
		}
		cv, err := CheckValue(e, f, v)
		if err != nil {
			return nil, err
		}
		out[name] = cv
	}
	return out, nil
}

// CheckComplete reports the first required field that is missing or empty.
func CheckComplete(e *Entity, rec Record) error {
	for _, f := range e.AllFields() {
		if !f.Required {
			continue
		}
		v, ok := rec[f.Name]
		if !ok || v == nil || v == "" {
			return &FieldError{Entity: e.Name, Field: f.Name, Msg: "is required", MsgFa: "الزامی است"}
		}
	}
	return nil
}

// ClampInts brings the whole numbers of a stored record into their fields'
// ranges. HQ accepted any int64 before the ranges existed (issue 8, #2); a
// record stored then (a progress of 9223372036854775807) would otherwise
// fail every read, and with it every pull of its district. Values that are
// no whole number are left for CheckValue to refuse.
func ClampInts(e *Entity, rec map[string]any) {
	for _, f := range e.AllFields() {
		v, ok := rec[f.Name]
		if f.Kind != KindInt || !ok || v == nil {
			continue
		}
		if n, ok := toInt(v); ok && (n < f.Min || n > f.Max) {
			rec[f.Name] = max(f.Min, min(f.Max, n))
		}
	}
}
