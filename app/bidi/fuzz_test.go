package bidi

import (
	"strings"
	"testing"
)

// checkLine verifies that VisualOrder is a permutation of [start, end)
// and that LineRuns cover the same positions.
func checkLine(t *testing.T, p *Paragraph, start, end int) {
	order := p.VisualOrder(start, end)
	if len(order) != end-start {
		t.Fatalf("VisualOrder(%d, %d) has %d entries", start, end, len(order))
	}
	seen := make([]bool, end-start)
	for _, i := range order {
		if i < start || i >= end || seen[i-start] {
			t.Fatalf("VisualOrder(%d, %d) = %v is not a permutation", start, end, order)
		}
		seen[i-start] = true
	}
	n := 0
	for _, r := range p.LineRuns(start, end) {
		if r.Start < start || r.End > end || r.Start >= r.End || r.Level > maxDepth+1 {
			t.Fatalf("bad run %+v in [%d, %d)", r, start, end)
		}
		n += r.End - r.Start
	}
	if n != end-start {
		t.Fatalf("LineRuns(%d, %d) cover %d runes", start, end, n)
	}
}

// FuzzResolve checks that no input panics, that levels stay within
// max_depth+1 (I1/I2 can raise 125 to 126) and that every line's visual
// order is a permutation.
func FuzzResolve(f *testing.F) {
	f.Add("نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09 برگزار شد", 1, 7)
	f.Add("a\u202b(b\u2067c)\u2069\u202c[d]\u2068\u05d0", 2, 3)
	f.Add(strings.Repeat("\u202e\u2066", 70)+"x(1)\u200c", 0, 100)
	f.Add(strings.Repeat("(", 70)+"ا"+strings.Repeat(")", 70), 1, 0)
	f.Add("\xff\xfe\u0300\t \u2029", 3, 2)
	f.Fuzz(func(t *testing.T, s string, dir, cut int) {
		text := []rune(s)
		p := Resolve(text, Direction(dir))
		if len(p.Levels) != len(text) || p.BaseLevel > 1 {
			t.Fatalf("%d levels for %d runes, base %d", len(p.Levels), len(text), p.BaseLevel)
		}
		for i, l := range p.Levels {
			if l > maxDepth+1 {
				t.Fatalf("level %d at %d", l, i)
			}
		}
		checkLine(t, p, 0, len(text))
		if len(text) > 0 {
			c := (cut%len(text) + len(text)) % len(text)
			checkLine(t, p, 0, c)
			checkLine(t, p, c, len(text))
		}
		for _, pr := range Paragraphs(text) {
			if pr[0] >= pr[1] || pr[1] > len(text) {
				t.Fatalf("bad paragraph %v", pr)
			}
		}
	})
}
