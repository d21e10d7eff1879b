package persian

import (
	"strconv"
	"strings"
)

// Digit and separator characters used for display.
const (
	ThousandsSep = '٬' // U+066C ARABIC THOUSANDS SEPARATOR
	PercentSign  = '٪' // U+066A ARABIC PERCENT SIGN
)

// Digits returns s with Latin (0–9) and Arabic-Indic (٠–٩) digits replaced
// by Persian digits (۰–۹), which is what a Persian reader expects to see in
// the UI. Everything else is unchanged. Apply it to text made for display,
// never to stored values, keys or numbers that go back to a parser.
func Digits(s string) string {
	return mapDigits(s, '۰')
}

// LatinDigits returns s with Persian (۰–۹) and Arabic-Indic (٠–٩) digits
// replaced by Latin digits (0–9), so that strconv, time and SQL can read
// numbers however they were typed. Everything else is unchanged.
func LatinDigits(s string) string {
	return mapDigits(s, '0')
}

// mapDigits rewrites every decimal digit of the three forms to the form
// whose zero is zero. It returns s itself when nothing changes.
func mapDigits(s string, zero rune) string {
	i := firstForeignDigit(s, zero)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if v := digitValue(r); v >= 0 {
			r = zero + rune(v)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// firstForeignDigit returns the byte index of the first digit in s that is
// not in the form starting at zero, or -1.
func firstForeignDigit(s string, zero rune) int {
	for i, r := range s {
		if v := digitValue(r); v >= 0 && r != zero+rune(v) {
			return i
		}
	}
	return -1
}

// digitValue returns the value of a Latin, Persian or Arabic-Indic digit, or
// -1 for any other rune.
func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '۰' <= r && r <= '۹':
		return int(r - '۰')
	case '٠' <= r && r <= '٩':
		return int(r - '٠')
	}
	return -1
}

// FormatInt formats n for display: Persian digits, grouped in threes with
// the Persian thousands separator ٬ (U+066C), as in ۱۲٬۳۴۵. Negative numbers
// get a leading ASCII hyphen-minus, which bidi rendering keeps on the left of
// the digits in both Persian and English text.
func FormatInt(n int64) string {
	// Work on the magnitude as uint64 so that math.MinInt64 is safe.
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	latin := strconv.FormatUint(u, 10)
	var b strings.Builder
	b.Grow(1 + len(latin)*2 + (len(latin)/3)*2)
	if n < 0 {
		b.WriteByte('-')
	}
	for i := 0; i < len(latin); i++ {
		if i > 0 && (len(latin)-i)%3 == 0 {
			b.WriteRune(ThousandsSep)
		}
		b.WriteRune('۰' + rune(latin[i]-'0'))
	}
	return b.String()
}

// FormatPercent formats n as a Persian percentage, as in ۴۵٪ (the Persian
// percent sign U+066A follows the number, as Persian writers put it).
func FormatPercent(n int) string {
	return FormatInt(int64(n)) + string(PercentSign)
}
