package demo

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// missingZWNJ are words that careful Persian writes with a ZWNJ (or a
// space) and that the demo's sentences would otherwise contain, run
// together; and hehHa finds the commonest omission of all, a word ending in
// ه followed directly by the plural ها/های («گروههای» for «گروه‌های»).
var (
	missingZWNJ = []string{
		"میشود", "نمیشود", "میشوند", "میکند", "میکنند", "نمیکند", "میدهد", "میدهند", "میگیرد",
		"میباشد", "میتوان", "میتواند", "میرسد", "میگردد", "میشد", "مینماید", "میخواهند",
		"شدهاند", "شدهاست", "بودهاند", "کردهاند", "دادهاند", "گرفتهاند", "انجامشده", "مطرحشده",
		"خانههای", "گروههای", "حاشیهها", "برنامههای", "پروژههای", "محلهها", "محلههای",
		"هایی", "بهعنوان", "همافزایی", "تصمیمگیری", "امکانپذیر", "اولویتدار",
	}
	hehHa = regexp.MustCompile(`\p{Arabic}*هها\p{Arabic}*`)
)

// misspellings returns what is wrong with s as Persian text: Arabic ي, ى
// or ك instead of Persian ی and ک, and words that lost their ZWNJ.
func misspellings(s string) []string {
	var out []string
	for _, r := range []rune{'\u064A', '\u0649', '\u0643'} {
		if strings.ContainsRune(s, r) {
			out = append(out, fmt.Sprintf("Arabic %c (U+%04X)", r, r))
		}
	}
	for _, w := range missingZWNJ {
		if w == "هایی" {
			// «هایی» is right after a ZWNJ (خانه‌هایی) and after a letter
			// that does not join (کتاب‌هایی or روزهایی); joined to ه it is not.
			if strings.Contains(s, "ههایی") {
				out = append(out, "«ههایی» without a ZWNJ")
			}
			continue
		}
		if strings.Contains(s, w) {
			out = append(out, "«"+w+"» without a ZWNJ")
		}
	}
	for _, w := range hehHa.FindAllString(s, -1) {
		out = append(out, "«"+w+"»: ه joined to ها")
	}
	return out
}

func TestMisspellingsCatchesTheDefects(t *testing.T) {
	for _, bad := range []string{"نیروي هوايي", "شهرداري", "كوچه", "گروههای مردمی", "این کار میشود", "ماهها"} {
		if len(misspellings(bad)) == 0 {
			t.Errorf("%q passes as correct Persian", bad)
		}
	}
	for _, good := range []string{"نیروی هوایی", "گروه‌های مردمی", "این کار می‌شود", "ماه‌ها", "میدان", "جهاندار", "کتابهایی", "خانه‌هایی"} {
		if m := misspellings(good); len(m) != 0 {
			t.Errorf("%q is correct Persian, flagged: %v", good, m)
		}
	}
}

// TestDemoTextIsCorrectPersian scans every string of a demo of 200
// meetings: names, titles, minutes, notes, places, guests, everything. The
// minutes must be Persian, and some have their digits typed on the Latin
// layout (the one typing variant the demo keeps).
func TestDemoTextIsCorrectPersian(t *testing.T) {
	doc, _, _ := filled(t, 200, 3)
	latin := 0
	for _, m := range doc["meetings"] {
		text := m["minutes"].(string)
		if persianShare(text) < 0.6 || !strings.Contains(text, "\u200c") {
			t.Fatalf("minutes are not careful Persian: %q", text)
		}
		if strings.ContainsAny(text, "0123456789") {
			latin++
		}
	}
	if n := len(doc["meetings"]); latin == 0 || latin == n {
		t.Errorf("%d of %d minutes have Latin digits; want some, not all", latin, n)
	}
	bad := map[string]int{}
	examples := map[string]string{}
	for entity, recs := range doc {
		for _, r := range recs {
			for field, v := range r {
				s, ok := v.(string)
				if !ok {
					continue
				}
				for _, m := range misspellings(s) {
					key := entity + "." + field + ": " + m
					if bad[key]++; bad[key] == 1 {
						examples[key] = s
					}
				}
			}
		}
	}
	for key, n := range bad {
		ex := []rune(examples[key])
		t.Errorf("%s (%d times), e.g. %q", key, n, string(ex[:min(len(ex), 120)]))
	}
}
