package gui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/persian"
)

// projectPage shows and edits one priority project: department, status,
// progress, and the concerns and decisions linked to it.
type projectPage struct {
	sh       *shell
	id       string
	pr       data.Project
	titleE   *rtl.Entry
	desc     *rtl.Entry
	progress *rtl.Entry
	progErr  *rtl.Label
	bar      *fyne.Container
	dept     *choice
	status   *choice
	msg      *rtl.Label
	links    []*linkRow
	root     *fyne.Container
	dirty    bool
}

func newProjectPage(sh *shell, id string) *projectPage {
	p := &projectPage{sh: sh, id: id, root: container.NewStack(rtl.NewLabel(i18n.T("list.loading")))}
	sh.background(p.load)
	return p
}

func (p *projectPage) title() string {
	if p.pr.Title != "" {
		return p.pr.Title
	}
	return i18n.T("project.one")
}
func (p *projectPage) section() string            { return "projects" }
func (p *projectPage) content() fyne.CanvasObject { return p.root }
func (p *projectPage) cancel()                    { p.leave(p.sh.close) }
func (p *projectPage) leave(proceed func()) {
	askUnsaved(p.sh, p.dirty, func() { p.dirty = false; proceed() })
}

func (p *projectPage) load() {
	d, err := p.sh.store.ProjectWithLinks(context.Background(), p.id)
	onUI(func() {
		if err != nil {
			p.root.Objects = []fyne.CanvasObject{rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)}))}
			p.root.Refresh()
			return
		}
		p.pr = d.Project
		p.build(d)
		p.sh.heading.SetText(p.title())
	})
}

func (p *projectPage) build(d *data.ProjectDetail) {
	pr := d.Project
	p.titleE, p.desc, p.progress = textEntry(), textArea(), rtl.NewEntry()
	p.progErr, p.msg = errorLabel(), rtl.NewLabel("")
	p.titleE.SetText(pr.Title)
	p.desc.SetText(pr.Description)
	p.progress.SetText(i18n.Number(pr.Progress))
	ids, names := p.sh.departmentChoices()
	p.dept = newRefChoice(ids, names)
	p.dept.set(deref(pr.DepartmentID))
	p.status = newChoice("project_status.", data.ProjectStatuses, false)
	p.status.set(pr.Status)
	p.bar = container.NewStack(progressBar(pr.Progress))
	p.titleE.OnChanged = func(string) { p.dirty = true }
	p.desc.OnChanged = func(string) { p.dirty = true }
	p.progress.OnChanged = func(string) {
		p.dirty = true
		if n, ok := p.percent(); ok {
			showError(p.progErr, "")
			p.bar.Objects = []fyne.CanvasObject{progressBar(n)}
			p.bar.Refresh()
		}
	}
	p.dept.OnChanged = func(string) { p.dirty = true }
	p.status.OnChanged = func(string) { p.dirty = true }
	progress := rtl.Border(nil, p.progErr, atLeast(p.progress, 80, 0), nil, p.bar)
	form := rtl.Form(
		rtl.NewLabel(i18n.T("col.title")), p.titleE,
		rtl.NewLabel(i18n.T("col.neighbourhood")), rtl.NewLabel(p.sh.neighbourhoodName(deref(pr.NeighbourhoodID))),
		rtl.NewLabel(i18n.T("concern.department")), p.dept.Select,
		rtl.NewLabel(i18n.T("concern.status")), p.status.Select,
		rtl.NewLabel(i18n.T("project.progress")), progress,
		rtl.NewLabel(i18n.T("concern.description")), atLeast(p.desc, 0, 90),
	)
	body := container.NewVBox(form, linkedHeading("project.concerns"))
	for _, c := range d.Concerns {
		id := c.ID
		l := newLinkRow(linkedActionCols, map[int]bool{0: true}, func() { p.sh.open(newConcernPage(p.sh, id)) },
			c.Title, formatDate(c.CreatedAt), i18n.T("concern_status."+c.Status))
		p.links = append(p.links, l)
		body.Add(l.obj)
	}
	if len(d.Concerns) == 0 {
		body.Add(note(i18n.T("project.no_concerns")))
	}
	body.Add(linkedHeading("project.decisions"))
	for _, dec := range d.Decisions {
		body.Add(userText(dec.Text))
	}
	if len(d.Decisions) == 0 {
		body.Add(note(i18n.T("concern.no_decisions")))
	}
	p.root.Objects = []fyne.CanvasObject{editorFrame(body, p.msg, p.save, p.cancel)}
	p.root.Refresh()
}

// percent reads the progress typed in any digits: a whole number 0–100.
func (p *projectPage) percent() (int, bool) {
	s := strings.TrimSpace(strings.TrimRight(persian.LatinDigits(trimmed(p.progress.Text)), "%٪ "))
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 100
}

func (p *projectPage) save() {
	n, ok := p.percent()
	if !ok {
		showError(p.progErr, i18n.T("project.bad_progress"))
		p.msg.SetText(i18n.T("form.fix_errors"))
		return
	}
	if trimmed(p.titleE.Text) == "" {
		p.msg.SetText(i18n.T("concern.title_required"))
		return
	}
	fields := map[string]any{"id": p.id, "title": trimmed(p.titleE.Text), "description": p.desc.Text,
		"department_id": refField(p.dept.value()), "status": p.status.value(), "progress": n}
	saveFields(p.sh, "projects", fields, p.msg, func() {
		p.dirty = false
		p.sh.say(i18n.T("project.saved"))
		p.sh.close()
	})
}
