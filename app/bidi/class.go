package bidi

//go:generate go run ./internal/gen -ucd /usr/share/unicode -o .

// class is a Bidi_Class value (UAX #9 Table 4).
type class uint8

const (
	cL   class = iota // strong left-to-right
	cR                // strong right-to-left
	cEN               // European number (also Persian digits U+06F0..)
	cES               // European separator
	cET               // European terminator
	cAN               // Arabic number (Arabic-Indic digits U+0660..)
	cCS               // common separator
	cB                // paragraph separator
	cS                // segment separator
	cWS               // whitespace
	cON               // other neutral
	cBN               // boundary neutral (ZWNJ, controls)
	cNSM              // non-spacing mark
	cAL               // Arabic letter
	cLRO
	cRLO
	cLRE
	cRLE
	cPDF
	cLRI
	cRLI
	cFSI
	cPDI
)

// lowClasses caches the classes of U+0000..U+07FF (Latin, Hebrew,
// Arabic and Persian letters and digits), the runes Mahalleh shows most.
var lowClasses = func() (t [0x800]class) {
	for r := range t {
		t[r] = searchClass(rune(r))
	}
	return t
}()

// classOf returns the Bidi_Class of r from the generated table. Runes
// outside the Unicode range get the default class L.
func classOf(r rune) class {
	if r >= 0 && r < 0x800 {
		return lowClasses[r]
	}
	if r < 0 || r > 0x10FFFF {
		return cL
	}
	return searchClass(r)
}

// searchClass looks r up in classRanges with a binary search.
func searchClass(r rune) class {
	key := uint32(r)<<5 | 31
	lo, hi := 0, len(classRanges)
	for lo < hi { // first entry greater than key
		m := int(uint(lo+hi) >> 1)
		if classRanges[m] <= key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return class(classRanges[lo-1] & 31)
}

// bracket is one line of BidiBrackets.txt.
type bracket struct {
	r, pair rune
	open    bool
}

// bracketOf returns the paired-bracket data of r (BD14, BD15).
func bracketOf(r rune) (bracket, bool) {
	lo, hi := 0, len(brackets)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if brackets[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(brackets) && brackets[lo].r == r {
		return brackets[lo], true
	}
	return bracket{}, false
}

// canonicalBracket maps r to its canonical equivalent so that U+2329
// pairs with U+3009 and U+3008 with U+232A (BD16 note).
func canonicalBracket(r rune) rune {
	for _, c := range canonicalBrackets {
		if c[0] == r {
			return c[1]
		}
	}
	return r
}

// mirrorRune implements MirrorRune with a binary search of the
// Bidi_Mirroring_Glyph table.
func mirrorRune(r rune) rune {
	lo, hi := 0, len(mirrors)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if mirrors[m][0] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(mirrors) && mirrors[lo][0] == r {
		return mirrors[lo][1]
	}
	return r
}
