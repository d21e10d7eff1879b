package clocale

import (
	"os"
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
