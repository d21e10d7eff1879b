package bidi

// resolver holds the per-paragraph working state of the algorithm.
type resolver struct {
	text   []rune
	orig   []class // original Bidi_Class of each rune (BD1)
	types  []class // current class, changed by X6 overrides and later rules
	levels []Level
	base   Level
	// match[i] is the index of the PDI matching the isolate initiator at
	// i (BD9), or len(text) when it has none.
	match []int
	// matched[i] reports whether the PDI at i matches an initiator.
	matched []bool
	// scratch holds the classes of the sequence being resolved.
	scratch []class
}

// resolve implements Resolve: P2–P3, X1–X10, W1–W7, N0–N2 and I1–I2.
func resolve(text []rune, dir Direction) *Paragraph {
	return resolveWith(text, dir, false)
}

func resolveWith(text []rune, dir Direction, display bool) *Paragraph {
	n := len(text)
	r := &resolver{
		text:    text,
		orig:    make([]class, n),
		types:   make([]class, n),
		levels:  make([]Level, n),
		match:   make([]int, n),
		matched: make([]bool, n),
	}
	for i, c := range text {
		r.orig[i] = classOf(c)
	}
	if display {
		hyphensBetweenDigits(text, r.orig)
	}
	copy(r.types, r.orig)
	r.matchIsolates()
	switch dir {
	case RTL:
		r.base = 1
	case Auto:
		if r.firstStrong(0, n) == cR {
			r.base = 1
		}
	}
	r.explicitLevels()
	seqs := r.isolatingRunSequences()
	for i := range seqs {
		r.resolveSequence(&seqs[i])
	}
	r.fillRemoved()
	return &Paragraph{Text: text, Levels: r.levels, BaseLevel: r.base}
}

// matchIsolates pairs isolate initiators with PDIs (BD9) using a stack:
// a PDI closes the innermost open initiator, whatever the embeddings.
func (r *resolver) matchIsolates() {
	var open []int
	for i, c := range r.orig {
		switch c {
		case cLRI, cRLI, cFSI:
			r.match[i] = len(r.text)
			open = append(open, i)
		case cPDI:
			if k := len(open) - 1; k >= 0 {
				r.match[open[k]] = i
				r.matched[i] = true
				open = open[:k]
			}
		}
	}
}

// firstStrong applies rules P2 and P3 to text[start:end]: it returns cL
// or cR for the first strong character (AL counts as R), skipping
// characters between an isolate initiator and its matching PDI, and cON
// when there is none.
func (r *resolver) firstStrong(start, end int) class {
	for i := start; i < end; i++ {
		switch r.orig[i] {
		case cL:
			return cL
		case cR, cAL:
			return cR
		case cLRI, cRLI, cFSI:
			i = r.match[i] // jump to the PDI; the loop steps past it
		}
	}
	return cON
}

// removedByX9 reports whether rule X9 removes characters of class c:
// embedding and override controls, PDF and boundary neutrals.
func removedByX9(c class) bool {
	switch c {
	case cRLE, cLRE, cRLO, cLRO, cPDF, cBN:
		return true
	}
	return false
}

// isIsolateInitiator reports whether c is LRI, RLI or FSI (BD8).
func isIsolateInitiator(c class) bool {
	return c == cLRI || c == cRLI || c == cFSI
}

// fillRemoved gives characters removed by X9 the level of the preceding
// character (the following one at the start of the paragraph), so that
// they never introduce a level break and no text is lost for rendering.
func (r *resolver) fillRemoved() {
	prev := -1
	for i, c := range r.orig {
		if removedByX9(c) {
			continue
		}
		for j := prev + 1; j < i; j++ {
			if prev >= 0 {
				r.levels[j] = r.levels[prev]
			} else {
				r.levels[j] = r.levels[i]
			}
		}
		prev = i
	}
	for j := prev + 1; j < len(r.orig); j++ {
		if prev >= 0 {
			r.levels[j] = r.levels[prev]
		} else {
			r.levels[j] = r.base
		}
	}
}

// implicitLevel applies rules I1 and I2 to a character of resolved
// class c in an isolating run sequence at level l.
func implicitLevel(l Level, c class) Level {
	if l&1 == 0 {
		switch c {
		case cR:
			return l + 1
		case cAN, cEN:
			return l + 2
		}
		return l
	}
	switch c {
	case cL, cEN, cAN:
		return l + 1
	}
	return l
}

// hyphensBetweenDigits gives a hyphen-minus (or minus sign) standing
// between two digits the class of a common separator, as a slash has.
// This is a higher-level protocol in the sense of UAX #9 §4.3 (HL6): by the
// plain algorithm, after a Persian word, 021-55123456 resolves to two Arabic
// numbers around a neutral hyphen and is drawn "55123456-021"; with the
// hyphen as CS, rule W4 joins it to the numbers and the whole number keeps
// its order, as a reader expects.
func hyphensBetweenDigits(text []rune, classes []class) {
	for i := 1; i+1 < len(text); i++ {
		if (text[i] == '-' || text[i] == '\u2212') && isNumber(classes[i-1]) && isNumber(classes[i+1]) {
			classes[i] = cCS
		}
	}
}

func isNumber(c class) bool { return c == cEN || c == cAN }
