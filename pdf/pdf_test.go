package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mahalleh/app/bidi"
	"mahalleh/assets"
	"mahalleh/pdf/pdftest"
)

func vazirmatn(t testing.TB, name string) *Font {
	t.Helper()
	b, err := assets.Fonts.ReadFile("fonts/" + name + ".ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFont(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// write lays out each text right-aligned at width and writes the PDF.
func write(t *testing.T, texts []string, width float64) (string, *Document) {
	t.Helper()
	f := vazirmatn(t, "Vazirmatn-Regular")
	d := New(A4Width, A4Height)
	d.AddFont(f)
	p := d.NewPage()
	st := Style{Font: f, Size: 12}
	y := 60.0
	for _, s := range texts {
		for _, l := range st.Lines(s, width, bidi.RTL) {
			if l.Width > width+0.01 {
				t.Errorf("a line of %q is %.1fpt wide, more than %.1f", s, l.Width, width)
			}
			p.Text(l, 60+width-l.Width, y)
			y += st.Height()
		}
		y += 6
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	out, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WriteTo(out); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return file, d
}

// Text drawn in visual order comes back from pdftotext in logical order:
// joined Persian, a ZWNJ, the لا ligature, mirrored brackets, Persian and
// Latin digits, a phone number and Latin words inside Persian.
func TestExtractedTextIsLogical(t *testing.T) {
	texts := []string{
		"صورتجلسه نشست نظارت ستادی معاونت هماهنگی و امور مناطق",
		"چهارشنبه ۹ مهر ۱۴۰۴ ساعت 15:48 در سالن WiFi پارک",
		"می‌شود گروه‌های لا (پرانتز) مؤثر ۱۲ روزه، 021-55123456",
		"English first then فارسی 123",
	}
	file, _ := write(t, texts, 480)
	got := pdftest.Words(strings.Join(pdftest.Text(t, file), ""))
	want := pdftest.Words(strings.Join(texts, ""))
	if got != want {
		t.Errorf("pdftotext gave\n%q\nwant\n%q", got, want)
	}
}

// A long paragraph wraps inside a narrow column, no line wider than it,
// and reads back whole; a word wider than the column is cut.
func TestWrapAndReadBack(t *testing.T) {
	para := strings.Repeat("مردم سرمایه‌های اصلی ما هستند و باید در مرکز تصمیم‌گیری‌ها قرار گیرند. ", 6) +
		"https://example.org/averyveryverylongaddressthatdoesnotfitonanyline"
	file, _ := write(t, []string{para}, 150)
	got := pdftest.Words(strings.Join(pdftest.Text(t, file), ""))
	if got != pdftest.Words(para) {
		t.Errorf("pdftotext gave\n%q\nwant\n%q", got, pdftest.Words(para))
	}
	f := vazirmatn(t, "Vazirmatn-Regular")
	if n := len((Style{Font: f, Size: 12}).Lines(para, 150, bidi.RTL)); n < 10 {
		t.Errorf("%d lines, want at least 10 at 150pt", n)
	}
}

// The embedded subset is a valid font (pdftoppm renders it without a
// complaint) and much smaller than Vazirmatn itself.
func TestSubsetRenders(t *testing.T) {
	file, _ := write(t, []string{"سلام دنیا Hello ۱۲۳"}, 400)
	if pngs := pdftest.Render(t, file, 50, 1, 1); len(pngs) != 1 {
		t.Fatalf("%d pages rendered, want 1", len(pngs))
	}
	st, _ := os.Stat(file)
	if st.Size() > 30000 {
		t.Errorf("the PDF is %d bytes; the font subset is not working", st.Size())
	}
}
