package bidi

import (
	"bufio"
	"strings"
	"testing"
)

// classSample maps the class names of BidiTest.txt to a character of
// that class (none of them a paired bracket).
var classSample = map[string]rune{
	"L": 'a', "R": 0x05D0, "AL": 0x0627, "EN": '1', "ES": '+', "ET": '$',
	"AN": 0x0660, "CS": ',', "NSM": 0x0300, "BN": 0x00AD, "B": 0x2029,
	"S": '\t', "WS": ' ', "ON": '!', "LRE": 0x202A, "RLE": 0x202B,
	"PDF": 0x202C, "LRO": 0x202D, "RLO": 0x202E, "LRI": 0x2066,
	"RLI": 0x2067, "FSI": 0x2068, "PDI": 0x2069,
}

// TestBidiTest runs the class-based BidiTest.txt: @Levels and @Reorder
// lines set the expectations of the data lines "classes; bitset" that
// follow, where the bitset selects auto (1), LTR (2) and RTL (4).
func TestBidiTest(t *testing.T) {
	t.Parallel()
	f := openUCD(t, "BidiTest.txt")
	defer f.Close()
	var cases []conformanceCase
	var levels []int
	var order []int
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "@Levels:"):
			levels = fieldsInt(t, line[len("@Levels:"):])
		case strings.HasPrefix(line, "@Reorder:"):
			order = fieldsInt(t, line[len("@Reorder:"):])
		case line[0] == '@':
		default:
			cases = append(cases, classCases(t, n, line, levels, order)...)
		}
	}
	if len(cases) < 400000 {
		t.Errorf("only %d cases read", len(cases))
	}
	runCases(t, "BidiTest.txt", cases)
}

// classCases expands one BidiTest.txt data line into one case per
// paragraph direction of its bitset. The file gives no paragraph level
// for auto; the levels check covers it.
func classCases(t *testing.T, n int, line string, levels, order []int) []conformanceCase {
	in, bits, _ := strings.Cut(line, ";")
	var text []rune
	for _, name := range strings.Fields(in) {
		r, ok := classSample[name]
		if !ok {
			t.Fatalf("line %d: unknown class %q", n, name)
		}
		text = append(text, r)
	}
	set := fieldsInt(t, bits)[0]
	var out []conformanceCase
	for bit, dir := range []Direction{Auto, LTR, RTL} {
		if set&(1<<bit) == 0 {
			continue
		}
		c := conformanceCase{line: n, text: text, dir: dir, levels: levels, order: order}
		switch dir {
		case RTL:
			c.para = 1
		case Auto:
			c.para = -1
		}
		out = append(out, c)
	}
	return out
}
