// Package pdftest reads PDFs back with poppler's tools (pdftotext,
// pdftoppm) for tests: an oracle from outside the code that wrote them.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// Tool returns the path of a poppler-utils program. Under CI (CI=true) a
// missing tool fails the test, since .ci/deps installs it; elsewhere the
// test is skipped with the reason.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; .ci/deps installs it (Debian package poppler-utils)", name)
	}
	t.Skipf("%s is not installed (apt-get install poppler-utils); skipping the read-back check", name)
	return ""
}

// Text extracts the text of a PDF file with pdftotext (reading order, not
// layout), one string per page.
func Text(t testing.TB, file string) []string {
	t.Helper()
	cmd := exec.Command(Tool(t, "pdftotext"), "-enc", "UTF-8", file, "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext %s: %v %s", file, err, stderr.String())
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// Render draws the pages of a PDF to PNG files at dpi and returns their
// paths in page order. Any complaint of pdftoppm (a broken font, a bad
// object) fails the test.
func Render(t testing.TB, file string, dpi int, first, last int) []string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"-r", itoa(dpi), "-png"}
	if first > 0 {
		args = append(args, "-f", itoa(first), "-l", itoa(last))
	}
	cmd := exec.Command(Tool(t, "pdftoppm"), append(args, file, filepath.Join(dir, "p"))...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftoppm %s: %v %s", file, err, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(files)
	return files
}

func itoa(n int) string {
	var b []byte
	for ; n > 0 || len(b) == 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Squash removes what text extraction is free to change: white space
// (pdftotext moves the spaces around a number inside Persian text) and the
// bidi embedding controls poppler wraps runs in (U+202A–U+202E). What
// remains must be the text in logical order.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, s)
}

// Words is Squash without full stops, commas and colons: between a Persian
// word and a number or a Latin word, pdftotext's own reordering puts them
// on the wrong side, though they are drawn where UAX #9 puts them (look at
// the rendered page). What remains must still be every word in logical
// order.
func Words(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '،' || r == ',' || r == ':' {
			return -1
		}
		return r
	}, Squash(s))
}
