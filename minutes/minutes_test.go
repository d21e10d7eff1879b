package minutes

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mahalleh/pdf/pdftest"
)

// writeMinutes prints the minutes of m to a file and returns its path;
// MINUTES_OUT=dir keeps a copy to look at.
func writeMinutes(t *testing.T, m *Meeting, lang string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "minutes-"+lang+".pdf")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, m, lang); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("MINUTES_OUT"); dir != "" {
		b, _ := os.ReadFile(file)
		os.WriteFile(filepath.Join(dir, t.Name()+"-"+lang+".pdf"), b, 0o644)
	}
	return file
}

func loadSeed(t *testing.T, extraGuests int) (*Meeting, seedMeeting) {
	t.Helper()
	s, sm := openSeed(t, extraGuests)
	m, err := Load(context.Background(), s, sm.id)
	if err != nil {
		t.Fatal(err)
	}
	return m, sm
}

// contains reports whether the extracted text holds want, compared by
// pdftest.Words (spaces, bidi controls and commas are extraction's).
func contains(t *testing.T, text, want, what string) {
	t.Helper()
	if !strings.Contains(pdftest.Words(text), pdftest.Words(want)) {
		t.Errorf("%s %q is not in the extracted text", what, want)
	}
}

// The seed meeting's minutes read back with pdftotext: the Persian title,
// the header, the weekday and Jalali date, every attendee, agenda point,
// decision and action item, the Latin/digit mix of the third agenda point,
// and "page n of N" on every page, all in logical order.
func TestSeedMinutesReadBack(t *testing.T) {
	m, sm := loadSeed(t, 0)
	file := writeMinutes(t, m, "fa")
	pages := pdftest.Text(t, file)
	text := strings.Join(pages, "\n")
	for _, s := range []string{"صورتجلسه", "بسمه تعالی", "شهرداری تهران", "شهرداری منطقه ۱۴", "ناحیه ۲، محله پیروزی",
		"تاریخ: چهارشنبه ۹ مهر ۱۴۰۴", "ساعت: از ۱۰:۰۰ تا ۱۲:۳۰", "مکان: سالن جلسات شهرداری منطقه ۱۴",
		"برگزارکننده: امیر شهرابی", "تاریخ: ۱۴۰۴/۰۷/۰۹", "نام و امضای رئیس جلسه"} {
		contains(t, text, s, "header text")
	}
	contains(t, pages[0], sm.title, "the title")
	for _, s := range sm.attendees {
		contains(t, text, s, "attendee")
	}
	contains(t, text, "غایبان: "+sm.absent[0], "the absentee")
	for _, s := range append(append(sm.agenda[:2], sm.decisions...), sm.actions...) {
		contains(t, text, s, "item")
	}
	// The end, "7 (Piroozi)", is left out: UAX #9 makes the brackets
	// right-to-left after a digit (rule N0) and they print so, but poppler's
	// guess reads "(Piroozi) 7" back.
	contains(t, text, "پیگیری درخواست‌های سامانه 137 و ایستگاه BRT خط", "the Latin/digit mix")
	contains(t, text, "۱۴۰۴/۰۸/۱۹", "the first deadline (10 November 2025)")
	body := pdftest.Words(text)
	for i := range pages { // a paragraph may go on over a page's foot
		body = strings.ReplaceAll(body, pdftest.Words("صورتجلسه ۱۴۰۴/۰۷/۰۹"), "")
		body = strings.ReplaceAll(body, pdftest.Words("صفحه "+digitsFa(i+1)+" از "+digitsFa(len(pages))), "")
	}
	for _, para := range seedArticle(t) {
		contains(t, body, para, "a paragraph of the discussion")
	}
	for i, p := range pages {
		contains(t, p, "صفحه "+digitsFa(i+1)+" از "+digitsFa(len(pages)), "the page number")
	}
}

// The English minutes use English labels and Latin digits; the Persian
// content stays Persian and in order.
func TestEnglishMinutes(t *testing.T) {
	m, sm := loadSeed(t, 0)
	pages := pdftest.Text(t, writeMinutes(t, m, "en"))
	text := strings.Join(pages, "\n")
	for _, s := range []string{"Minutes of meeting", "Tehran Municipality", "District 14 Municipality",
		"Date: Wednesday 9 Mehr 1404", "Time: 10:00 to 12:30", "Present", "Signature", sm.title, sm.attendees[0]} {
		contains(t, text, s, "text")
	}
	contains(t, pages[len(pages)-1], "Page "+itoa(len(pages))+" of "+itoa(len(pages)), "the page number")
}

// With 60 attendees the attendance table runs over pages: its header is
// repeated on each, no name is lost, and the page count is what the
// geometry gives: every row is at least 26pt, so 60 rows need more than
// the 737pt of one page's column.
func TestSixtyAttendees(t *testing.T) {
	m, sm := loadSeed(t, 60-7)
	if len(sm.attendees) != 60 {
		t.Fatalf("%d attendees, want 60", len(sm.attendees))
	}
	n, err := Pages(m, "fa")
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftest.Text(t, writeMinutes(t, m, "fa"))
	if len(pages) != n {
		t.Errorf("pdftotext found %d pages, the layout made %d", len(pages), n)
	}
	if n < 4 || n > 6 {
		t.Errorf("%d pages for 60 attendees and the seed article, want 4 to 6", n)
	}
	text := strings.Join(pages, "\n")
	for _, s := range sm.attendees {
		contains(t, text, s, "attendee")
	}
	headers := 0
	for _, p := range pages {
		if strings.Contains(pdftest.Words(p), pdftest.Words("نقش در جلسه")) {
			headers++
		}
	}
	if headers < 2 {
		t.Errorf("the attendance header is on %d pages, want it repeated on every page the table spans", headers)
	}
	for i, p := range pages {
		contains(t, p, "صفحه "+digitsFa(i+1)+" از "+digitsFa(n), "the page number")
	}
}

func digitsFa(n int) string {
	r := []rune(itoa(n))
	for i := range r {
		r[i] += '۰' - '0'
	}
	return string(r)
}
