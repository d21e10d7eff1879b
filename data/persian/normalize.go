// Package persian holds the small text helpers that every part of Mahalleh
// needs when it handles Persian: a search key (Normalize), a light cleanup of
// what a person typed (Clean) and digit conversion and number formatting for
// display (Digits, LatinDigits, FormatInt, FormatPercent).
//
// The package has no dependencies outside the standard library, so the
// storage, sync and UI layers can all use it.
//
// The two text functions do different jobs and must not be mixed up:
//
//   - Normalize builds a comparison key. It is lossy on purpose (it drops the
//     zero-width non-joiner, diacritics and letter variants) and its result is
//     never shown to anyone.
//   - Clean prepares text for storage and display. It only repairs what is
//     almost certainly a keyboard accident (Arabic ي/ك, stray whitespace) and
//     otherwise keeps the person's text as typed.
package persian

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the search and duplicate-detection key of s. Two texts
// that a Persian reader would call "the same words" should get the same key,
// whatever keyboard, web page or word processor they came from. The key is
// for comparison only: store and show the original (Clean) text.
//
// In detail, Normalize:
//
//   - maps Arabic letter forms to the Persian letter a Persian reader sees:
//     ي (U+064A), ى (U+0649) and ئ (U+0626) to ی (U+06CC); ك (U+0643) and
//     ڪ (U+06AA) to ک (U+06A9); ة (U+0629), ۀ (U+06C0), ہ (U+06C1) and ە
//     (U+06D5) to ه; ؤ (U+0624) to و;
//   - maps alef with madda or hamza (آ أ إ ٱ) to plain ا, because people
//     often type ا for آ and web text mixes them; the hamza that may sit on
//     ه, ی or و is a diacritic and is dropped too (the standalone hamza ء is
//     a letter and is kept, as in جزء);
//   - maps Persian (۰–۹) and Arabic-Indic (٠–٩) digits to Latin 0–9;
//   - removes invisible format characters: ZWNJ and ZWJ, zero-width space,
//     word joiner, byte order mark, soft hyphen and every bidi control
//     (LRM, RLM, ALM, LRE…PDF, LRI…PDI). Removing ZWNJ is deliberate: web
//     text often loses it, so "حاشیه‌ها" and "حاشیهها" must get one key;
//   - removes Arabic diacritics (harakat, tanwin, shadda, sukun, superscript
//     alef, Quranic marks) and the tatweel ـ (U+0640);
//   - lower-cases letters (Latin and any other cased script);
//   - collapses every run of whitespace (including NBSP, U+202F and line
//     breaks) to one ASCII space and trims both ends;
//   - removes the other ASCII control characters (NUL, BEL, DEL, …), as
//     Clean does, so that Normalize(Clean(s)) == Normalize(s);
//   - replaces invalid UTF-8 with U+FFFD, so the key is always valid UTF-8.
//
// Normalize is idempotent: Normalize(Normalize(s)) == Normalize(s). It runs
// on every search and every saved record, so it returns s itself (no
// allocation) when s is already normal and allocates once otherwise.
func Normalize(s string) string {
	start := firstChange(s)
	if start < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	// s[:start] is already normal; only a space at its end may still have
	// to go (if nothing follows it), so hold that one back.
	prefix := s[:start]
	space := strings.HasSuffix(prefix, " ") // a space is owed before the next kept rune
	b.WriteString(strings.TrimSuffix(prefix, " "))
	for i := start; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		r, act := normRune(r)
		switch act {
		case actDrop:
			continue
		case actSpace:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r) // an invalid byte decoded as RuneError comes out as U+FFFD
	}
	return b.String()
}

// firstChange returns the byte index of the first rune that Normalize must
// change (or -1 if Normalize(s) == s), without allocating: the fast path for
// text that is already a key, and a head start for text that is not.
func firstChange(s string) int {
	prevSpace := true // forbids a leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return i
				}
				prevSpace = true
			case 'A' <= c && c <= 'Z', c < ' ', c == 0x7F:
				return i
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		if nr, act := normRune(r); act != actKeep || nr != r {
			return i
		}
		prevSpace = false
		i += size
	}
	if prevSpace && s != "" {
		return len(s) - 1 // a trailing space
	}
	return -1
}

type action uint8

const (
	actKeep  action = iota // write the (possibly mapped) rune
	actDrop                // remove the rune
	actSpace               // the rune is whitespace
)

// normRune maps one rune for Normalize.
func normRune(r rune) (rune, action) {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + ('a' - 'A'), actKeep
		case r == ' ', '\t' <= r && r <= '\r':
			return r, actSpace
		case r < ' ', r == 0x7F:
			return r, actDrop
		}
		return r, actKeep
	}
	if 0x0600 <= r && r <= 0x06FF {
		return normArabic(r)
	}
	switch {
	case r == utf8.RuneError:
		return r, actKeep
	case isInvisible(r):
		return r, actDrop
	case unicode.IsSpace(r):
		return r, actSpace
	}
	return unicode.ToLower(r), actKeep
}

// normArabic maps a rune of the Arabic block (U+0600–U+06FF).
func normArabic(r rune) (rune, action) {
	switch {
	case '۰' <= r && r <= '۹':
		return '0' + r - '۰', actKeep
	case '٠' <= r && r <= '٩':
		return '0' + r - '٠', actKeep
	case isDiacritic(r), r == 0x0640, r == 0x061C: // diacritics, tatweel, ALM
		return r, actDrop
	}
	switch r {
	case 'ي', 'ى', 'ئ':
		return 'ی', actKeep
	case 'ك', 'ڪ':
		return 'ک', actKeep
	case 'ة', 'ۀ', 'ہ', 'ە':
		return 'ه', actKeep
	case 'آ', 'أ', 'إ', 'ٱ':
		return 'ا', actKeep
	case 'ؤ':
		return 'و', actKeep
	}
	return r, actKeep
}

// isDiacritic reports Arabic-script combining marks: honorific signs,
// harakat and tanwin, hamza and madda above/below, superscript alef and the
// Quranic annotation marks. None of them changes which word is meant.
func isDiacritic(r rune) bool {
	switch {
	case 0x0610 <= r && r <= 0x061A,
		0x064B <= r && r <= 0x065F,
		r == 0x0670,
		0x06D6 <= r && r <= 0x06DC,
		0x06DF <= r && r <= 0x06E4,
		r == 0x06E7, r == 0x06E8,
		0x06EA <= r && r <= 0x06ED:
		return true
	}
	return false
}

// isInvisible reports the format characters that Normalize removes: they
// change how text is drawn, never which words it holds.
func isInvisible(r rune) bool {
	switch {
	case 0x200B <= r && r <= 0x200F, // ZWSP, ZWNJ, ZWJ, LRM, RLM
		0x202A <= r && r <= 0x202E, // LRE, RLE, PDF, LRO, RLO
		0x2060 <= r && r <= 0x2069, // word joiner, invisible operators, LRI…PDI
		r == 0x00AD, r == 0x061C, r == 0xFEFF:
		return true
	}
	return false
}

// Clean is the cleanup applied to what a person typed before it is stored
// and shown again. Unlike Normalize it keeps the text as the person wrote it
// (ZWNJ, digits, diacritics, tatweel, letter case all stay) and repairs only
// what is a keyboard accident or invisible noise:
//
//   - Arabic ي (U+064A) and ى (U+0649) become Persian ی, Arabic ك becomes
//     Persian ک: Arabic keyboard layouts and old Windows Persian layouts
//     produce them, and they break search and sorting;
//   - within each line, runs of horizontal whitespace (space, tab, NBSP,
//     U+202F, …) become one space and the line is trimmed;
//   - line breaks are kept (CRLF, CR, U+2028 and U+2029 become "\n"), so
//     multi-line minutes keep their shape; blank lines at the start and end
//     are removed;
//   - control characters nobody types (NUL and friends) are removed and
//     invalid UTF-8 becomes U+FFFD, because PostgreSQL refuses both.
//
// Clean is idempotent.
func Clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is owed before the next rune on this line
	newlines := 0  // line breaks owed before the next rune
	lineStart := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			fallthrough
		case r == '\n', r == 0x2028, r == 0x2029:
			if b.Len() > 0 {
				newlines++
			}
			space, lineStart = false, true
			continue
		case unicode.IsSpace(r):
			space = !lineStart
			continue
		case r < ' ', r == 0x7F:
			continue
		case r == 'ي', r == 'ى':
			r = 'ی'
		case r == 'ك':
			r = 'ک'
		}
		for ; newlines > 0; newlines-- {
			b.WriteByte('\n')
		}
		if space {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		space, lineStart = false, false
	}
	return b.String()
}
