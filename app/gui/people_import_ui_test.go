package gui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
)

// sheetFile writes a CSV the officer would pick.
func sheetFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	writeFile(t, p, text)
	return p
}

// A file with wrong rows shows every one of them (row, column, reason in
// the UI language), offers no import, and writes nothing; a good file shows
// who would be added and "import all" adds exactly them.
func TestImportPeoplePreview(t *testing.T) {
	s, wd := testStore(t, "", false)
	sh, w := testShell(t, s, i18n.Persian)
	sh.openSection("people")
	page := sh.current().(*peoplePage)
	before := countRows(t, s, "people")
	bad := sheetFile(t, "people.csv", "نام,تلفن,نقش\n"+
		",09121110000,ساکن محله\n"+ // row 2: no name
		"مریم رضایی,0912abc4567,\n"+ // row 3: a phone with letters
		"حاج ابراهيم كريمي,,معتمد محل\n"+ // row 4: Arabic ي/ك, already in the register
		"سارا نوری,09123334455,مدیر کل\n"+ // row 5: an unknown role
		"علی مرادی,09125556677,\n") // row 6: fine
	page.imp.open(bad)
	p := page.imp.preview
	if p == nil || p.OK() {
		t.Fatalf("the preview of a file with wrong rows: %+v", p)
	}
	type at struct {
		row    int
		column string
	}
	var got []at
	for _, pr := range p.Problems {
		got = append(got, at{pr.Row, pr.Column})
		if pr.ReasonFa == "" || pr.ReasonFa == pr.Reason {
			t.Errorf("row %d: no Persian reason: %+v", pr.Row, pr)
		}
	}
	want := []at{{2, "نام"}, {3, "تلفن"}, {4, "نام"}, {5, "نقش"}}
	if !slices.Equal(got, want) {
		t.Errorf("problems at %v, want %v", got, want)
	}
	if !page.imp.all.Disabled() {
		t.Error("a file with wrong rows can be imported")
	}
	settle(w)
	test.AssertImageMatches(t, "import_preview_fa.png", w.Canvas().Capture())
	test.Tap(overlayButton(t, w, i18n.T("button.cancel")))
	if countRows(t, s, "people") != before {
		t.Fatal("a refused import wrote people")
	}

	good := sheetFile(t, "good.csv", "name,phone,role\nعلی مرادی,۰۹۱۲۵۵۵۶۶۷۷,resident\nنرگس صالحی,+98 935 111 2233,معتمد محل\n")
	page.imp.open(good)
	if p := page.imp.preview; !p.OK() || len(p.Rows) != 2 {
		t.Fatalf("the good file's preview: %+v", p)
	}
	if countRows(t, s, "people") != before {
		t.Fatal("the preview wrote people")
	}
	test.Tap(page.imp.all)
	if n := countRows(t, s, "people"); n != before+2 {
		t.Fatalf("%d people after the import, want %d", n, before+2)
	}
	if !strings.Contains(page.imp.result, "۲") {
		t.Errorf("message %q", page.imp.result)
	}
	var names []string
	for i := 0; i < page.length(); i++ {
		x, _ := page.at(i)
		names = append(names, x.Name)
	}
	for _, n := range []string{"علی مرادی", "نرگس صالحی"} {
		if !slices.Contains(names, n) {
			t.Errorf("%s is not in the register after the import: %v", n, names)
		}
	}
	_ = wd
}

// The preview in English: the same rows, English reasons.
func TestImportPeoplePreviewEnglish(t *testing.T) {
	s, _ := testStore(t, "", false)
	sh, w := testShell(t, s, i18n.English)
	sh.openSection("people")
	page := sh.current().(*peoplePage)
	page.imp.open(sheetFile(t, "people.csv", "name,phone\n,0912111\nMaryam Rezaei,0912abc4567\nحاج ابراهيم كريمي,\n"))
	if p := page.imp.preview; p == nil || len(p.Problems) != 4 { // row 2: no name, a short phone; row 3; row 4
		t.Fatalf("preview %+v", page.imp.preview)
	}
	settle(w)
	test.AssertImageMatches(t, "import_preview_en.png", w.Canvas().Capture())
}

// The export's progress dialog, half way through a long list.
func TestExportProgressGolden(t *testing.T) {
	s, _ := testStore(t, "", true)
	for _, lang := range []string{i18n.Persian, i18n.English} {
		sh, w := testShell(t, s, lang)
		onMeetings(sh)
		p := showProgress(sh, i18n.T("export.working", map[string]string{"List": i18n.T("export.sheet.meetings")}), func() {})
		p.set(12500, 30000)
		settle(w)
		test.AssertImageMatches(t, "export_progress_"+lang+".png", w.Canvas().Capture())
		p.close()
	}
}

// overlayButton finds a button by its text in the dialog on top.
func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	if top := w.Canvas().Overlays().Top(); top != nil {
		walkAll(top, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	return found
}
