package persian

import (
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

const zwnj = "\u200c"

// seedArticle is a real news article copied from the web: it has no ZWNJ at
// all ("حاشیهها", "بهعنوان"), which is exactly the text Normalize must match.
// A copy of ../shared/seed/ lives in data/testdata so a bare checkout has it.
const seedArticle = "../testdata/district14-news-article.fa.txt"

// seedText returns the seed article.
func seedText(tb testing.TB) string {
	b, err := os.ReadFile(seedArticle)
	if err != nil {
		tb.Fatalf("the seed article is missing: %v", err)
	}
	return string(b)
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"already normal", "منطقه 14", "منطقه 14"},
		{"arabic yeh", "شهرداري", "شهرداری"},
		{"alef maksura", "مصطفى", "مصطفی"},
		{"yeh with hamza", "پائیز", "پاییز"},
		{"arabic kaf", "كارشناس", "کارشناس"},
		{"swash kaf", "ڪار", "کار"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"heh with yeh", "خانۀ", "خانه"},
		{"heh plus hamza mark", "خانهٔ", "خانه"},
		{"alef madda", "آب", "اب"},
		{"alef madda decomposed", "ا\u0653ب", "اب"},
		{"alef hamza", "أحمد إمام ٱلله", "احمد امام الله"},
		{"waw hamza", "مؤمن", "مومن"},
		{"standalone hamza kept", "جزء", "جزء"},
		{"persian digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"mixed digits", "منطقه ۱4 ناحیه ٢", "منطقه 14 ناحیه 2"},
		{"zwnj", "حاشیه" + zwnj + "ها", "حاشیهها"},
		{"zwnj in mi-", "می" + zwnj + "شود", "میشود"},
		{"zwj soft hyphen zwsp", "a\u200db\u00adc\u200bd", "abcd"},
		{"bidi marks", "\u200e1404\u200f/\u061c07\u202b/09\u202c\u2067x\u2069", "1404/07/09x"},
		{"bom", "\ufeffسلام", "سلام"},
		{"harakat", "مُحَمَّد", "محمد"},
		{"tanwin", "فوراً", "فورا"},
		{"superscript alef", "رحمٰن", "رحمن"},
		{"tatweel", "تهـــران", "تهران"},
		{"spaces", "  منطقه \t\n ۱۴  ", "منطقه 14"},
		{"nbsp and narrow nbsp", "سرای\u00a0محله\u202fفرحزاد", "سرای محله فرحزاد"},
		{"space around removed mark", "الف \u200c ب", "الف ب"},
		{"only invisible", "\u200c\u200e ", ""},
		{"latin case", "Tehran DISTRICT 14", "tehran district 14"},
		{"non-ascii case", "ÉCOLE Ärzte", "école ärzte"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNormalizeZWNJ is the reason the key drops ZWNJ: the seed article was
// copied from the web without it, and searches must still find it.
func TestNormalizeZWNJ(t *testing.T) {
	article := seedText(t)
	if strings.Contains(article, zwnj) {
		t.Fatalf("the seed article is expected to have no ZWNJ")
	}
	pairs := [][2]string{
		{"حاشیه" + zwnj + "ها", "حاشیهها"},
		{"به" + zwnj + "عنوان", "بهعنوان"},
		{"ظرفیت" + zwnj + "های", "ظرفیتهای"},
		{"مردم" + zwnj + "محور", "مردممحور"},
		{"بهره" + zwnj + "گیری", "بهرهگیری"},
	}
	key := Normalize(article)
	for _, p := range pairs {
		if Normalize(p[0]) != Normalize(p[1]) {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q: want equal", p[0], Normalize(p[0]), p[1], Normalize(p[1]))
		}
		if !strings.Contains(key, Normalize(p[0])) {
			t.Errorf("a search for %q does not find the seed article", p[0])
		}
	}
	// And the reverse: Arabic-keyboard typing finds Persian text.
	if !strings.Contains(key, Normalize("شهرداري تهران")) {
		t.Errorf("a search typed with Arabic yeh does not find the seed article")
	}
	if !strings.Contains(key, Normalize("منطقه 14")) || !strings.Contains(key, Normalize("منطقه ١٤")) {
		t.Errorf("a search with Latin or Arabic-Indic digits does not find «منطقه ۱۴»")
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	lines := strings.Split(seedText(t), "\n")
	lines = append(lines, "شهرداري", "ÉCOLE", "a\xffb", "  x  y  ", "\u0130stanbul", "\u1e9e")
	for _, l := range lines {
		once := Normalize(l)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize not idempotent on %q: %q then %q", l, once, twice)
		}
	}
}

func TestNormalizeNoAllocWhenNormal(t *testing.T) {
	s := Normalize(seedText(t))
	if n := testing.AllocsPerRun(10, func() { _ = Normalize(s) }); n != 0 {
		t.Errorf("Normalize of a normal string allocates %v times, want 0", n)
	}
	raw := seedText(t)
	if n := testing.AllocsPerRun(10, func() { _ = Normalize(raw) }); n > 1 {
		t.Errorf("Normalize allocates %v times, want at most 1", n)
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"arabic yeh and kaf", "كارشناس شهرداري", "کارشناس شهرداری"},
		{"alef maksura", "مصطفى", "مصطفی"},
		{"keeps zwnj", "حاشیه" + zwnj + "ها", "حاشیه" + zwnj + "ها"},
		{"keeps digits", "منطقه ۱۴ و 14 و ١٤", "منطقه ۱۴ و 14 و ١٤"},
		{"keeps diacritics and tatweel", "مُحَمَّد تهـران", "مُحَمَّد تهـران"},
		{"keeps case", "Tehran", "Tehran"},
		{"trims and collapses", " \t سرای\u00a0\u00a0محله  فرحزاد \u202f", "سرای محله فرحزاد"},
		{"keeps line breaks", "بند ۱: \r\n  بند ۲\rبند ۳", "بند ۱:\nبند ۲\nبند ۳"},
		{"keeps blank lines inside", "الف\n\nب", "الف\n\nب"},
		{"trims blank lines at ends", "\n \n الف \n\n", "الف"},
		{"unicode line separators", "الف\u2028ب\u2029ج", "الف\nب\nج"},
		{"removes controls", "a\x00b\x07c\x7f", "abc"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("Clean not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestDigits(t *testing.T) {
	tests := []struct{ in, persian, latin string }{
		{"", "", ""},
		{"بدون عدد", "بدون عدد", "بدون عدد"},
		{"1404/07/09", "۱۴۰۴/۰۷/۰۹", "1404/07/09"},
		{"۱۴۰۴/۰۷/۰۹", "۱۴۰۴/۰۷/۰۹", "1404/07/09"},
		{"١٤٠٤/٠٧/٠٩", "۱۴۰۴/۰۷/۰۹", "1404/07/09"},
		{"منطقه 1۴ و ٢", "منطقه ۱۴ و ۲", "منطقه 14 و 2"},
		{"0123456789", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
	}
	for _, tt := range tests {
		if got := Digits(tt.in); got != tt.persian {
			t.Errorf("Digits(%q) = %q, want %q", tt.in, got, tt.persian)
		}
		if got := LatinDigits(tt.in); got != tt.latin {
			t.Errorf("LatinDigits(%q) = %q, want %q", tt.in, got, tt.latin)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "۰"},
		{7, "۷"},
		{999, "۹۹۹"},
		{1000, "۱٬۰۰۰"},
		{12345, "۱۲٬۳۴۵"},
		{1234567, "۱٬۲۳۴٬۵۶۷"},
		{-1234, "-۱٬۲۳۴"},
		{math.MaxInt64, "۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۷"},
		{math.MinInt64, "-۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۸"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.n); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	for n, want := range map[int]string{0: "۰٪", 45: "۴۵٪", 100: "۱۰۰٪"} {
		if got := FormatPercent(n); got != want {
			t.Errorf("FormatPercent(%d) = %q, want %q", n, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, l := range strings.Split(seedText(f), "\n") {
		f.Add(l)
	}
	f.Add("حاشیه" + zwnj + "ها  ي ك ۱٤4 \u200e\u0640\u064e\u00a0É")
	f.Add("a\xffb")
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if strings.Contains(n, zwnj) {
			t.Fatalf("Normalize(%q) = %q: contains ZWNJ", s, n)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q: untrimmed or doubled space", s, n)
		}
		if nn := Normalize(n); nn != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, nn)
		}
		if c := Clean(s); Normalize(c) != n {
			t.Fatalf("Normalize(Clean(%q)) = %q, want Normalize = %q", s, Normalize(c), n)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	// A paragraph of the seed article: typical web-copied Persian (Arabic
	// punctuation, no ZWNJ, Persian and Latin digits).
	paras := strings.Split(seedText(b), "\n\n")
	para := paras[len(paras)/2]
	if len(paras) > 2 {
		para = paras[2]
	}
	b.SetBytes(int64(len(para)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Normalize(para)
	}
}

func BenchmarkNormalizeAlreadyNormal(b *testing.B) {
	para := Normalize(seedText(b))
	b.SetBytes(int64(len(para)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Normalize(para)
	}
}
