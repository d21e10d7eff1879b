package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// personEditor edits one register entry and shows the meetings the person
// attended and the concerns they raised.
type personEditor struct {
	sh       *shell
	form     *personForm
	message  *rtl.Label
	meetings *fyne.Container
	concerns *fyne.Container
	dirty    bool
	root     fyne.CanvasObject
}

func newPersonEditor(sh *shell, p data.Person) *personEditor {
	ed := &personEditor{sh: sh, form: newPersonForm(sh, p), message: rtl.NewLabel(""), meetings: container.NewVBox(), concerns: container.NewVBox()}
	ed.form.onChange = func() { ed.dirty = true }
	saveBtn := widget.NewButtonWithIcon(i18n.T("button.save"), theme.DocumentSaveIcon(), ed.save)
	saveBtn.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{saveBtn, widget.NewButtonWithIcon(i18n.T("button.cancel"), theme.CancelIcon(), ed.cancel)}
	if p.ID != "" {
		del := widget.NewButtonWithIcon(i18n.T("button.delete"), theme.DeleteIcon(), ed.confirmDelete)
		del.Importance = widget.DangerImportance
		buttons = append(buttons, del)
	}
	history := container.NewVBox(
		widget.NewSeparator(), rtl.NewLabelWithStyle(i18n.T("person.meetings"), fyne.TextStyle{Bold: true}), ed.meetings,
		widget.NewSeparator(), rtl.NewLabelWithStyle(i18n.T("person.concerns"), fyne.TextStyle{Bold: true}), ed.concerns)
	body := container.NewVBox(ed.form.obj, ed.form.dupWarn, history)
	bar := rtl.Border(nil, nil, rtl.HBox(buttons...), nil, ed.message)
	ed.root = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, container.NewVScroll(container.NewPadded(body)))
	if p.ID != "" {
		sh.background(func() { ed.loadHistory(p.ID) })
	}
	return ed
}

func (ed *personEditor) title() string {
	if ed.form.p.ID == "" {
		return i18n.T("person.new")
	}
	return ed.form.p.Name
}
func (ed *personEditor) section() string            { return "people" }
func (ed *personEditor) content() fyne.CanvasObject { return ed.root }

// loadHistory lists the person's latest meetings and concerns (a page each).
func (ed *personEditor) loadHistory(id string) {
	ctx := context.Background()
	ms, err1 := ed.sh.store.ListMeetings(ctx, data.Filter{PersonID: id}, data.Page{Limit: 20})
	cs, _, err2 := ed.sh.store.ListConcerns(ctx, data.Filter{PersonID: id}, data.Page{Limit: 20})
	onUI(func() {
		if err1 != nil || err2 != nil {
			ed.message.SetText(i18n.T("error.load", map[string]string{"Err": errText(firstErr(err1, err2))}))
			return
		}
		for _, m := range ms.Rows {
			m := m
			b := widget.NewButton(formatDate(m.StartsAt)+" — "+m.Title, func() { ed.sh.open(newMeetingEditor(ed.sh, m.ID)) })
			b.Alignment = leadingAlign()
			ed.meetings.Add(b)
		}
		if len(ms.Rows) == 0 {
			ed.meetings.Add(rtl.NewLabel(i18n.T("person.no_meetings")))
		}
		for _, c := range cs {
			l := rtl.NewLabel(formatDate(c.CreatedAt) + " — " + c.Title + " (" + i18n.T("concern_status."+c.Status) + ")")
			ed.concerns.Add(l)
		}
		if len(cs) == 0 {
			ed.concerns.Add(rtl.NewLabel(i18n.T("person.no_concerns")))
		}
	})
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func leadingAlign() widget.ButtonAlign {
	if rtl.IsRTL() {
		return widget.ButtonAlignTrailing
	}
	return widget.ButtonAlignLeading
}

// save checks and writes the person; a new entry that looks like one
// already in the register is saved only after a second Save.
func (ed *personEditor) save() {
	if !ed.form.check() {
		ed.message.SetText(i18n.T("form.fix_errors"))
		return
	}
	warned := ed.form.dupWarn.Visible()
	p := ed.form.person()
	ed.sh.background(func() {
		ctx := context.Background()
		if !warned {
			if dups := ed.form.duplicates(ctx); len(dups) > 0 {
				onUI(func() {
					showWarning(ed.form.dupWarn, duplicateText(dups)+" "+i18n.T("person.save_again"))
				})
				return
			}
		}
		_, err := savePerson(ctx, ed.sh, p)
		onUI(func() {
			if err != nil {
				ed.message.SetText(i18n.T("form.save_failed", map[string]string{"Err": errText(err)}))
				return
			}
			ed.dirty = false
			ed.sh.say(i18n.T("person.saved", map[string]string{"Name": p.Name}))
			ed.sh.close()
		})
	})
}

func (ed *personEditor) cancel() { ed.leave(ed.sh.close) }

func (ed *personEditor) leave(proceed func()) {
	if !ed.dirty {
		proceed()
		return
	}
	ed.sh.confirm(i18n.T("form.unsaved.title"), i18n.T("form.unsaved"), func(ok bool) {
		if ok {
			ed.dirty = false
			proceed()
		}
	})
}

func (ed *personEditor) confirmDelete() {
	ed.sh.confirm(i18n.T("button.delete"), i18n.T("person.delete.confirm"), func(yes bool) {
		if !yes {
			return
		}
		id := ed.form.p.ID
		ed.sh.background(func() {
			err := ed.sh.store.Write(context.Background(), ed.sh.author(), func(w *data.Writer) error { return w.Delete("people", id) })
			onUI(func() {
				if err != nil {
					ed.message.SetText(errText(err))
					return
				}
				ed.dirty = false
				ed.sh.say(i18n.T("person.deleted"))
				ed.sh.close()
			})
		})
	})
}

// confirm asks a yes/no question (tests answer through sh.answer).
func (sh *shell) confirm(title, msg string, fn func(bool)) {
	if sh.answer != nil {
		fn(sh.answer(title))
		return
	}
	// Fyne's own confirm dialog labels its buttons in the OS language and
	// puts its title on the left; this one speaks the UI language.
	head := rtl.NewLabelWithStyle(title, fyne.TextStyle{Bold: true})
	body := atLeast(container.NewVBox(head, rtl.NewText(msg)), 420, 0)
	d := dialog.NewCustomConfirm("", i18n.T("button.yes"), i18n.T("button.no"), body, fn, sh.win)
	d.Show()
}
