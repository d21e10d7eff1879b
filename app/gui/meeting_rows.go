package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// A section of the meeting editor is a titled list of rows (agenda items,
// concerns, decisions, action items) with an "add" button.
type section[R any] struct {
	addBtn *widget.Button
	rows   []R
	box    *fyne.Container
	obj    fyne.CanvasObject
	objOf  func(R) fyne.CanvasObject
}

func newSection[R any](title, addLabel string, objOf func(R) fyne.CanvasObject, add func()) *section[R] {
	s := &section[R]{box: container.NewVBox(), objOf: objOf}
	s.addBtn = widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), add)
	head := rtl.Border(nil, nil, rtl.NewLabelWithStyle(title, fyne.TextStyle{Bold: true}), s.addBtn)
	s.obj = container.NewVBox(widget.NewSeparator(), head, s.box)
	return s
}

func (s *section[R]) add(r R) {
	s.rows = append(s.rows, r)
	s.box.Add(s.objOf(r))
}

func (s *section[R]) remove(i int) {
	s.rows = append(s.rows[:i], s.rows[i+1:]...)
	s.box.Remove(s.box.Objects[i])
}

func (s *section[R]) index(match func(R) bool) int {
	for i, r := range s.rows {
		if match(r) {
			return i
		}
	}
	return -1
}

// removeButton is the small "remove this row" button at a row's end.
func removeButton(fn func()) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), fn)
	b.Importance = widget.LowImportance
	return b
}

// labelled puts a small caption above a field, for rows with several fields.
func labelled(caption string, field fyne.CanvasObject) fyne.CanvasObject {
	l := rtl.NewLabel(caption)
	l.TextSize = 11
	return container.NewVBox(l, field)
}

// agendaRow is one agenda item.
type agendaRow struct {
	id   string
	text *rtl.Entry
	err  *rtl.Label
	obj  fyne.CanvasObject
}

func (ed *meetingEditor) newAgendaRow(st agendaState) *agendaRow {
	r := &agendaRow{id: st.ID, text: textEntry(), err: errorLabel()}
	r.text.SetText(st.Text)
	r.text.PlaceHolder = i18n.T("agenda.placeholder")
	r.text.OnChanged = func(string) { ed.changed() }
	del := removeButton(func() {
		ed.removeRow(func() { ed.agenda.remove(ed.agenda.index(func(x *agendaRow) bool { return x == r })) })
	})
	r.obj = rtl.Border(nil, r.err, nil, del, r.text)
	return r
}

func (r *agendaRow) state() agendaState { return agendaState{ID: r.id, Text: r.text.Text} }

// concernRow is one concern raised in the meeting.
type concernRow struct {
	id                                  string
	title                               *rtl.Entry
	err                                 *rtl.Label
	nbh, dept, priority, raised, status *choice
	obj                                 fyne.CanvasObject
}

func (ed *meetingEditor) newConcernRow(st concernState) *concernRow {
	r := &concernRow{id: st.ID, title: textEntry(), err: errorLabel()}
	r.title.PlaceHolder = i18n.T("concern.placeholder")
	r.title.SetText(st.Title)
	r.title.OnChanged = func(string) { ed.changed(); ed.relink() }
	ids, names := ed.sh.neighbourhoodChoices()
	r.nbh = newRefChoice(ids, names)
	ids, names = ed.sh.departmentChoices()
	r.dept = newRefChoice(ids, names)
	r.priority = newChoice("priority.", data.Priorities, false)
	r.status = newChoice("concern_status.", data.ConcernStatuses, false)
	r.raised = newRefChoice(nil, nil)
	r.nbh.set(st.Neighbourhood)
	r.dept.set(st.Department)
	r.priority.set(orDefault(st.Priority, "normal"))
	r.status.set(orDefault(st.Status, "open"))
	ed.setPeopleOptions(r.raised, st.RaisedBy)
	for _, c := range []*choice{r.nbh, r.dept, r.priority, r.status, r.raised} {
		c.OnChanged = func(string) { ed.changed() }
	}
	del := removeButton(func() {
		ed.removeRow(func() { ed.concerns.remove(ed.concerns.index(func(x *concernRow) bool { return x == r })) })
	})
	fields := rtl.Row(
		labelled(i18n.T("col.neighbourhood"), r.nbh.Select), labelled(i18n.T("concern.department"), r.dept.Select),
		labelled(i18n.T("concern.priority"), r.priority.Select), labelled(i18n.T("concern.raised_by"), r.raised.Select),
		labelled(i18n.T("concern.status"), r.status.Select))
	r.obj = container.NewVBox(rtl.Border(nil, nil, nil, del, r.title), r.err, fields)
	return r
}

func (r *concernRow) state() concernState {
	return concernState{ID: r.id, Title: r.title.Text, Neighbourhood: r.nbh.value(), Department: r.dept.value(),
		Priority: r.priority.value(), RaisedBy: r.raised.value(), Status: r.status.value()}
}

// decisionRow is one decision, with the concerns it answers ticked.
type decisionRow struct {
	id      string
	text    *rtl.Entry
	err     *rtl.Label
	answers map[string]bool
	checks  *fyne.Container
	ids     []string     // the concerns ticked boxes stand for, in order
	labels  []*rtl.Label // their labels
	obj     fyne.CanvasObject
}

func (ed *meetingEditor) newDecisionRow(st decisionState) *decisionRow {
	r := &decisionRow{id: st.ID, text: textArea(), err: errorLabel(), answers: map[string]bool{}, checks: container.NewVBox()}
	r.text.PlaceHolder = i18n.T("decision.placeholder")
	r.text.SetText(st.Text)
	r.text.OnChanged = func(string) { ed.changed(); ed.relink() }
	for _, c := range st.Answers {
		r.answers[c] = true
	}
	del := removeButton(func() {
		ed.removeRow(func() { ed.decisions.remove(ed.decisions.index(func(x *decisionRow) bool { return x == r })) })
	})
	r.obj = container.NewVBox(rtl.Border(nil, nil, nil, del, r.text), r.err,
		labelled(i18n.T("decision.answers"), r.checks))
	return r
}

// setConcerns shows one tick box per concern of the meeting.
// While the concerns stay the same ones in the same order (a title being
// typed), only the labels change: relink runs on every keystroke.
func (r *decisionRow) setConcerns(ed *meetingEditor, concerns []concernState) {
	if r.sameConcerns(concerns) {
		for i, c := range concerns {
			r.labels[i].SetText(concernLabel(i, c))
		}
		return
	}
	r.checks.RemoveAll()
	r.ids, r.labels = nil, nil
	live := map[string]bool{}
	for i, c := range concerns {
		c := c
		live[c.ID] = true
		chk := widget.NewCheck("", func(on bool) { r.answers[c.ID] = on; ed.changed() })
		chk.Checked = r.answers[c.ID]
		label := rtl.NewLabel(concernLabel(i, c))
		r.ids, r.labels = append(r.ids, c.ID), append(r.labels, label)
		r.checks.Add(atStart(chk, label))
	}
	for id := range r.answers {
		if !live[id] {
			delete(r.answers, id) // the concern was removed
		}
	}
}

func (r *decisionRow) sameConcerns(concerns []concernState) bool {
	if len(concerns) != len(r.ids) {
		return false
	}
	for i, c := range concerns {
		if c.ID != r.ids[i] {
			return false
		}
	}
	return true
}

func concernLabel(i int, c concernState) string {
	return i18n.Number(i+1) + ". " + orDefault(trimmed(c.Title), "—")
}

func (r *decisionRow) state() decisionState {
	st := decisionState{ID: r.id, Text: r.text.Text}
	for id, on := range r.answers {
		if on {
			st.Answers = append(st.Answers, id)
		}
	}
	sortStrings(st.Answers)
	return st
}

// actionRow is one action item that follows from the meeting.
type actionRow struct {
	id                           string
	title, respName              *rtl.Entry
	err                          *rtl.Label
	due                          *dateField
	dept, resp, status, decision *choice
	obj                          fyne.CanvasObject
}

func (ed *meetingEditor) newActionRow(st actionState) *actionRow {
	r := &actionRow{id: st.ID, title: textEntry(), respName: textEntry(), err: errorLabel(), due: newDateField(ed.sh.win)}
	r.title.PlaceHolder = i18n.T("action.placeholder")
	r.title.SetText(st.Title)
	r.respName.PlaceHolder = i18n.T("action.responsible_name")
	r.respName.SetText(st.ResponsibleName)
	r.due.entry.SetText(st.Due)
	ids, names := ed.sh.departmentChoices()
	r.dept = newRefChoice(ids, names)
	r.dept.set(st.Department)
	r.status = newChoice("action_status.", ed.sh.actionStatuses(st.Status), false)
	r.status.set(orDefault(st.Status, "open"))
	r.resp = newRefChoice(nil, nil)
	ed.setPeopleOptions(r.resp, st.Responsible)
	r.decision = newRefChoice(nil, nil)
	ed.setDecisionOptions(r.decision, st.Decision)
	for _, c := range []*choice{r.dept, r.status, r.resp, r.decision} {
		c.OnChanged = func(string) { ed.changed() }
	}
	r.title.OnChanged = func(string) { ed.changed() }
	r.respName.OnChanged = func(string) { ed.changed() }
	r.due.change = ed.changed
	del := removeButton(func() {
		ed.removeRow(func() { ed.actions.remove(ed.actions.index(func(x *actionRow) bool { return x == r })) })
	})
	fields := rtl.Row(
		labelled(i18n.T("concern.department"), r.dept.Select), labelled(i18n.T("action.responsible"), r.resp.Select),
		labelled(i18n.T("action.responsible_name"), r.respName))
	fields2 := rtl.Row(
		labelled(i18n.T("action.due"), r.due.obj), labelled(i18n.T("action.status"), r.status.Select),
		labelled(i18n.T("action.decision"), r.decision.Select))
	r.obj = container.NewVBox(rtl.Border(nil, nil, nil, del, r.title), r.err, fields, fields2)
	return r
}

func (r *actionRow) state() actionState {
	return actionState{ID: r.id, Title: r.title.Text, Department: r.dept.value(), Responsible: r.resp.value(),
		ResponsibleName: r.respName.Text, Due: r.due.entry.Text, Status: r.status.value(), Decision: r.decision.value()}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// actionStatuses are the statuses this device may set: HQ lets only a
// supervisor or HQ close an action item (done, cancelled), so an officer's
// editor does not offer what HQ would refuse. A status already set stays.
func (sh *shell) actionStatuses(current string) []string {
	if sh.profile.Role != "officer" {
		return data.ActionStatuses
	}
	out := []string{"open", "in_progress"}
	if current == "done" || current == "cancelled" {
		out = append(out, current)
	}
	return out
}
