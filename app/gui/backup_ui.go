package gui

import (
	"context"
	"errors"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// backupBox is the settings' backup and restore: the whole store to one
// JSON file (the same file `mahalleh export --format json` writes), and
// back from one, with a progress bar; a restore is all or nothing.
type backupBox struct {
	sh       *shell
	progress *widget.ProgressBar
	message  *rtl.Text
	backupB  *widget.Button
	restoreB *widget.Button
}

func newBackupBox(sh *shell) *backupBox {
	b := &backupBox{sh: sh, progress: widget.NewProgressBar(), message: rtl.NewText(i18n.T("settings.backup.hint"))}
	b.progress.Hide()
	b.backupB = widget.NewButtonWithIcon(i18n.T("settings.backup.make"), theme.DocumentSaveIcon(), b.chooseBackup)
	b.restoreB = widget.NewButtonWithIcon(i18n.T("settings.backup.restore"), theme.UploadIcon(), b.chooseRestore)
	return b
}

func (b *backupBox) content() fyne.CanvasObject {
	return container.NewVBox(b.message, atStart(rtl.HBox(b.backupB, b.restoreB)), b.progress)
}

func (b *backupBox) chooseBackup() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		b.backupTo(path)
	}, b.sh.win)
	d.SetFileName("mahalleh-backup.json")
	d.Show()
}

func (b *backupBox) chooseRestore() {
	dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		b.sh.confirm(i18n.T("settings.backup.restore"), i18n.T("settings.restore.confirm"), func(ok bool) {
			if ok {
				b.restoreFrom(path)
			}
		})
	}, b.sh.win).Show()
}

// backupTo writes the backup to path: first to a file beside it, renamed
// into place only when complete, so a failed backup never leaves half a
// file under the name the officer chose.
func (b *backupBox) backupTo(path string) {
	b.start()
	b.sh.background(func() {
		err := writeBackup(b.sh.store, path, b.report)
		onUI(func() { b.finish(err, i18n.T("settings.backup.done", map[string]string{"Path": path})) })
	})
}

func writeBackup(s *data.Store, path string, progress func(done, total int)) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = exportWithProgress(s, f, progress)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// restoreFrom reads a backup into the store in one transaction: a damaged
// file changes nothing. Records already here are replaced only by newer copies.
func (b *backupBox) restoreFrom(path string) {
	b.start()
	b.sh.background(func() {
		var res data.ImportResult
		f, err := os.Open(path)
		if err == nil {
			res, err = importWithProgress(b.sh.store, f, b.sh.author(), b.report)
			f.Close()
		}
		onUI(func() {
			b.finish(err, i18n.T("settings.restore.done", map[string]string{"Added": i18n.Number(res.Added),
				"Updated": i18n.Number(res.Updated), "Unchanged": i18n.Number(res.Unchanged)}))
			b.sh.loadProfile(context.Background())
			b.sh.refreshStatus()
		})
	})
}

// report moves the bar; it is called from the working goroutine.
func (b *backupBox) report(done, total int) {
	onUI(func() {
		if total > 0 {
			b.progress.SetValue(float64(done) / float64(total))
		}
	})
}

func (b *backupBox) start() {
	b.backupB.Disable()
	b.restoreB.Disable()
	b.progress.SetValue(0)
	b.progress.Show()
	b.message.SetText(i18n.T("settings.backup.working"))
}

func (b *backupBox) finish(err error, ok string) {
	b.backupB.Enable()
	b.restoreB.Enable()
	b.progress.Hide()
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			b.message.SetText(i18n.T("settings.backup.file_error", map[string]string{"Err": pe.Error()}))
			return
		}
		b.message.SetText(errText(err))
		return
	}
	b.message.SetText(ok)
}

// exportWithProgress and importWithProgress are the store's streaming
// backup calls, which report records done of the total as they go.
func exportWithProgress(s *data.Store, w io.Writer, progress func(done, total int)) error {
	return s.Export(context.Background(), w, 0, data.OnProgress(progress))
}

func importWithProgress(s *data.Store, r io.Reader, author string, progress func(done, total int)) (data.ImportResult, error) {
	return s.Import(context.Background(), r, author, data.OnProgress(progress))
}
