package clocale

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"
)

// parses reports whether every locale go-locale reads now is a BCP 47 tag:
// what Fyne's lang package needs to stay quiet.
func parses(t *testing.T) bool {
	t.Helper()
	all, err := locale.GetLocales()
	if err != nil {
		t.Fatalf("GetLocales: %v", err)
	}
	for _, l := range all {
		if _, err := language.Parse(l); err != nil {
			return false
		}
	}
	return true
}

// TestFix checks the premise with go-locale itself (C.UTF-8 reads as an
// unparsable "C") and that after Fix every locale it reads parses, for the
// forms of the C locale, while real locales and a set LANGUAGE are left alone.
func TestFix(t *testing.T) {
	cases := []struct {
		lcAll, lang, language string
		wantLanguage          string
		brokenBefore          bool
	}{
		{"", "C.UTF-8", "", "en", true},
		{"", "C.utf8", "", "en", true},
		{"POSIX.UTF-8", "fa_IR.UTF-8", "", "en", true},
		{"", "C", "", "", false},                 // go-locale reads a bare C as "no locale"
		{"", "fa_IR.UTF-8", "", "", false},       // a real locale
		{"", "C.UTF-8", "fa:en", "fa:en", false}, // the user's LANGUAGE wins
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		if got := !parses(t); got != c.brokenBefore {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: go-locale misread before Fix = %v, want %v", c.lcAll, c.lang, c.language, got, c.brokenBefore)
		}
		Fix()
		if got := os.Getenv("LANGUAGE"); got != c.wantLanguage {
			t.Errorf("LC_ALL=%q LANG=%q: LANGUAGE = %q after Fix, want %q", c.lcAll, c.lang, got, c.wantLanguage)
		}
		if !parses(t) {
			t.Errorf("LC_ALL=%q LANG=%q: go-locale still reads an unparsable locale after Fix", c.lcAll, c.lang)
		}
	}
}

// TestInitOrder builds two small programs that import Fyne's lang package,
// one also importing this package, and runs them under LANG=C.UTF-8: the
// first must log Fyne's locale errors (so the second one's silence means
// something) and the second must print nothing on stderr, which shows that
// this package's init runs before Fyne's.
func TestInitOrder(t *testing.T) {
	dir := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			env = append(env, kv)
		}
	}
	env = append(env, "LANG=C.UTF-8")
	stderrOf := func(name string) string {
		bin := filepath.Join(dir, name)
		if out, err := exec.Command("go", "build", "-o", bin, "./testdata/"+name).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", name, err, out)
		}
		cmd := exec.Command(bin)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, stderr.String())
		}
		return stderr.String()
	}
	if got := stderrOf("noisy"); !strings.Contains(got, "Error parsing user locale C") {
		t.Errorf("without clocale, Fyne no longer logs the locale error (fixed upstream? then clocale can go); stderr:\n%s", got)
	}
	if got := stderrOf("quiet"); got != "" {
		t.Errorf("with clocale imported, stderr is not empty:\n%s", got)
	}
}
