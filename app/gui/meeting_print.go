package gui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/minutes"
)

// printButton is the meeting editor's "Print minutes": it writes the
// saved meeting's صورتجلسه as a PDF and opens it in the system's viewer,
// from which the officer prints it.
func (ed *meetingEditor) printButton() fyne.CanvasObject {
	return widget.NewButtonWithIcon(i18n.T("minutes.print"), theme.DocumentPrintIcon(), ed.printMinutes)
}

// printMinutes prints what is saved: with unsaved changes the officer is
// asked to save first, so that the paper says what the store says.
func (ed *meetingEditor) printMinutes() {
	if ed.dirty || ed.id == "" {
		ed.message.SetText(i18n.T("minutes.save_first"))
		return
	}
	id, lang := ed.id, i18n.Language()
	ed.sh.background(func() {
		path, err := writeMinutes(context.Background(), ed, id, lang)
		onUI(func() {
			if err != nil {
				ed.message.SetText(i18n.T("minutes.failed", map[string]string{"Err": errText(err)}))
				return
			}
			ed.message.SetText(i18n.T("minutes.saved", map[string]string{"Path": path}))
			if ed.sh.app != nil {
				_ = ed.sh.app.OpenURL(fileURL(path))
			}
		})
	})
}

// writeMinutes writes the minutes to the user's temporary folder under a
// name made from the meeting's id, replacing an earlier print of the same
// meeting (the file is the app's own, made to be printed).
func writeMinutes(ctx context.Context, ed *meetingEditor, id, lang string) (string, error) {
	m, err := minutes.Load(ctx, ed.sh.store, id)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), "mahalleh-minutes")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	name := "minutes-" + strings.SplitN(id, "-", 2)[0] + ".pdf"
	path := filepath.Join(dir, name)
	return path, minutes.SaveFile(path, m, lang, true)
}

// fileURL is path as a file:// URL; a Windows path (C:\...) gets the
// leading slash file:///C:/... needs.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
