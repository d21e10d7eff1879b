package bidi

// lineLevels applies rule L1 to the line [start, end) and returns its
// levels. Segment and paragraph separators, and any sequence of
// whitespace and isolate formatting characters before them or at the end
// of the line, are reset to the paragraph level. Characters removed by X9
// join such sequences (UAX #9 section 5.2, Retaining BNs and Explicit
// Formatting Characters). The range is clamped to the paragraph.
func (p *Paragraph) lineLevels(start, end int) (int, []Level) {
	end = min(end, len(p.Text), len(p.Levels))
	start = max(start, 0)
	if start >= end {
		return start, nil
	}
	lv := append([]Level(nil), p.Levels[start:end]...)
	trailing := true
	for i := end - 1; i >= start; i-- {
		switch c := classOf(p.Text[i]); {
		case c == cB || c == cS:
			lv[i-start] = p.BaseLevel
			trailing = true
		case trailing && (c == cWS || isIsolateInitiator(c) || c == cPDI || removedByX9(c)):
			lv[i-start] = p.BaseLevel
		default:
			trailing = false
		}
	}
	return start, lv
}

// lineRuns implements LineRuns: L1, then the runs of equal level are
// reordered by rule L2, from the highest level down to the lowest odd
// level, reversing every maximal sequence of runs at that level or
// higher. Reversing whole runs is equivalent to reversing characters:
// a run ends up mirrored exactly when its level is odd.
func (p *Paragraph) lineRuns(start, end int) []Run {
	start, lv := p.lineLevels(start, end)
	if len(lv) == 0 {
		return nil
	}
	var runs []Run
	lo, hi := lv[0], lv[0]
	for i, l := range lv {
		if i == 0 || l != lv[i-1] {
			runs = append(runs, Run{Start: start + i, Level: l})
			lo, hi = min(lo, l), max(hi, l)
		}
		runs[len(runs)-1].End = start + i + 1
	}
	for l := int(hi); l >= int(lo|1); l-- {
		for i := 0; i < len(runs); {
			if int(runs[i].Level) < l {
				i++
				continue
			}
			j := i
			for j < len(runs) && int(runs[j].Level) >= l {
				j++
			}
			reverseRuns(runs[i:j])
			i = j
		}
	}
	return runs
}

func reverseRuns(r []Run) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}

// visualOrder implements VisualOrder by expanding LineRuns, reversing
// the characters of odd (right-to-left) runs.
func (p *Paragraph) visualOrder(start, end int) []int {
	runs := p.lineRuns(start, end)
	n := 0
	for _, r := range runs {
		n += r.End - r.Start
	}
	order := make([]int, 0, n)
	for _, r := range runs {
		if IsRTL(r.Level) {
			for i := r.End - 1; i >= r.Start; i-- {
				order = append(order, i)
			}
		} else {
			for i := r.Start; i < r.End; i++ {
				order = append(order, i)
			}
		}
	}
	return order
}

// paragraphs implements Paragraphs (rule P1). CR LF is one separator.
func paragraphs(text []rune) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		if classOf(text[i]) != cB {
			continue
		}
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		out = append(out, [2]int{start, i + 1})
		start = i + 1
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}
