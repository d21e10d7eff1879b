package gui

import (
	"context"
	"sort"
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

// draftDelay is how long after the last keystroke the editor writes its
// draft: a crash or a closed window loses at most this much typing.
const draftDelay = 2 * time.Second

// meetingEditor records a whole meeting: when and where, who came, the
// agenda, the minutes, and the concerns, decisions and action items.
type meetingEditor struct {
	sh    *shell
	id    string // "" until a new meeting has its state
	isNew bool
	orig  meetingState // as read from the store; empty for a new meeting

	titleE, clock, place, minutes *rtl.Entry
	titleErr, kindErr, clockErr   *rtl.Label
	kind, nbh                     *choice
	date                          *dateField
	att                           *attendees
	agenda                        *section[*agendaRow]
	concerns                      *section[*concernRow]
	decisions                     *section[*decisionRow]
	actions                       *section[*actionRow]
	message                       *rtl.Label
	more                          *editorExtras // follow-ups and attachments (meeting_extras.go)

	root    *fyne.Container
	body    *fyne.Container
	scroll  *container.Scroll
	filling bool // widgets are being filled: not a change by the officer
	dirty   bool
	draft   *debouncer // writes the draft draftDelay after the last change
}

// newMeetingEditor opens meeting id, or a new meeting when id is "".
func newMeetingEditor(sh *shell, id string) *meetingEditor {
	ed := &meetingEditor{sh: sh, id: id, isNew: id == "", draft: &debouncer{sh: sh, delay: draftDelay}, root: container.NewStack(rtl.NewLabel(i18n.T("list.loading")))}
	sh.background(func() { ed.load(context.Background()) })
	return ed
}

func (ed *meetingEditor) title() string {
	if ed.isNew {
		return i18n.T("meeting.new")
	}
	return i18n.T("meeting.edit")
}
func (ed *meetingEditor) section() string            { return "meetings" }
func (ed *meetingEditor) content() fyne.CanvasObject { return ed.root }

func (ed *meetingEditor) draftKey() string {
	if ed.isNew {
		return "meeting:new"
	}
	return "meeting:" + ed.id
}

// load reads the meeting (or starts a new one) and any draft left by a
// crash or a closed window, then builds the form.
func (ed *meetingEditor) load(ctx context.Context) {
	home := ""
	if len(ed.sh.profile.Neighbourhoods) > 0 {
		home = ed.sh.profile.Neighbourhoods[0]
	}
	st := newMeetingState(ed.sh.now(), home)
	var err error
	if !ed.isNew {
		st, err = loadMeetingState(ctx, ed.sh.store, ed.id)
	}
	draft, hasDraft, derr := ed.sh.store.LoadDraft(ctx, ed.draftKey())
	onUI(func() {
		if err != nil {
			ed.root.Objects = []fyne.CanvasObject{rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)}))}
			ed.root.Refresh()
			return
		}
		if !ed.isNew {
			ed.orig = st
		}
		ed.id = st.ID
		ed.build(st)
		if derr == nil && hasDraft {
			if ds, ok := stateFromJSON(draft.Text); ok && ds.json() != st.json() {
				ed.fill(ds)
				ed.dirty = true
				ed.message.SetText(i18n.T("draft.restored", map[string]string{"When": formatDate(data.FormatTime(draft.UpdatedAt)) + " " + clockOf(draft.UpdatedAt)}))
			}
		}
	})
}

func clockOf(t time.Time) string {
	t = t.In(jalali.Tehran())
	return clockText(t.Hour(), t.Minute())
}

// build makes the form's widgets once and fills them from st.
func (ed *meetingEditor) build(st meetingState) {
	ed.titleE, ed.clock, ed.place, ed.minutes = textEntry(), rtl.NewEntry(), textEntry(), textArea()
	ed.titleErr, ed.kindErr, ed.clockErr, ed.message = errorLabel(), errorLabel(), errorLabel(), rtl.NewLabel("")
	ed.titleE.PlaceHolder = i18n.T("meeting.title.placeholder")
	ed.clock.PlaceHolder = i18n.T("meeting.time.placeholder")
	ed.place.PlaceHolder = i18n.T("meeting.place.placeholder")
	ed.minutes.PlaceHolder = i18n.T("meeting.minutes.placeholder")
	ed.kind = newChoice("kind.", data.MeetingKinds, false)
	ids, names := ed.sh.neighbourhoodChoices()
	ed.nbh = newRefChoice(ids, names)
	ed.date = newDateField(ed.sh.win)
	for _, e := range []*rtl.Entry{ed.titleE, ed.clock, ed.place, ed.minutes} {
		e.OnChanged = func(string) { ed.changed() }
	}
	ed.kind.OnChanged = func(string) { ed.changed() }
	ed.nbh.OnChanged = func(string) { ed.changed() }
	ed.date.change = ed.changed
	ed.att = newAttendees(ed)
	ed.agenda = newSection(i18n.T("agenda.title"), i18n.T("agenda.add"), func(r *agendaRow) fyne.CanvasObject { return r.obj },
		func() { r := ed.newAgendaRow(agendaState{ID: newID()}); ed.agenda.add(r); ed.added(r.text) })
	ed.concerns = newSection(i18n.T("concern.title"), i18n.T("concern.add"), func(r *concernRow) fyne.CanvasObject { return r.obj },
		func() {
			r := ed.newConcernRow(concernState{ID: newID(), Neighbourhood: ed.nbh.value()})
			ed.concerns.add(r)
			ed.added(r.title)
		})
	ed.decisions = newSection(i18n.T("decision.title"), i18n.T("decision.add"), func(r *decisionRow) fyne.CanvasObject { return r.obj },
		func() { r := ed.newDecisionRow(decisionState{ID: newID()}); ed.decisions.add(r); ed.added(r.text) })
	ed.actions = newSection(i18n.T("action.title"), i18n.T("action.add"), func(r *actionRow) fyne.CanvasObject { return r.obj },
		func() { r := ed.newActionRow(actionState{ID: newID()}); ed.actions.add(r); ed.added(r.title) })

	when := rtl.Border(nil, nil, rtl.HBox(atLeast(ed.date.obj, 220, 0),
		atLeast(container.NewVBox(ed.clock, ed.clockErr), 110, 0)), nil)
	form := rtl.Form(
		rtl.NewLabel(i18n.T("meeting.title")), container.NewVBox(ed.titleE, ed.titleErr),
		rtl.NewLabel(i18n.T("meeting.kind")), container.NewVBox(ed.kind.Select, ed.kindErr),
		rtl.NewLabel(i18n.T("meeting.when")), when,
		rtl.NewLabel(i18n.T("meeting.place")), ed.place,
		rtl.NewLabel(i18n.T("col.neighbourhood")), ed.nbh.Select,
	)
	minutesBox := container.NewVBox(widget.NewSeparator(), rtl.NewLabelWithStyle(i18n.T("meeting.minutes"), fyne.TextStyle{Bold: true}),
		atLeast(ed.minutes, 0, 220))
	ed.body = container.NewVBox(form, ed.att.obj, ed.agenda.obj, minutesBox, ed.concerns.obj, ed.decisions.obj, ed.actions.obj, ed.extras())
	ed.scroll = container.NewVScroll(container.NewPadded(ed.body))
	saveBtn := widget.NewButtonWithIcon(i18n.T("button.save"), theme.DocumentSaveIcon(), ed.save)
	saveBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButtonWithIcon(i18n.T("button.cancel"), theme.CancelIcon(), ed.cancel)
	buttons := append([]fyne.CanvasObject{saveBtn, cancelBtn}, ed.followUpButton()...)
	if !ed.isNew && ed.mayDelete() {
		del := widget.NewButtonWithIcon(i18n.T("button.delete"), theme.DeleteIcon(), ed.confirmDelete)
		del.Importance = widget.DangerImportance
		buttons = append(buttons, del)
	}
	if !ed.isNew {
		buttons = append(buttons, ed.printButton()) // meeting_print.go
	}
	bar := rtl.Border(nil, nil, rtl.HBox(buttons...), nil, ed.message)
	ed.root.Objects = []fyne.CanvasObject{container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil,
		ed.scroll)}
	ed.root.Refresh()
	ed.fill(st)
}

// mayDelete says whether this device may delete the meeting: HQ lets an
// officer delete only the meetings they recorded (a supervisor or HQ any).
func (ed *meetingEditor) mayDelete() bool {
	return ed.sh.profile.Role != "officer" || ed.orig.CreatedBy == "" || ed.orig.CreatedBy == ed.sh.author()
}

// fill puts a state into the widgets.
func (ed *meetingEditor) fill(st meetingState) {
	ed.filling = true
	defer func() { ed.filling = false }()
	ed.titleE.SetText(st.Title)
	ed.kind.set(st.Kind)
	ed.date.entry.SetText(st.Date)
	ed.clock.SetText(st.Time)
	ed.place.SetText(st.Place)
	ed.nbh.set(st.Neighbourhood)
	ed.minutes.SetText(st.Minutes)
	ed.att.rows = nil
	ed.att.box.RemoveAll()
	for _, a := range st.Attendees {
		ed.att.add(a)
	}
	ed.agenda.rows, ed.concerns.rows, ed.decisions.rows, ed.actions.rows = nil, nil, nil, nil
	for _, s := range []*fyne.Container{ed.agenda.box, ed.concerns.box, ed.decisions.box, ed.actions.box} {
		s.RemoveAll()
	}
	for _, a := range st.Agenda {
		ed.agenda.add(ed.newAgendaRow(a))
	}
	for _, c := range st.Concerns {
		ed.concerns.add(ed.newConcernRow(c))
	}
	for _, d := range st.Decisions {
		ed.decisions.add(ed.newDecisionRow(d))
	}
	for _, a := range st.Actions {
		ed.actions.add(ed.newActionRow(a))
	}
	ed.relink()
}

// collect reads the widgets into a state.
func (ed *meetingEditor) collect() meetingState {
	st := meetingState{ID: ed.id, CreatedBy: ed.orig.CreatedBy, Title: ed.titleE.Text, Kind: ed.kind.value(), Date: ed.date.entry.Text, Time: ed.clock.Text,
		Place: ed.place.Text, Neighbourhood: ed.nbh.value(), Minutes: ed.minutes.Text, Attendees: ed.att.state()}
	for _, r := range ed.agenda.rows {
		st.Agenda = append(st.Agenda, r.state())
	}
	for _, r := range ed.concerns.rows {
		st.Concerns = append(st.Concerns, r.state())
	}
	for _, r := range ed.decisions.rows {
		st.Decisions = append(st.Decisions, r.state())
	}
	for _, r := range ed.actions.rows {
		st.Actions = append(st.Actions, r.state())
	}
	return st
}

// relink refreshes the choices that depend on other rows: who raised a
// concern or is responsible (the attendees from the register), which
// concerns a decision answers, which decision an action item follows.
func (ed *meetingEditor) relink() {
	if ed.concerns == nil {
		return
	}
	was := ed.filling
	ed.filling = true
	defer func() { ed.filling = was }()
	for _, r := range ed.concerns.rows {
		ed.setPeopleOptions(r.raised, r.raised.value())
	}
	var concerns []concernState
	for _, r := range ed.concerns.rows {
		concerns = append(concerns, r.state())
	}
	for _, r := range ed.decisions.rows {
		r.setConcerns(ed, concerns)
	}
	for _, r := range ed.actions.rows {
		ed.setPeopleOptions(r.resp, r.resp.value())
		ed.setDecisionOptions(r.decision, r.decision.value())
	}
}

func (ed *meetingEditor) setPeopleOptions(c *choice, keep string) {
	ids, names := []string{""}, []string{"—"}
	if ed.att != nil {
		for _, a := range ed.att.rows {
			if a.st.PersonID != "" {
				ids, names = append(ids, a.st.PersonID), append(names, a.st.Name)
			}
		}
	}
	c.values = ids
	c.Options = names
	c.set(keep)
}

func (ed *meetingEditor) setDecisionOptions(c *choice, keep string) {
	ids, names := []string{""}, []string{"—"}
	if ed.decisions != nil {
		for i, d := range ed.decisions.rows {
			ids = append(ids, d.id)
			names = append(names, i18n.Number(i+1)+". "+shorten(d.text.Text, 40))
		}
	}
	c.values = ids
	c.Options = names
	c.set(keep)
}

func shorten(s string, n int) string {
	r := []rune(trimmed(s))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

func sortStrings(s []string) { sort.Strings(s) }

// added marks the meeting changed after a new row and puts the cursor in
// the row's first field, so typing goes on without the mouse.
func (ed *meetingEditor) added(first fyne.Focusable) {
	ed.changed()
	ed.relink()
	ed.relayout()
	if c := ed.sh.win.Canvas(); c != nil {
		c.Focus(first)
	}
}

// removeRow removes a row and marks the meeting changed.
func (ed *meetingEditor) removeRow(fn func()) {
	fn()
	ed.changed()
	ed.relayout()
}

// relayout lays the form out again after rows or suggestions came or went.
func (ed *meetingEditor) relayout() {
	if ed.body != nil {
		ed.body.Refresh()
		ed.scroll.Refresh()
	}
}

// changed marks the form dirty and schedules a draft.
func (ed *meetingEditor) changed() {
	if ed.filling || ed.titleE == nil {
		return
	}
	ed.dirty = true
	if ed.sh.instant {
		return // tests write the draft themselves, when the timer would
	}
	ed.draft.run(ed.writeDraft)
}

// writeDraft saves what is typed so far, off the UI goroutine.
func (ed *meetingEditor) writeDraft() {
	if !ed.dirty {
		return
	}
	text, key := ed.collect().json(), ed.draftKey()
	ed.sh.background(func() { _ = ed.sh.store.SaveDraft(context.Background(), key, text) })
}

func (ed *meetingEditor) stopDraft() {
	ed.draft.stop()
}

func (ed *meetingEditor) confirm(title, msg string, fn func(bool)) { ed.sh.confirm(title, msg, fn) }

// flushDraft writes the draft at once, on this goroutine (the window is
// closing).
func (ed *meetingEditor) flushDraft() {
	if !ed.dirty || ed.titleE == nil {
		return
	}
	ed.stopDraft()
	_ = ed.sh.store.SaveDraft(context.Background(), ed.draftKey(), ed.collect().json())
}
