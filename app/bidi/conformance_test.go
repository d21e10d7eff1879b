package bidi

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ucdDir is where the Debian package unicode-data installs the UCD.
const ucdDir = "/usr/share/unicode"

// openUCD opens a UCD test file, failing under CI and skipping otherwise
// when it is missing.
func openUCD(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(ucdDir, name))
	if err == nil {
		return f
	}
	msg := fmt.Sprintf("%s missing (%v): run `make deps` (apt package unicode-data)", name, err)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	fmt.Println("bidi conformance skipped:", msg)
	t.Skip(msg)
	return nil
}

// conformanceCase is one test case in the format of BidiCharacterTest.txt.
type conformanceCase struct {
	line   int
	text   []rune
	dir    Direction
	para   int   // expected paragraph level, or -1 to skip the check
	levels []int // expected levels, -1 for characters removed by X9
	order  []int // visual order of the characters that are not removed
}

// check runs Resolve, L1 and L2 on c and describes the first mismatch.
func (c *conformanceCase) check() string {
	p := Resolve(c.text, c.dir)
	if c.para >= 0 && int(p.BaseLevel) != c.para {
		return fmt.Sprintf("paragraph level %d, want %d", p.BaseLevel, c.para)
	}
	_, lv := p.lineLevels(0, len(c.text))
	if len(lv) != len(c.levels) {
		return fmt.Sprintf("%d levels, want %d", len(lv), len(c.levels))
	}
	for i, want := range c.levels {
		if want >= 0 && int(lv[i]) != want {
			return fmt.Sprintf("levels %v, want %v", lv, c.levels)
		}
	}
	order := make([]int, 0, len(c.order))
	for _, i := range p.VisualOrder(0, len(c.text)) {
		if c.levels[i] >= 0 {
			order = append(order, i)
		}
	}
	if !slices.Equal(order, c.order) {
		return fmt.Sprintf("order %v, want %v", order, c.order)
	}
	return ""
}

// runCases checks every case, logs the pass count (printed too, so that
// it shows without -v) and fails listing the first 20 failures.
func runCases(t *testing.T, file string, cases []conformanceCase) {
	t.Helper()
	var fails []string
	for i := range cases {
		if msg := cases[i].check(); msg != "" {
			fails = append(fails, fmt.Sprintf("line %d %U dir %d: %s",
				cases[i].line, cases[i].text, cases[i].dir, msg))
		}
	}
	pass := len(cases) - len(fails)
	fmt.Printf("bidi conformance %s (Unicode %s tables): %d/%d cases pass\n", file, unicodeVersion, pass, len(cases))
	t.Logf("%s: %d/%d cases pass", file, pass, len(cases))
	if len(fails) > 0 {
		t.Errorf("%d of %d cases fail; first ones:\n%s", len(fails), len(cases),
			strings.Join(fails[:min(20, len(fails))], "\n"))
	}
}

// fieldsInt parses space-separated numbers; "x" (removed by X9) is -1.
func fieldsInt(t *testing.T, s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		if f == "x" {
			out = append(out, -1)
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("bad number %q", f)
		}
		out = append(out, v)
	}
	return out
}

// TestBidiCharacterTest runs BidiCharacterTest.txt: code points;
// direction (0 LTR, 1 RTL, 2 auto); paragraph level; levels; order.
func TestBidiCharacterTest(t *testing.T) {
	t.Parallel()
	f := openUCD(t, "BidiCharacterTest.txt")
	defer f.Close()
	var cases []conformanceCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 && !strings.Contains(line, unicodeVersion) {
			fmt.Printf("bidi: tables are Unicode %s but the test file says %q: "+
				"regenerate them with `go generate ./app/bidi`\n", unicodeVersion, line)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Split(line, ";")
		if len(fs) != 5 {
			t.Fatalf("line %d: %d fields", n, len(fs))
		}
		c := conformanceCase{line: n, levels: fieldsInt(t, fs[3]), order: fieldsInt(t, fs[4])}
		for _, h := range strings.Fields(fs[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			c.text = append(c.text, rune(v))
		}
		c.dir = []Direction{LTR, RTL, Auto}[fieldsInt(t, fs[1])[0]]
		c.para = fieldsInt(t, fs[2])[0]
		cases = append(cases, c)
	}
	if len(cases) < 90000 {
		t.Errorf("only %d cases read", len(cases))
	}
	runCases(t, "BidiCharacterTest.txt", cases)
}
