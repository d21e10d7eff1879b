package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// Linked records under a concern or project: a decision (its text), an
// action item (title, deadline, status), a project (title, progress).
var (
	linkedActionCols  = &columns{widths: []float32{300, 92, 160}, flex: 0}
	linkedProjectCols = &columns{widths: []float32{300, 80}, flex: 0}
)

// concernPage shows and edits one concern, with the decisions that answer
// it, the action items that follow them and the projects that address it.
type concernPage struct {
	sh     *shell
	id     string
	c      data.Concern
	titleE *rtl.Entry
	desc   *rtl.Entry
	nbh    *choice
	dept   *choice
	prio   *choice
	status *choice
	msg    *rtl.Label
	links  []*linkRow
	root   *fyne.Container
	dirty  bool
}

func newConcernPage(sh *shell, id string) *concernPage {
	p := &concernPage{sh: sh, id: id, root: container.NewStack(rtl.NewLabel(i18n.T("list.loading")))}
	sh.background(p.load)
	return p
}

func (p *concernPage) title() string {
	if p.c.Title != "" {
		return p.c.Title
	}
	return i18n.T("concern.one")
}
func (p *concernPage) section() string            { return "concerns" }
func (p *concernPage) content() fyne.CanvasObject { return p.root }
func (p *concernPage) cancel()                    { p.leave(p.sh.close) }

func (p *concernPage) load() {
	d, err := p.sh.store.ConcernWithLinks(context.Background(), p.id)
	onUI(func() {
		if err != nil {
			p.root.Objects = []fyne.CanvasObject{rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)}))}
			p.root.Refresh()
			return
		}
		p.c = d.Concern
		p.build(d)
		p.sh.heading.SetText(p.title())
	})
}

func (p *concernPage) build(d *data.ConcernDetail) {
	c := d.Concern
	p.titleE, p.desc, p.msg = textEntry(), textArea(), rtl.NewLabel("")
	p.titleE.SetText(c.Title)
	p.desc.SetText(c.Description)
	ids, names := p.sh.neighbourhoodChoices()
	p.nbh = newRefChoice(ids, names)
	p.nbh.set(deref(c.NeighbourhoodID))
	ids, names = p.sh.departmentChoices()
	p.dept = newRefChoice(ids, names)
	p.dept.set(deref(c.DepartmentID))
	p.prio = newChoice("priority.", data.Priorities, false)
	p.prio.set(c.Priority)
	p.status = newChoice("concern_status.", data.ConcernStatuses, false)
	p.status.set(c.Status)
	p.titleE.OnChanged = func(string) { p.dirty = true }
	p.desc.OnChanged = func(string) { p.dirty = true }
	for _, ch := range []*choice{p.nbh, p.dept, p.prio, p.status} {
		ch.OnChanged = func(string) { p.dirty = true }
	}
	form := rtl.Form(
		rtl.NewLabel(i18n.T("col.title")), p.titleE,
		rtl.NewLabel(i18n.T("col.neighbourhood")), p.nbh.Select,
		rtl.NewLabel(i18n.T("concern.department")), p.dept.Select,
		rtl.NewLabel(i18n.T("concern.priority")), p.prio.Select,
		rtl.NewLabel(i18n.T("concern.status")), p.status.Select,
		rtl.NewLabel(i18n.T("concern.description")), atLeast(p.desc, 0, 90),
	)
	body := container.NewVBox(form)
	if d.Meeting != nil {
		mid := d.Meeting.ID
		body.Add(p.add(newLinkRow(&columns{widths: []float32{120, 400}, flex: 1}, map[int]bool{1: true},
			func() { p.sh.open(newMeetingEditor(p.sh, mid)) }, i18n.T("concern.raised_in"), formatDate(d.Meeting.StartsAt)+" — "+d.Meeting.Title)))
	}
	body.Add(linkedHeading("concern.decisions"))
	for _, dec := range d.Decisions {
		body.Add(userText(dec.Text))
	}
	if len(d.Decisions) == 0 {
		body.Add(note(i18n.T("concern.no_decisions")))
	}
	body.Add(linkedHeading("concern.actions"))
	today := p.sh.today()
	for _, a := range d.Actions {
		id := a.ID
		row := data.ActionRow{ActionItem: a, Overdue: a.Overdue(today)}
		l := newLinkRow(linkedActionCols, map[int]bool{0: true}, func() { p.sh.open(newActionPage(p.sh, id)) },
			a.Title, dueText(a.DueDate), actionStatusText(row))
		if row.Overdue {
			l.tint(2, errorColor)
		}
		body.Add(p.add(l))
	}
	if len(d.Actions) == 0 {
		body.Add(note(i18n.T("concern.no_actions")))
	}
	body.Add(linkedHeading("concern.projects"))
	for _, pr := range d.Projects {
		id := pr.ID
		body.Add(p.add(newLinkRow(linkedProjectCols, map[int]bool{0: true}, func() { p.sh.open(newProjectPage(p.sh, id)) },
			pr.Title, percentText(pr.Progress))))
	}
	if len(d.Projects) == 0 {
		body.Add(note(i18n.T("concern.no_projects")))
	}
	p.root.Objects = []fyne.CanvasObject{editorFrame(body, p.msg, p.save, p.cancel)}
	p.root.Refresh()
}

func (p *concernPage) add(l *linkRow) fyne.CanvasObject {
	p.links = append(p.links, l)
	return l.obj
}

// linkedHeading is the bold caption over a list of linked records.
func linkedHeading(key string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), rtl.NewLabelWithStyle(i18n.T(key), fyne.TextStyle{Bold: true}))
}

// userText is wrapped text an officer wrote, in its own direction.
func userText(s string) fyne.CanvasObject {
	t := rtl.NewText(s)
	t.Auto = true
	return t
}

// editorFrame is a scrolling form with Save and Back under it.
func editorFrame(body fyne.CanvasObject, msg *rtl.Label, save, back func()) fyne.CanvasObject {
	saveBtn := widget.NewButtonWithIcon(i18n.T("button.save"), theme.DocumentSaveIcon(), save)
	saveBtn.Importance = widget.HighImportance
	bar := rtl.Border(nil, nil, rtl.HBox(saveBtn, widget.NewButtonWithIcon(i18n.T("button.back"), theme.CancelIcon(), back)), nil, msg)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

func (p *concernPage) save() {
	if trimmed(p.titleE.Text) == "" {
		p.msg.SetText(i18n.T("concern.title_required"))
		return
	}
	fields := map[string]any{"id": p.id, "title": trimmed(p.titleE.Text), "description": p.desc.Text,
		"neighbourhood_id": refField(p.nbh.value()), "department_id": refField(p.dept.value()),
		"priority": p.prio.value(), "status": p.status.value()}
	saveFields(p.sh, "concerns", fields, p.msg, func() {
		p.dirty = false
		p.sh.say(i18n.T("concern.saved"))
		p.sh.close()
	})
}

// saveFields writes one record's fields off the UI goroutine; done runs
// on the UI goroutine when it is saved, msg says why when it is not.
func saveFields(sh *shell, entity string, fields map[string]any, msg *rtl.Label, done func()) {
	author := sh.author()
	sh.background(func() {
		err := sh.store.Write(context.Background(), author, func(w *data.Writer) error {
			_, err := w.Save(entity, fields)
			return err
		})
		onUI(func() {
			if err != nil {
				msg.SetText(i18n.T("form.save_failed", map[string]string{"Err": errText(err)}))
				return
			}
			done()
		})
	})
}

func (p *concernPage) leave(proceed func()) {
	askUnsaved(p.sh, p.dirty, func() { p.dirty = false; proceed() })
}

// askUnsaved runs proceed at once when nothing is unsaved, else after the
// officer agrees to discard the changes.
func askUnsaved(sh *shell, dirty bool, proceed func()) {
	if !dirty {
		proceed()
		return
	}
	sh.confirm(i18n.T("form.unsaved.title"), i18n.T("form.unsaved"), func(ok bool) {
		if ok {
			proceed()
		}
	})
}
