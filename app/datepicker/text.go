// Package datepicker is the Jalali date picker used wherever a person
// enters a date: a month grid whose weeks start on Saturday, with Persian
// month and weekday names and Persian digits in the Persian UI (English
// transliterations in the English one), mirrored in Persian so that
// Saturday is on the right; and DateEntry, a field that takes a typed date
// in any digit form or opens the picker.
//
// The package keeps its few words here instead of in assets/i18n: they are
// the calendar's own names, which come from data/jalali, plus the labels of
// three buttons.
package datepicker

import (
	"errors"
	"strconv"
	"strings"

	"mahalleh/app/i18n"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
)

// words in Persian and English.
var words = map[string][2]string{
	"today":    {"امروز", "Today"},
	"title":    {"انتخاب تاریخ", "Pick a date"},
	"cancel":   {"انصراف", "Cancel"},
	"required": {"تاریخ را وارد کنید (مثلاً ۱۴۰۴/۰۷/۱۵).", "Enter a date (for example 1404/07/15)."},
	"hint":     {"۱۴۰۴/۰۷/۱۵", "1404/07/15"},
}

func word(key string) string {
	if fa() {
		return words[key][0]
	}
	return words[key][1]
}

func fa() bool { return i18n.Language() == i18n.Persian }

// num writes a day or a year in the UI's digits, without thousands
// separators (a year is ۱۴۰۴, not ۱٬۴۰۴).
func num(n int) string {
	s := strconv.Itoa(n)
	if fa() {
		return persian.Digits(s)
	}
	return s
}

// monthTitle is "مهر ۱۴۰۴" or "Mehr 1404".
func monthTitle(y, m int) string {
	if fa() {
		return jalali.MonthName(m) + " " + num(y)
	}
	return jalali.MonthNameEnglish(m) + " " + num(y)
}

// weekdayName is the column heading of weekday w (Saturday is 0): the
// Persian name in full, or the first three letters of the English one.
func weekdayName(w jalali.Weekday) string {
	if fa() {
		return w.String()
	}
	return w.English()[:3]
}

// formatDate is how a date is written back into a DateEntry.
func formatDate(d jalali.Date) string {
	if fa() {
		return jalali.FormatShort(d)
	}
	return jalali.FormatShortLatin(d)
}

// InputError is a date that was typed wrong. Its Error is the message in
// the UI language, ready to show beside the field; Msg and MsgFa hold both.
type InputError struct {
	Msg, MsgFa string
	Err        error // the *jalali.ParseError, if any
}

func (e *InputError) Error() string {
	if fa() {
		return e.MsgFa
	}
	return e.Msg
}

func (e *InputError) Unwrap() error { return e.Err }

// inputError turns Parse's error into an InputError.
func inputError(err error) *InputError {
	var pe *jalali.ParseError
	if !errors.As(err, &pe) {
		return &InputError{Msg: err.Error(), MsgFa: err.Error(), Err: err}
	}
	en := strings.TrimPrefix(pe.Error(), "jalali: ")
	if en != "" {
		en = strings.ToUpper(en[:1]) + en[1:] + "."
	}
	return &InputError{Msg: en, MsgFa: pe.Persian(), Err: err}
}
