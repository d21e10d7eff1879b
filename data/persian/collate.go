package persian

import "strings"

// alphabet is the Persian alphabet in dictionary order. Hamza (ء) comes
// first, then آ before ا, as in Moein and Dehkhoda, where the words that
// begin with آ open the dictionary.
const alphabet = "ءآابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

// letterBase is where the sort weights of the Persian letters start: a block
// of the Private Use Area, above every other character a name can hold, so
// that Persian letters sort after digits and Latin letters and in alphabet
// order among themselves. UTF-8 keeps code-point order, so the keys compare
// correctly byte by byte (SQLite's BINARY collation, Go's < on strings).
const letterBase = 0xF000

// maddaMark stands for آ while Normalize runs: Normalize folds آ into ا (right
// for search), but the dictionary keeps them apart.
const maddaMark = '\uE000'

var letterWeight = func() map[rune]rune {
	m := map[rune]rune{}
	i := rune(0)
	for _, r := range alphabet {
		m[r] = letterBase + i
		i++
	}
	m[maddaMark] = m['آ']
	return m
}()

// SortKey returns the key that orders names and titles the way a Persian
// dictionary or telephone book does: the byte order of two keys is the
// Persian alphabetical order of the two texts. Code-point order puts
// پ چ ژ گ after ی (they were added to the Arabic block late); this key puts
// پ right after ب, چ after ج, ژ after ز and گ after ک.
//
// The key is built on Normalize, so the Arabic ي/ك and ی/ک are one letter,
// diacritics, tatweel and the ZWNJ are ignored ("علی‌اکبر" sorts as
// "علیاکبر", like the Unicode collation for Persian), and digit forms are
// one. A space is kept and sorts before every letter, so names compare word
// by word: "علی رضایی" comes before "علیرضا احمدی". The key is never shown.
func SortKey(s string) string {
	n := Normalize(strings.ReplaceAll(s, "آ", string(maddaMark)))
	var b strings.Builder
	b.Grow(len(n) + len(n)/2)
	for _, r := range n {
		if w, ok := letterWeight[r]; ok {
			r = w
		}
		b.WriteRune(r)
	}
	return b.String()
}

// PhoneKey returns the digits of a telephone number in one national form,
// for finding the same number typed two ways: every digit form becomes
// Latin, everything that is not a digit goes, and an international prefix
// (+98, 0098, or 98 before a ten-digit mobile number) becomes the national
// 0, as does a mobile number typed without its 0 ("912…"). So
// "+98 912 123 4567", "۰۹۱۲-۱۲۳-۴۵۶۷" and "00989121234567" are all
// "09121234567". It returns "" when s holds no digit.
func PhoneKey(s string) string {
	var b strings.Builder
	plus := false
	for _, r := range s {
		if v := digitValue(r); v >= 0 {
			b.WriteByte(byte('0' + v))
		} else if r == '+' && b.Len() == 0 {
			plus = true
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "0098"):
		d = "0" + d[4:]
	case plus && strings.HasPrefix(d, "98"), len(d) == 12 && strings.HasPrefix(d, "989"):
		d = "0" + d[2:]
	case len(d) == 10 && d[0] == '9':
		d = "0" + d
	}
	return d
}
