package gui

import (
	"context"
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
	"mahalleh/data/tabular"
)

// exporter is a list screen's "Export" button: the list as the screen
// shows it now (its filters), to an XLSX or CSV file the officer names in
// the save dialog, with a progress bar while the rows are read. Fyne's save
// dialog asks before an existing file is replaced; the file is written
// under a temporary name beside it and put in place whole.
type exporter struct {
	sh      *shell
	list    tabular.List
	options func() (tabular.Options, bool) // the screen's filters; false: one cannot be read (a bad date)
	button  *widget.Button

	progress *progressBox // while an export runs
	result   string       // what the last export said (tests read it)
}

func newExporter(sh *shell, list tabular.List, options func() (tabular.Options, bool)) *exporter {
	x := &exporter{sh: sh, list: list, options: options}
	x.button = widget.NewButtonWithIcon(i18n.T("export.button"), theme.DocumentSaveIcon(), x.ask)
	return x
}

// ask offers the two formats under the button.
func (x *exporter) ask() {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(i18n.T("export.xlsx"), func() { x.choose(tabular.XLSX) }),
		fyne.NewMenuItem(i18n.T("export.csv"), func() { x.choose(tabular.CSV) }))
	widget.ShowPopUpMenuAtRelativePosition(menu, x.sh.win.Canvas(), fyne.NewPos(0, x.button.Size().Height), x.button)
}

// choose opens the save dialog with a name made of the list and today.
func (x *exporter) choose(f tabular.Format) {
	d := dialog.NewFileSave(x.saved(f), x.sh.win)
	d.SetFileName(exportName(string(x.list), x.sh, string(f)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + string(f)}))
	d.Show()
}

// exportName is "meetings-1404-07-09.xlsx": the list and today's Jalali date.
func exportName(what string, sh *shell, ext string) string {
	return what + "-" + strings.ReplaceAll(jalali.FormatShortLatin(jalali.FromTime(sh.now().In(jalali.Tehran()))), "/", "-") + "." + ext
}

// saved is the save dialog's answer: the dialog has made the file (asking
// first if it was there), so the export may replace it.
func (x *exporter) saved(f tabular.Format) func(fyne.URIWriteCloser, error) {
	return func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			x.sh.inform(i18n.T("export.failed.title"), i18n.T("export.failed", map[string]string{"Err": err.Error()}))
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		x.exportTo(path, f)
	}
}

// exportTo reads the list with the screen's filters and writes it to path.
func (x *exporter) exportTo(path string, f tabular.Format) {
	o, ok := x.options()
	if !ok {
		removeIfEmpty(path)
		x.done(i18n.T("export.failed.title"), i18n.T("export.bad_filter"))
		return
	}
	o.Lang, o.Today = i18n.Language(), x.sh.today()
	ctx, cancel := context.WithCancel(context.Background())
	x.progress = showProgress(x.sh, i18n.T("export.working", map[string]string{"List": i18n.T("export.sheet." + string(x.list))}), cancel)
	rows := 0
	o.Progress = func(done, total int) {
		rows = done
		onUI(func() { x.progress.set(done, total) })
	}
	x.sh.background(func() {
		err := tabular.Export(ctx, x.sh.store, path, f, []tabular.List{x.list}, true, o)
		n := rows
		if err != nil {
			removeIfEmpty(path)
		}
		onUI(func() {
			x.progress.close()
			switch {
			case errors.Is(ctx.Err(), context.Canceled) && err != nil:
				x.done(i18n.T("export.cancelled.title"), i18n.T("export.cancelled"))
			case err != nil:
				x.done(i18n.T("export.failed.title"), i18n.T("export.failed", map[string]string{"Err": errText(err)}))
			default:
				x.done(i18n.T("export.done.title"), i18n.T("export.done", map[string]string{"N": i18n.Number(n), "Path": path}))
			}
		})
	})
}

func (x *exporter) done(title, msg string) {
	x.result = msg
	x.sh.inform(title, msg)
}

// removeIfEmpty removes the empty file the save dialog made for an export
// that then wrote nothing, so a failed export leaves no empty file behind.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}

// progressBox is the dialog of a long export: what is being done, how many
// rows of how many are read, a bar, and Cancel.
type progressBox struct {
	dlg     dialog.Dialog
	line    *rtl.Label
	bar     *meter
	endless *widget.ProgressBarInfinite
	body    fyne.CanvasObject
	closed  bool
	updates int // how often it moved (tests)
}

func showProgress(sh *shell, title string, cancel func()) *progressBox {
	p := &progressBox{line: rtl.NewLabel(i18n.T("export.starting")), bar: newMeter(), endless: widget.NewProgressBarInfinite()}
	p.bar.obj.Hide()
	head := rtl.NewLabelWithStyle(title, fyne.TextStyle{Bold: true})
	stop := widget.NewButtonWithIcon(i18n.T("button.cancel"), theme.CancelIcon(), func() {
		cancel()
		p.line.SetText(i18n.T("export.cancelling"))
	})
	p.body = atLeast(container.NewVBox(head, p.line, p.bar.obj, p.endless, atStart(stop)), 460, 0)
	p.dlg = dialog.NewCustomWithoutButtons("", p.body, sh.win)
	p.dlg.Show()
	return p
}

// set shows done rows of total (0: not known in advance).
func (p *progressBox) set(done, total int) {
	p.updates++
	if total <= 0 {
		p.line.SetText(i18n.T("export.progress_open", map[string]string{"Done": i18n.Number(done)}))
		return
	}
	p.endless.Stop()
	p.endless.Hide()
	p.bar.obj.Show()
	p.bar.set(float64(done) / float64(total))
	p.line.SetText(i18n.T("export.progress", map[string]string{"Done": i18n.Number(done), "Total": i18n.Number(total)}))
}

func (p *progressBox) close() {
	p.closed = true
	p.endless.Stop()
	p.dlg.Hide()
}

// meter is a progress bar that fills from the start side (the right in
// Persian, where Fyne's own bar fills from the left) and says how far in
// the UI's digits.
type meter struct {
	value    float64
	bg, fill *canvas.Rectangle
	text     *rtl.Label
	obj      *fyne.Container
}

func newMeter() *meter {
	m := &meter{bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		fill: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)), text: rtl.NewLabel("")}
	m.bg.CornerRadius, m.fill.CornerRadius = theme.InputRadiusSize(), theme.InputRadiusSize()
	m.obj = container.New(m, m.bg, m.fill, container.NewCenter(m.text))
	m.set(0)
	return m
}

func (m *meter) set(v float64) {
	m.value = min(max(v, 0), 1)
	m.text.SetText(percentText(int(m.value * 100)))
	m.obj.Refresh()
}

func (m *meter) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width * float32(m.value)
	x := float32(0)
	if rtl.IsRTL() {
		x = size.Width - w
	}
	objs[0].Resize(size)
	objs[1].Move(fyne.NewPos(x, 0))
	objs[1].Resize(fyne.NewSize(w, size.Height))
	objs[2].Resize(size)
}

func (m *meter) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(120, m.text.MinSize().Height+theme.Padding())
}

// inform shows a message in the UI language, its title on the start side
// (Fyne's information dialog puts it on the left and says OK in the OS
// language).
func (sh *shell) inform(title, msg string) {
	head := rtl.NewLabelWithStyle(title, fyne.TextStyle{Bold: true})
	body := atLeast(container.NewVBox(head, rtl.NewText(msg)), 420, 0)
	dialog.NewCustom("", i18n.T("button.ok"), body, sh.win).Show()
}
