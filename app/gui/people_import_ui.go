package gui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data/tabular"
)

var importCols = &columns{widths: []float32{56, 150, 420}, flex: 2}

// peopleImport is the register's "Import people": the officer picks an
// XLSX or CSV file, sees what would happen (every row that would be
// rejected with its row number, column and reason; else the people that
// would be added) and then imports all of them or nothing.
type peopleImport struct {
	sh     *shell
	after  func() // the register reloads after an import
	button *widget.Button

	preview *tabular.PeoplePreview // what the dialog shows
	dlg     dialog.Dialog
	body    fyne.CanvasObject // the dialog's content (goldens)
	all     *widget.Button    // "import all"
	result  string            // what the last import said (tests)
}

func newPeopleImport(sh *shell, after func()) *peopleImport {
	pi := &peopleImport{sh: sh, after: after}
	pi.button = widget.NewButtonWithIcon(i18n.T("import.people"), theme.UploadIcon(), pi.choose)
	return pi
}

func (pi *peopleImport) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		pi.open(path)
	}, pi.sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	d.Show()
}

// open reads and checks the file (nothing is written) and shows the preview.
func (pi *peopleImport) open(path string) {
	district := pi.sh.profile.District
	pi.sh.background(func() {
		var p *tabular.PeoplePreview
		cells, err := tabular.ReadCells(path)
		if err == nil {
			p, err = tabular.PreviewPeople(context.Background(), pi.sh.store, district, cells)
		}
		onUI(func() {
			if err != nil {
				pi.finish(i18n.T("import.failed.title"), errText(err))
				return
			}
			pi.show(filepath.Base(path), p)
		})
	})
}

// show is the preview dialog: a summary, the rows, and the two buttons.
func (pi *peopleImport) show(name string, p *tabular.PeoplePreview) {
	pi.preview = p
	head := rtl.NewLabelWithStyle(i18n.T("import.preview.title", map[string]string{"File": name}), fyne.TextStyle{Bold: true})
	var summary string
	header := newRow(importCols, nil)
	var rows fyne.CanvasObject
	if p.OK() {
		summary = i18n.T("import.preview.ok", map[string]string{"N": i18n.Number(len(p.Rows))})
		setRow(header, i18n.T("import.col.row"), i18n.T("person.role"), i18n.T("person.name"))
		rows = widget.NewList(func() int { return len(p.Rows) }, func() fyne.CanvasObject { return newRow(importCols, map[int]bool{2: true}) },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				r := p.Rows[i]
				name := r.Person.Name
				if r.Person.Phone != "" {
					name += " — " + phoneText(r.Person.Phone)
				}
				setRow(o, i18n.Number(r.Row), i18n.T("role."+r.Person.Role), name)
			})
	} else {
		summary = i18n.T("import.preview.bad", map[string]string{"N": i18n.Number(len(p.Problems)), "Good": i18n.Number(len(p.Rows))})
		setRow(header, i18n.T("import.col.row"), i18n.T("import.col.column"), i18n.T("import.col.reason"))
		rows = container.NewVScroll(problemRows(p.Problems))
	}
	for _, c := range header.Objects {
		c.(*rtl.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	// The count is in the summary: a Fyne button does not order a Persian
	// text with a number in parentheses.
	pi.all = widget.NewButtonWithIcon(i18n.T("import.all"), theme.ConfirmIcon(), pi.commit)
	pi.all.Importance = widget.HighImportance
	if !p.OK() {
		pi.all.Disable()
	}
	cancel := widget.NewButton(i18n.T("button.cancel"), func() { pi.dlg.Hide() })
	top := container.NewVBox(head, rtl.NewText(summary), header, widget.NewSeparator())
	pi.body = atLeast(container.NewBorder(top, atStart(pi.all, cancel), nil, nil, rows), 760, 440)
	pi.dlg = dialog.NewCustomWithoutButtons("", pi.body, pi.sh.win)
	pi.dlg.Show()
}

// problemRows lists every rejected row, the reason wrapped so that it is
// read whole, each row under a rule.
func problemRows(probs []tabular.Problem) fyne.CanvasObject {
	box := container.NewVBox()
	for _, pr := range probs {
		reason := pr.Reason
		if i18n.Language() == i18n.Persian {
			reason = pr.ReasonFa
		}
		row := newRow(importCols, map[int]bool{1: true})
		setRow(row, i18n.Number(pr.Row), pr.Column)
		text := rtl.NewText(reason)
		text.Auto = true // a reason quotes what was typed, Latin letters too
		row.Objects[2] = text
		box.Add(row)
		box.Add(widget.NewSeparator())
	}
	return box
}

// commit writes every row of the preview in one transaction, or none.
func (pi *peopleImport) commit() {
	p := pi.preview
	if p == nil || !p.OK() {
		return
	}
	pi.all.Disable()
	pi.sh.background(func() {
		n, err := tabular.CommitPeople(context.Background(), pi.sh.store, pi.sh.author(), p)
		onUI(func() {
			pi.dlg.Hide()
			if err != nil {
				pi.finish(i18n.T("import.failed.title"), i18n.T("import.failed", map[string]string{"Err": errText(err)}))
				return
			}
			pi.finish(i18n.T("import.done.title"), i18n.T("import.done", map[string]string{"N": i18n.Number(n)}))
			if pi.after != nil {
				pi.after()
			}
		})
	})
}

func (pi *peopleImport) finish(title, msg string) {
	pi.result = msg
	pi.sh.inform(title, msg)
}
