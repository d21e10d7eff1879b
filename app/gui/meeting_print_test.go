package gui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/pdf/pdftest"
)

// "Print minutes" in the meeting editor writes the saved meeting's minutes
// as a PDF whose text is the meeting's; with unsaved changes it asks to
// save first and writes nothing.
func TestPrintMinutesButton(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, _ := testStore(t, "", true)
	sh, w := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	first, _ := list.row(0)
	list.list.Select(0)
	ed := editorOf(t, sh)
	if dir := os.Getenv("MINUTES_OUT"); dir != "" {
		if f, err := os.Create(filepath.Join(dir, "editor-print-button.png")); err == nil {
			png.Encode(f, w.Canvas().Capture())
			f.Close()
		}
	}
	test.Tap(findButton(t, w, i18n.T("minutes.print")))
	files, _ := filepath.Glob(filepath.Join(tmp, "mahalleh-minutes", "*.pdf"))
	if len(files) != 1 {
		t.Fatalf("%d PDF files written, want 1 (message: %q)", len(files), ed.message.Text)
	}
	if !strings.Contains(ed.message.Text, files[0]) {
		t.Errorf("the message %q does not say where the minutes are", ed.message.Text)
	}
	text := pdftest.Words(strings.Join(pdftest.Text(t, files[0]), ""))
	if !strings.Contains(text, pdftest.Words(first.Title)) {
		t.Errorf("the printed minutes lack the title %q", first.Title)
	}
	os.Remove(files[0])
	retype(ed.place, "سرای محله")
	test.Tap(findButton(t, w, i18n.T("minutes.print")))
	if ed.message.Text != i18n.T("minutes.save_first") {
		t.Errorf("with unsaved changes the message is %q, want the ask to save first", ed.message.Text)
	}
	if files, _ := filepath.Glob(filepath.Join(tmp, "mahalleh-minutes", "*.pdf")); len(files) != 0 {
		t.Error("minutes were printed from unsaved changes")
	}
}
