package bidi

// sequence is an isolating run sequence (BD13): the characters of one or
// more level runs chained through matching isolate initiators and PDIs,
// with the characters removed by X9 left out.
type sequence struct {
	idx      []int // text indexes, in logical order
	level    Level
	sos, eos class // cL or cR (X10)
}

// dirOfLevel returns the embedding direction of a level.
func dirOfLevel(l Level) class {
	if l&1 == 1 {
		return cR
	}
	return cL
}

// isolatingRunSequences applies X9 (skipping removed characters) and X10:
// it splits the kept characters into level runs (BD7) and chains the
// runs that end with an isolate initiator to the run that starts with
// its matching PDI.
func (r *resolver) isolatingRunSequences() []sequence {
	kept := make([]int, 0, len(r.text))
	for i, c := range r.orig {
		if !removedByX9(c) {
			kept = append(kept, i)
		}
	}
	var runs [][2]int      // [start, end) positions in kept
	var pdiRun map[int]int // run index by its first character, a matched PDI
	for k := 0; k < len(kept); k++ {
		if k == 0 || r.levels[kept[k]] != r.levels[kept[k-1]] {
			if r.orig[kept[k]] == cPDI && r.matched[kept[k]] {
				if pdiRun == nil {
					pdiRun = map[int]int{}
				}
				pdiRun[kept[k]] = len(runs)
			}
			runs = append(runs, [2]int{k, k})
		}
		runs[len(runs)-1][1] = k + 1
	}
	used := make([]bool, len(runs))
	seqs := make([]sequence, 0, len(runs))
	buf := make([]int, 0, len(kept)) // holds every sequence's idx
	for k := range runs {
		if used[k] {
			continue
		}
		s := sequence{level: r.levels[kept[runs[k][0]]]}
		first, last, from := runs[k][0], 0, len(buf)
		for j := k; ; {
			used[j] = true
			buf = append(buf, kept[runs[j][0]:runs[j][1]]...)
			last = runs[j][1] - 1
			end := kept[last]
			next, ok := pdiRun[r.match[end]]
			if !isIsolateInitiator(r.orig[end]) || !ok || used[next] {
				break
			}
			j = next
		}
		s.idx = buf[from:len(buf):len(buf)]
		r.boundaries(&s, kept, first, last)
		seqs = append(seqs, s)
	}
	r.scratch = make([]class, 2*len(kept))
	return seqs
}

// boundaries sets sos and eos (X10) from the higher of the sequence level
// and the level of the neighbouring kept character, or the paragraph
// level at the paragraph edges and after an unmatched isolate initiator.
func (r *resolver) boundaries(s *sequence, kept []int, first, last int) {
	prev, next := r.base, r.base
	if first > 0 {
		prev = r.levels[kept[first-1]]
	}
	if last+1 < len(kept) && !isIsolateInitiator(r.orig[kept[last]]) {
		next = r.levels[kept[last+1]]
	}
	s.sos = dirOfLevel(max(prev, s.level))
	s.eos = dirOfLevel(max(next, s.level))
}

// resolveSequence applies W1–W7, N0–N2 and I1–I2 to one sequence.
func (r *resolver) resolveSequence(s *sequence) {
	n := len(s.idx)
	t, pre := r.scratch[:n:n], r.scratch[n:2*n] // pre: classes before W1, for N0
	for j, i := range s.idx {
		t[j] = r.types[i]
	}
	copy(pre, t)
	weakTypes(t, s.sos)
	r.pairedBrackets(s, t, pre)
	neutralTypes(t, s.sos, s.eos, dirOfLevel(s.level))
	for j, i := range s.idx {
		r.levels[i] = implicitLevel(s.level, t[j])
	}
}

// weakTypes applies rules W1–W7 to the classes of a sequence.
func weakTypes(t []class, sos class) {
	prev, strong := sos, sos
	for j, c := range t {
		if c == cNSM { // W1
			c = prev
			t[j] = c
		}
		prev = c
		switch c {
		case cLRI, cRLI, cFSI, cPDI:
			prev = cON
		case cL, cR, cAL:
			strong = c
		case cEN:
			if strong == cAL { // W2
				t[j] = cAN
			}
		}
	}
	for j, c := range t {
		if c == cAL { // W3
			t[j] = cR
		}
	}
	for j := 1; j+1 < len(t); j++ { // W4
		a, b := t[j-1], t[j+1]
		if t[j] == cES && a == cEN && b == cEN ||
			t[j] == cCS && a == b && (a == cEN || a == cAN) {
			t[j] = a
		}
	}
	terminators(t)
	strong = sos
	for j, c := range t {
		switch c {
		case cES, cET, cCS: // W6
			t[j] = cON
		case cL, cR:
			strong = c
		case cEN:
			if strong == cL { // W7
				t[j] = cL
			}
		}
	}
}

// terminators applies W5: a sequence of ETs next to an EN becomes EN.
func terminators(t []class) {
	for j := 0; j < len(t); {
		if t[j] != cET {
			j++
			continue
		}
		k := j
		for k < len(t) && t[k] == cET {
			k++
		}
		if j > 0 && t[j-1] == cEN || k < len(t) && t[k] == cEN {
			for ; j < k; j++ {
				t[j] = cEN
			}
		}
		j = k
	}
}
