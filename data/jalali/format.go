package jalali

import (
	"strconv"

	"mahalleh/data/persian"
)

// Month names as in the glossary, Farvardin first.
var monthNames = [12]string{
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
}

// English transliterations, as used on Iranian English-language sites.
var monthNamesEnglish = [12]string{
	"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
	"Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
}

// Weekday names, Saturday first. سه‌شنبه keeps its ZWNJ; پنجشنبه is written
// solid, as in the glossary and in everyday usage.
var weekdayNames = [7]string{
	"شنبه", "یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه",
}

var weekdayNamesEnglish = [7]string{
	"Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
}

// Seasons: spring is months 1–3, summer 4–6, autumn 7–9, winter 10–12.
var seasonNames = [4]string{"بهار", "تابستان", "پاییز", "زمستان"}

var seasonNamesEnglish = [4]string{"Spring", "Summer", "Autumn", "Winter"}

// MonthName returns the Persian name of month m (1–12), or "" if m is out
// of range.
func MonthName(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return monthNames[m-1]
}

// MonthNameEnglish returns the English transliteration of month m
// (Farvardin … Esfand), or "" if m is out of range.
func MonthNameEnglish(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return monthNamesEnglish[m-1]
}

// SeasonName returns the Persian name of season q (1 بهار … 4 زمستان), or ""
// if q is out of range.
func SeasonName(q int) string {
	if q < 1 || q > 4 {
		return ""
	}
	return seasonNames[q-1]
}

// SeasonNameEnglish returns the English name of season q (1 Spring …
// 4 Winter), or "" if q is out of range.
func SeasonNameEnglish(q int) string {
	if q < 1 || q > 4 {
		return ""
	}
	return seasonNamesEnglish[q-1]
}

// String returns the Persian name of w (شنبه … جمعه).
func (w Weekday) String() string {
	if w < Saturday || w > Friday {
		return ""
	}
	return weekdayNames[w]
}

// English returns the English name of w (Saturday … Friday).
func (w Weekday) English() string {
	if w < Saturday || w > Friday {
		return ""
	}
	return weekdayNamesEnglish[w]
}

// FormatShortLatin returns d as "1404/07/09": Latin digits, zero-padded,
// year first. This is the form for logs, files and anything a program reads
// back (Parse accepts it).
func FormatShortLatin(d Date) string {
	b := make([]byte, 0, 10)
	b = appendPadded(b, d.Year, 4)
	b = append(b, '/')
	b = appendPadded(b, d.Month, 2)
	b = append(b, '/')
	b = appendPadded(b, d.Day, 2)
	return string(b)
}

// FormatShort returns d as "۱۴۰۴/۰۷/۰۹", the compact form for tables and
// forms. Shown in a right-to-left paragraph it still reads year first,
// because digits and slashes form a single left-to-right run.
func FormatShort(d Date) string {
	return persian.Digits(FormatShortLatin(d))
}

// FormatLong returns d as "چهارشنبه ۹ مهر ۱۴۰۴", the form for headings and
// official minutes (صورتجلسه). It returns FormatShort(d) for an invalid
// date, which has no weekday.
func FormatLong(d Date) string {
	if !d.Valid() {
		return FormatShort(d)
	}
	return d.Weekday().String() + " " + persian.Digits(strconv.Itoa(d.Day)) + " " +
		MonthName(d.Month) + " " + persian.Digits(strconv.Itoa(d.Year))
}

// FormatLongEnglish returns d as "Wednesday 9 Mehr 1404", for the English
// UI and for English reports. It returns FormatShortLatin(d) for an invalid
// date.
func FormatLongEnglish(d Date) string {
	if !d.Valid() {
		return FormatShortLatin(d)
	}
	return d.Weekday().English() + " " + strconv.Itoa(d.Day) + " " +
		MonthNameEnglish(d.Month) + " " + strconv.Itoa(d.Year)
}

// FormatMonth returns "مهر ۱۴۰۴", the label of the month of d.
func FormatMonth(d Date) string {
	return MonthName(d.Month) + " " + persian.Digits(strconv.Itoa(d.Year))
}

// appendPadded appends n in decimal with at least width digits.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
