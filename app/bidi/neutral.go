package bidi

import "slices"

// maxBracketDepth is the size of the BD16 bracket stack.
const maxBracketDepth = 63

// strongOf returns the strong direction of c for rules N0–N2, where
// European and Arabic numbers count as R, or cON for neutrals.
func strongOf(c class) class {
	switch c {
	case cL:
		return cL
	case cR, cAL, cEN, cAN:
		return cR
	}
	return cON
}

// bracketPairs identifies the bracket pairs of a sequence (BD16): only
// characters whose current class is ON take part, and an opening bracket
// with no room left on the 63-entry stack ends the search. It returns
// positions in the sequence, sorted by opening bracket.
func (r *resolver) bracketPairs(s *sequence, t []class) [][2]int {
	type opener struct {
		pair rune // canonical closing bracket
		pos  int
	}
	var stack [maxBracketDepth]opener
	sp := 0
	var pairs [][2]int
	for j, i := range s.idx {
		if t[j] != cON {
			continue
		}
		b, ok := bracketOf(r.text[i])
		if !ok {
			continue
		}
		if b.open {
			if sp == maxBracketDepth {
				break
			}
			stack[sp] = opener{b.pair, j}
			sp++
			continue
		}
		c := canonicalBracket(b.r)
		for k := sp - 1; k >= 0; k-- {
			if stack[k].pair == c {
				pairs = append(pairs, [2]int{stack[k].pos, j})
				sp = k
				break
			}
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int { return a[0] - b[0] })
	return pairs
}

// pairedBrackets applies rule N0: a bracket pair takes the embedding
// direction when it encloses a strong type of that direction, else the
// opposite direction when it encloses one and the preceding context
// (back to sos) is also opposite. NSMs following a changed bracket
// (classes before W1 in pre) follow it.
func (r *resolver) pairedBrackets(s *sequence, t, pre []class) {
	pairs := r.bracketPairs(s, t)
	e := dirOfLevel(s.level)
	before, scanned := s.sos, 0
	for _, p := range pairs {
		for ; scanned < p[0]; scanned++ { // pairs are sorted: scan once
			if d := strongOf(t[scanned]); d != cON {
				before = d
			}
		}
		d := cON
		for k := p[0] + 1; k < p[1]; k++ {
			if x := strongOf(t[k]); x == e {
				d = e
				break
			} else if x != cON {
				d = x
			}
		}
		if d == cON {
			continue // N0 d: no strong type inside
		}
		if d != e && before != d {
			d = e // N0 c.2
		}
		setBracket(t, pre, p[0], d)
		setBracket(t, pre, p[1], d)
	}
}

func setBracket(t, pre []class, j int, d class) {
	t[j] = d
	for j++; j < len(t) && pre[j] == cNSM; j++ {
		t[j] = d
	}
}

// isNeutral reports whether c is a neutral or isolate formatting class
// (NI in rules N1 and N2).
func isNeutral(c class) bool {
	switch c {
	case cB, cS, cWS, cON, cLRI, cRLI, cFSI, cPDI:
		return true
	}
	return false
}

// neutralTypes applies N1 (a run of NIs between two strong types of the
// same direction takes it; numbers count as R) and N2 (otherwise the
// embedding direction e).
func neutralTypes(t []class, sos, eos, e class) {
	for j := 0; j < len(t); {
		if !isNeutral(t[j]) {
			j++
			continue
		}
		k := j
		for k < len(t) && isNeutral(t[k]) {
			k++
		}
		before, after := sos, eos
		if j > 0 {
			before = strongOf(t[j-1])
		}
		if k < len(t) {
			after = strongOf(t[k])
		}
		d := e
		if before == after {
			d = before
		}
		for ; j < k; j++ {
			t[j] = d
		}
	}
}
