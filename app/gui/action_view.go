package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// actionPage is one action item: where it comes from, its deadline and who
// is responsible (editable), and its follow-up log, where a dated note is
// added, optionally with a status change (the only way the status changes
// here, so the log always says why).
type actionPage struct {
	sh  *shell
	id  string
	row data.ActionRow

	due        *dateField
	dept, resp *choice
	respName   *rtl.Entry
	noteE      *rtl.Entry
	newStatus  *choice
	noteErr    *rtl.Label
	message    *rtl.Label
	log        *fyne.Container
	root       *fyne.Container
	dirty      bool
	filling    bool
}

func newActionPage(sh *shell, id string) *actionPage {
	p := &actionPage{sh: sh, id: id, root: container.NewStack(rtl.NewLabel(i18n.T("list.loading")))}
	sh.background(p.load)
	return p
}

func (p *actionPage) title() string {
	if p.row.Title != "" {
		return p.row.Title
	}
	return i18n.T("action.one")
}
func (p *actionPage) section() string            { return "actions" }
func (p *actionPage) content() fyne.CanvasObject { return p.root }
func (p *actionPage) cancel()                    { p.leave(p.sh.close) }
func (p *actionPage) refresh()                   { p.sh.background(p.load) }

// actionLoad is what the screen reads from the store.
type actionLoad struct {
	row     data.ActionRow
	log     []data.FollowUp
	meeting *data.Meeting
	staff   []data.Person
}

func (p *actionPage) load() {
	ctx := context.Background()
	var l actionLoad
	var err error
	l.row, err = p.sh.store.ActionRowByID(ctx, p.id, p.sh.today())
	if err == nil {
		l.log, err = p.sh.store.FollowUps(ctx, p.id)
	}
	if err == nil && l.row.MeetingID != nil {
		if md, gerr := p.sh.store.Meeting(ctx, *l.row.MeetingID); gerr == nil && !md.Meeting.Deleted {
			l.meeting = &md.Meeting
		}
	}
	if err == nil {
		l.staff, _, err = p.sh.store.ListPeople(ctx, data.Filter{District: l.row.District, Kind: "staff"}, data.Page{Limit: 200})
	}
	onUI(func() {
		if err != nil {
			p.root.Objects = []fyne.CanvasObject{rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)}))}
			p.root.Refresh()
			return
		}
		p.row = l.row
		p.build(l)
		p.sh.heading.SetText(p.title())
	})
}

func (p *actionPage) build(l actionLoad) {
	a := l.row
	p.message, p.noteErr = rtl.NewLabel(""), errorLabel()
	head := rtl.NewText(a.Title)
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Auto = true
	facts := container.NewVBox(head, rtl.NewLabel(p.statusLine()))
	if a.Overdue {
		late := rtl.NewLabel(i18n.T("action.late_by", map[string]string{"N": i18n.Number(p.daysLate())}))
		late.Color = errorColor
		facts.Add(late)
	}
	if l.meeting != nil {
		mid := l.meeting.ID
		facts.Add(newLinkRow(&columns{widths: []float32{120, 400}, flex: 1}, map[int]bool{1: true}, func() { p.sh.open(newMeetingEditor(p.sh, mid)) },
			i18n.T("action.from_meeting"), formatDate(l.meeting.StartsAt)+" — "+l.meeting.Title).obj)
	}
	if a.Details != "" {
		d := rtl.NewText(a.Details)
		d.Auto = true
		facts.Add(d)
	}
	form := p.buildForm(a, l.staff)
	p.log = container.NewVBox()
	p.fillLog(l.log)
	body := container.NewVBox(facts, widget.NewSeparator(), form, widget.NewSeparator(),
		rtl.NewLabelWithStyle(i18n.T("followup.title"), fyne.TextStyle{Bold: true}), p.composer(a), p.log)
	saveBtn := widget.NewButtonWithIcon(i18n.T("button.save"), theme.DocumentSaveIcon(), p.save)
	saveBtn.Importance = widget.HighImportance
	bar := rtl.Border(nil, nil, rtl.HBox(saveBtn, widget.NewButtonWithIcon(i18n.T("button.back"), theme.CancelIcon(), p.cancel)), nil, p.message)
	p.root.Objects = []fyne.CanvasObject{container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil,
		container.NewVScroll(container.NewPadded(body)))}
	p.root.Refresh()
}

// statusLine says the status, the neighbourhood and the department.
func (p *actionPage) statusLine() string {
	a := p.row
	s := i18n.T("action.status") + ": " + actionStatusText(a)
	if a.NeighbourhoodName != "" {
		s += "  —  " + i18n.T("col.neighbourhood") + ": " + a.NeighbourhoodName
	}
	return s
}

// daysLate is how many days the deadline has passed.
func (p *actionPage) daysLate() int {
	due, err := time.Parse("2006-01-02", p.row.DueDate)
	if err != nil {
		return 0
	}
	return int(p.sh.today().Sub(due).Hours() / 24)
}

// buildForm makes the editable fields: deadline, department, responsible.
func (p *actionPage) buildForm(a data.ActionRow, staff []data.Person) fyne.CanvasObject {
	p.filling = true
	defer func() { p.filling = false }()
	p.due = newDateField(p.sh.win)
	if a.DueDate != "" {
		if t, err := time.Parse("2006-01-02", a.DueDate); err == nil {
			d, _ := jalali.FromGregorian(t.Year(), int(t.Month()), t.Day())
			p.due.de.SetDate(d)
		}
	}
	p.due.change = p.changed
	ids, names := p.sh.departmentChoices()
	p.dept = newRefChoice(ids, names)
	p.dept.set(deref(a.DepartmentID))
	ids, names = nil, nil
	current := deref(a.ResponsibleID)
	for _, x := range staff {
		ids, names = append(ids, x.ID), append(names, x.Name)
	}
	if current != "" && !contains(ids, current) {
		ids, names = append(ids, current), append(names, a.Responsible)
	}
	p.resp = newRefChoice(ids, names)
	p.resp.set(current)
	p.respName = textEntry()
	p.respName.SetText(a.ResponsibleName)
	p.respName.OnChanged = func(string) { p.changed() }
	p.dept.OnChanged = func(string) { p.changed() }
	p.resp.OnChanged = func(string) { p.changed() }
	return rtl.Form(
		rtl.NewLabel(i18n.T("action.due")), atStart(atLeast(p.due.obj, 220, 0)),
		rtl.NewLabel(i18n.T("concern.department")), p.dept.Select,
		rtl.NewLabel(i18n.T("action.responsible_person")), p.resp.Select,
		rtl.NewLabel(i18n.T("action.responsible_name")), p.respName,
	)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (p *actionPage) changed() {
	if !p.filling {
		p.dirty = true
	}
}

// composer is where a follow-up note is written, with the status it leaves.
func (p *actionPage) composer(a data.ActionRow) fyne.CanvasObject {
	p.noteE = textArea()
	p.noteE.PlaceHolder = i18n.T("followup.placeholder")
	p.newStatus = newChoice("action_status.", p.sh.actionStatuses(a.Status), false)
	p.newStatus.set(a.Status)
	add := widget.NewButtonWithIcon(i18n.T("followup.add"), theme.ContentAddIcon(), p.addNote)
	add.Importance = widget.HighImportance
	status := rtl.HBox(rtl.NewLabel(i18n.T("followup.status")), atLeast(p.newStatus.Select, 170, 0), add)
	return container.NewVBox(atLeast(p.noteE, 0, 80), p.noteErr, atStart(status))
}

// fillLog shows the follow-up log, the latest note first.
func (p *actionPage) fillLog(log []data.FollowUp) {
	p.log.RemoveAll()
	if len(log) == 0 {
		p.log.Add(note(i18n.T("followup.none")))
	}
	for i := len(log) - 1; i >= 0; i-- {
		p.log.Add(followUpEntry(log[i]))
	}
}

// followUpEntry is one note of the log: when and who, what, the status it set.
func followUpEntry(f data.FollowUp) fyne.CanvasObject {
	when := formatDate(f.NotedAt)
	if t, err := data.ParseTime(f.NotedAt); err == nil {
		when += " " + clockOf(t)
	}
	head := rtl.NewLabelWithStyle(when+" — "+f.CreatedBy, fyne.TextStyle{Bold: true})
	head.TextSize = 12
	text := rtl.NewText(f.Note)
	text.Auto = true
	box := container.NewVBox(head, text)
	if f.NewStatus != "" {
		st := rtl.NewLabel(i18n.T("followup.set_status", map[string]string{"Status": i18n.T("action_status." + f.NewStatus)}))
		st.TextSize = 12
		st.Color = theme.Color(theme.ColorNamePrimary)
		box.Add(st)
	}
	box.Add(widget.NewSeparator())
	return box
}

// addNote writes the note (and the status it sets) to the store, then
// shows the item and its log as they now are.
func (p *actionPage) addNote() {
	text := trimmed(p.noteE.Text)
	if text == "" {
		showError(p.noteErr, i18n.T("followup.empty"))
		return
	}
	showError(p.noteErr, "")
	status, at, author := p.newStatus.value(), p.sh.now(), p.sh.author()
	p.sh.background(func() {
		_, err := p.sh.store.AddFollowUp(context.Background(), author, p.id, text, status, at)
		onUI(func() {
			if err != nil {
				p.message.SetText(i18n.T("form.save_failed", map[string]string{"Err": errText(err)}))
				return
			}
			p.noteE.SetText("")
			p.sh.say(i18n.T("followup.added"))
			dirty := p.dirty
			p.sh.background(func() {
				p.load()
				onUI(func() { p.dirty = dirty })
			})
		})
	})
}

// save writes the deadline, department and responsible.
func (p *actionPage) save() {
	if _, ok := p.due.check(false); !ok {
		p.message.SetText(i18n.T("form.fix_errors"))
		return
	}
	fields := map[string]any{"id": p.id, "due_date": gregorianDate(p.due.entry.Text), "department_id": refField(p.dept.value()),
		"responsible_id": refField(p.resp.value()), "responsible_name": trimmed(p.respName.Text)}
	p.sh.background(func() {
		err := p.sh.store.Write(context.Background(), p.sh.author(), func(w *data.Writer) error {
			_, err := w.Save("action_items", fields)
			return err
		})
		onUI(func() {
			if err != nil {
				p.message.SetText(i18n.T("form.save_failed", map[string]string{"Err": errText(err)}))
				return
			}
			p.dirty = false
			p.sh.say(i18n.T("action.saved"))
			p.sh.background(p.load)
		})
	})
}

func (p *actionPage) leave(proceed func()) {
	if !p.dirty && (p.noteE == nil || trimmed(p.noteE.Text) == "") {
		proceed()
		return
	}
	p.sh.confirm(i18n.T("form.unsaved.title"), i18n.T("form.unsaved"), func(ok bool) {
		if ok {
			p.dirty = false
			if p.noteE != nil {
				p.noteE.SetText("")
			}
			proceed()
		}
	})
}
