package bidi

// maxDepth is the deepest explicit embedding level (BD2, max_depth).
const maxDepth = 125

// status is one entry of the directional status stack (X1).
type status struct {
	level    Level
	override class // cON (neutral), cL or cR
	isolate  bool
}

// explicitState is the state of rules X1–X8.
type explicitState struct {
	stack           []status
	overflowIsolate int
	overflowEmbed   int
	validIsolate    int
}

func (s *explicitState) top() status { return s.stack[len(s.stack)-1] }

// nextLevel returns the least odd (rtl) or even level above l.
func nextLevel(l Level, rtl bool) Level {
	if rtl {
		return (l + 1) | 1
	}
	return (l + 2) &^ 1
}

// explicitLevels applies rules X1–X8: it sets the embedding level of
// every character and applies directional overrides to r.types.
func (r *resolver) explicitLevels() {
	s := &explicitState{stack: make([]status, 1, maxDepth+2)}
	s.stack[0] = status{level: r.base, override: cON}
	for i, c := range r.orig {
		r.levels[i] = s.top().level
		switch c {
		case cRLE, cLRE, cRLO, cLRO:
			s.pushEmbedding(c)
		case cRLI, cLRI, cFSI:
			r.override(i, s.top())
			rtl := c == cRLI || c == cFSI && r.firstStrong(i+1, r.match[i]) == cR
			s.pushIsolate(rtl)
		case cPDI:
			s.popIsolate()
			r.levels[i] = s.top().level
			r.override(i, s.top())
		case cPDF:
			s.popEmbedding()
		case cB:
			r.levels[i] = r.base // X8
		case cBN:
			// X9 removes it; fillRemoved assigns its display level.
		default:
			r.override(i, s.top()) // X6
		}
	}
}

// override resets the class of character i when the stack entry has a
// directional override status (X5a–X5c, X6, X6a).
func (r *resolver) override(i int, st status) {
	if st.override != cON {
		r.types[i] = st.override
	}
}

// pushEmbedding implements X2–X5 for RLE, LRE, RLO and LRO.
func (s *explicitState) pushEmbedding(c class) {
	l := nextLevel(s.top().level, c == cRLE || c == cRLO)
	if l <= maxDepth && s.overflowIsolate == 0 && s.overflowEmbed == 0 {
		o := cON
		switch c {
		case cRLO:
			o = cR
		case cLRO:
			o = cL
		}
		s.stack = append(s.stack, status{level: l, override: o})
	} else if s.overflowIsolate == 0 {
		s.overflowEmbed++
	}
}

// pushIsolate implements the stack part of X5a–X5c (RLI, LRI, FSI).
func (s *explicitState) pushIsolate(rtl bool) {
	l := nextLevel(s.top().level, rtl)
	if l <= maxDepth && s.overflowIsolate == 0 && s.overflowEmbed == 0 {
		s.validIsolate++
		s.stack = append(s.stack, status{level: l, override: cON, isolate: true})
	} else {
		s.overflowIsolate++
	}
}

// popIsolate implements X6a: a PDI closes the innermost valid isolate
// together with any embeddings opened inside it.
func (s *explicitState) popIsolate() {
	switch {
	case s.overflowIsolate > 0:
		s.overflowIsolate--
	case s.validIsolate == 0:
	default:
		s.overflowEmbed = 0
		for !s.top().isolate {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.stack = s.stack[:len(s.stack)-1]
		s.validIsolate--
	}
}

// popEmbedding implements X7: a PDF closes the innermost embedding or
// override, never an isolate and never the paragraph entry.
func (s *explicitState) popEmbedding() {
	switch {
	case s.overflowIsolate > 0:
	case s.overflowEmbed > 0:
		s.overflowEmbed--
	case !s.top().isolate && len(s.stack) >= 2:
		s.stack = s.stack[:len(s.stack)-1]
	}
}
