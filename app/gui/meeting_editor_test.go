package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/data"
)

// The values this test types; the store must hold exactly these.
const (
	typedTitle   = "نشست شورایاری محله دارآباد با حضور معاون (District 14)"
	typedPlace   = "سرای محله دارآباد"
	typedGuest   = "مهندس Ahmadi از شرکت آب"
	typedNewName = "سید مهدی موسوی"
	typedNewTel  = "۰۹۱۲ ۷۶۵ ۴۳۲۱"
	typedConcern = "آب‌گرفتگی خیابان اصلی پس از بارندگی"
	typedDecide  = "لایروبی جوی‌های خیابان اصلی تا پایان ماه"
	typedAction  = "لایروبی جوی‌ها"
	typedAgenda  = "گزارش پیگیری مصوبات نشست قبل"
	typedMinutes = "حاضران دربارهٔ آب‌گرفتگی گفت‌وگو کردند."
)

// recordSeedMeeting records a meeting by typing and tapping, as an officer
// does, and returns the editor before saving.
func recordSeedMeeting(t *testing.T, sh *shell, w fyne.Window) *meetingEditor {
	t.Helper()
	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	test.Type(ed.titleE, typedTitle)
	choose(t, ed.kind.Select, i18n.T("kind.council"))
	retype(ed.date.entry, "1404/07/09") // Latin digits, as a laptop with no Persian keyboard types them
	retype(ed.clock, "۱۶:۳۰")
	test.Type(ed.place, typedPlace)
	choose(t, ed.nbh.Select, "دارآباد")

	// Picked from the register by typing Arabic ك and ي: the register holds کریمی.
	test.Type(ed.att.picker, "كريم")
	if len(ed.att.hits) != 1 {
		t.Fatalf("typing كريم finds %d people, want حاج ابراهیم کریمی alone", len(ed.att.hits))
	}
	ed.att.picker.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	// A quick new person, straight into the meeting.
	test.Tap(ed.att.newBtn)
	f := sh.lastDialog
	retype(f.name, typedNewName)
	test.Type(f.phone, typedNewTel)
	test.Tap(f.saveBtn)
	// A guest who is not in the register.
	test.Type(ed.att.guest, typedGuest)
	test.Tap(ed.att.addBtn)
	if n := len(ed.att.rows); n != 3 {
		t.Fatalf("the meeting lists %d attendees, want 3 (picked, new, guest)", n)
	}
	choose(t, ed.att.rows[0].role.Select, i18n.T("meeting_role.chair"))

	test.Tap(ed.agenda.addBtn)
	test.Type(ed.agenda.rows[0].text, typedAgenda)
	test.Type(ed.minutes, typedMinutes)

	test.Tap(ed.concerns.addBtn)
	c := ed.concerns.rows[0]
	test.Type(c.title, typedConcern)
	choose(t, c.dept.Select, "خدمات شهری")
	choose(t, c.priority.Select, i18n.T("priority.high"))
	choose(t, c.raised.Select, "حاج ابراهیم کریمی")

	test.Tap(ed.decisions.addBtn)
	d := ed.decisions.rows[0]
	test.Type(d.text, typedDecide)
	tickFirst(t, d)

	test.Tap(ed.actions.addBtn)
	a := ed.actions.rows[0]
	test.Type(a.title, typedAction)
	choose(t, a.dept.Select, "خدمات شهری")
	test.Type(a.due.entry, "۱۴۰۴/۰۸/۱۵")
	choose(t, a.decision.Select, a.decision.Options[1])
	return ed
}

func tickFirst(t *testing.T, d *decisionRow) {
	t.Helper()
	var found bool
	for _, o := range d.checks.Objects {
		walk(o, func(obj fyne.CanvasObject) {
			if c, ok := obj.(*widget.Check); ok && !found {
				test.Tap(c)
				found = true
			}
		})
	}
	if !found {
		t.Fatal("the decision offers no concern to tick")
	}
}

func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			walk(x, fn)
		}
	}
}

func TestRecordMeetingByTypingAndTapping(t *testing.T) {
	s, wd := testStore(t, "", false)
	sh, w := testShell(t, s, i18n.Persian)
	ed := recordSeedMeeting(t, sh, w)
	id := ed.id
	shortcut(w, fyne.KeyS)
	if _, still := sh.current().(*meetingEditor); still {
		t.Fatalf("Ctrl+S left the editor open: %q", ed.message.Text)
	}

	ctx := context.Background()
	got, err := s.Meeting(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m := got.Meeting
	start, _ := data.ParseTime(m.StartsAt)
	want := time.Date(2025, 10, 1, 13, 0, 0, 0, time.UTC) // 1404/07/09 16:30 in Tehran (UTC+3:30)
	checks := []struct{ what, got, want string }{
		{"title", m.Title, typedTitle},
		{"kind", m.Kind, "council"},
		{"place", m.Place, typedPlace},
		{"neighbourhood", deref(m.NeighbourhoodID), wd.nbh["دارآباد"]},
		{"minutes", m.Minutes, typedMinutes},
		{"starts at", start.UTC().String(), want.String()},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("meeting %s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if len(got.Attendance) != 3 {
		t.Fatalf("the store holds %d attendees, want 3", len(got.Attendance))
	}
	picked, guest := got.Attendance[0], got.Attendance[2]
	if deref(picked.PersonID) != wd.people["حاج ابراهیم کریمی"] || picked.MeetingRole != "chair" || !picked.Present {
		t.Errorf("the picked attendee is stored as %+v, want کریمی, chair, present", picked)
	}
	if guest.PersonID != nil || guest.GuestName != typedGuest || guest.MeetingRole != "guest" {
		t.Errorf("the guest is stored as %+v", guest)
	}
	newPerson, err := s.Get(ctx, "people", deref(got.Attendance[1].PersonID))
	if err != nil || newPerson["name"] != typedNewName || newPerson["phone"] != "0912 765 4321" {
		t.Errorf("the quick new person is stored as %v (%v), want %s with phone 0912 765 4321", newPerson, err, typedNewName)
	}
	if len(got.Agenda) != 1 || got.Agenda[0].Text != typedAgenda || got.Agenda[0].Position != 1 {
		t.Errorf("agenda = %+v", got.Agenda)
	}
	if len(got.Concerns) != 1 {
		t.Fatalf("concerns = %+v", got.Concerns)
	}
	c := got.Concerns[0]
	if c.Title != typedConcern || c.Priority != "high" || c.Status != "open" || deref(c.RaisedByID) != wd.people["حاج ابراهیم کریمی"] ||
		deref(c.NeighbourhoodID) != wd.nbh["دارآباد"] || departmentName(t, s, deref(c.DepartmentID)) != "خدمات شهری" {
		t.Errorf("the concern is stored as %+v", c)
	}
	if len(got.Decisions) != 1 || got.Decisions[0].Text != typedDecide {
		t.Fatalf("decisions = %+v", got.Decisions)
	}
	links, _ := s.LinksFrom(ctx, "decisions", []string{got.Decisions[0].ID})
	if len(links) != 1 || links[0].ToID != c.ID || links[0].Relation != "answers" {
		t.Errorf("the decision's links are %+v, want one to the concern", links)
	}
	if len(got.ActionItems) != 1 {
		t.Fatalf("action items = %+v", got.ActionItems)
	}
	a := got.ActionItems[0]
	if a.Title != typedAction || a.DueDate != "2025-11-06" || a.Status != "open" || deref(a.DecisionID) != got.Decisions[0].ID {
		t.Errorf("the action item is stored as %+v, want due 2025-11-06 (1404/08/15), following the decision", a)
	}

	// Found again by any word of it, and reopened with every field as typed.
	sh.replace(newMeetingsPage(sh))
	list := sh.current().(*meetingsPage)
	test.Type(list.search, "دارآباد معاون")
	if list.length() != 1 {
		t.Fatalf("searching for words of the title finds %d meetings", list.length())
	}
	list.list.Select(0)
	again := editorOf(t, sh)
	st := again.collect()
	if st.Title != typedTitle || st.Place != typedPlace || st.Date != "۱۴۰۴/۰۷/۰۹" || st.Time != "۱۶:۳۰" || len(st.Attendees) != 3 ||
		len(st.Decisions) != 1 || len(st.Decisions[0].Answers) != 1 || st.Actions[0].Due != "۱۴۰۴/۰۸/۱۵" {
		t.Errorf("the reopened meeting shows %+v", st)
	}
}

func departmentName(t *testing.T, s *data.Store, id string) string {
	depts, err := s.Departments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range depts {
		if d.ID == id {
			return d.NameFa
		}
	}
	return ""
}

func TestInvalidInputIsShownAndNothingIsWritten(t *testing.T) {
	s, _ := testStore(t, "", false)
	sh, w := testShell(t, s, i18n.Persian)
	before := countRows(t, s, "changes")
	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	retype(ed.date.entry, "۱۴۰۴/۱۲/۳۰") // 1404 is not a leap year: Esfand has 29 days
	test.Tap(ed.actions.addBtn)
	test.Type(ed.actions.rows[0].title, typedAction)
	test.Type(ed.actions.rows[0].due.entry, "1404/01/01")
	test.Tap(ed.concerns.addBtn) // left empty
	shortcut(w, fyne.KeyS)

	if editorOf(t, sh) != ed {
		t.Fatal("the editor closed on invalid input")
	}
	for _, c := range []struct {
		what string
		got  string
		want string
	}{
		{"title", ed.titleErr.Text, i18n.T("form.required")},
		{"date", ed.date.err.Text, "۲۹"},
		{"empty concern", ed.concerns.rows[0].err.Text, i18n.T("form.required")},
		{"form", ed.message.Text, i18n.T("form.fix_errors")},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("the %s message is %q, want it to say %q", c.what, c.got, c.want)
		}
	}
	// Fix the date: now the deadline is before the meeting.
	retype(ed.date.entry, "۱۴۰۴/۰۷/۰۹")
	test.Type(ed.titleE, "نشست")
	ed.concerns.remove(0)
	shortcut(w, fyne.KeyS)
	if msg := ed.actions.rows[0].due.err.Text; msg != i18n.T("action.due_before_meeting") {
		t.Errorf("a deadline before the meeting shows %q", msg)
	}
	if after := countRows(t, s, "changes"); after != before {
		t.Fatalf("invalid input wrote %d changes", after-before)
	}
	// A phone with letters, in the quick new person.
	test.Tap(ed.att.newBtn)
	f := sh.lastDialog
	test.Type(f.name, "علی")
	test.Type(f.phone, "0912abc")
	test.Tap(f.saveBtn)
	if f.phoneErr.Text != i18n.T("person.phone.letters") || countRows(t, s, "changes") != before {
		t.Errorf("a phone with letters shows %q and wrote %d changes", f.phoneErr.Text, countRows(t, s, "changes")-before)
	}
}

func TestDraftSurvivesACrash(t *testing.T) {
	path := t.TempDir() + "/draft.db"
	s, _ := testStore(t, path, true)
	sh, _ := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	list.list.Select(0)
	ed := editorOf(t, sh)
	id := ed.id
	test.Type(ed.minutes, "متن صورتجلسه که هنوز ذخیره نشده است")
	ed.writeDraft() // what the draft timer does two seconds after the last key
	s.Close()       // the crash: the meeting was never saved

	s2, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if m, _ := s2.Meeting(context.Background(), id); m.Meeting.Minutes != "" {
		t.Fatalf("the unsaved minutes reached the meeting itself: %q", m.Meeting.Minutes)
	}
	sh2, _ := testShell(t, s2, i18n.Persian)
	sh2.open(newMeetingEditor(sh2, id))
	ed2 := editorOf(t, sh2)
	if ed2.minutes.Text != "متن صورتجلسه که هنوز ذخیره نشده است" || !ed2.dirty {
		t.Fatalf("after the crash the editor shows minutes %q (dirty %v), want the draft", ed2.minutes.Text, ed2.dirty)
	}
	if !strings.Contains(ed2.message.Text, "پیش‌نویس") {
		t.Errorf("the editor does not say a draft was restored: %q", ed2.message.Text)
	}
}

func TestDeleteAsksAndTrashRestores(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, _ := testShell(t, s, i18n.Persian)
	list := onMeetings(sh)
	first, _ := list.row(0)
	list.list.Select(0)
	ed := editorOf(t, sh)
	asked := ""
	sh.answer = func(title string) bool { asked = title; return true }
	ed.confirmDelete()
	if asked == "" {
		t.Fatal("deleting did not ask first")
	}
	list = sh.current().(*meetingsPage)
	if n := list.length(); n != 2 {
		t.Fatalf("after deleting, the list shows %d meetings, want 2", n)
	}
	sh.openSection("trash")
	trash := sh.current().(*trashPage)
	if len(trash.box.Objects) != 1 {
		t.Fatalf("the trash shows %d entries, want the deleted meeting", len(trash.box.Objects))
	}
	var restore *widget.Button
	walk(trash.box.Objects[0], func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			restore = b
		}
	})
	test.Tap(restore)
	if _, err := s.Meeting(context.Background(), first.ID); err != nil {
		t.Fatalf("the restored meeting cannot be read: %v", err)
	}
	sh.openSection("meetings")
	if n := sh.current().(*meetingsPage).length(); n != 3 {
		t.Errorf("after restoring, the list shows %d meetings, want 3", n)
	}
}

// A decision's list of concerns follows the concerns as they are typed,
// and keeps what was ticked.
func TestDecisionFollowsTheConcerns(t *testing.T) {
	s, _ := testStore(t, "", false)
	sh, w := testShell(t, s, i18n.Persian)
	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	test.Tap(ed.concerns.addBtn)
	test.Tap(ed.decisions.addBtn)
	d := ed.decisions.rows[0]
	tickFirst(t, d)
	test.Type(ed.concerns.rows[0].title, "آب‌گرفتگی")
	if got := d.labels[0].Text; got != "۱. آب‌گرفتگی" {
		t.Errorf("the decision names the concern %q, want ۱. آب‌گرفتگی", got)
	}
	if st := d.state(); len(st.Answers) != 1 || st.Answers[0] != ed.concerns.rows[0].id {
		t.Errorf("after typing the tick is %v", st.Answers)
	}
	test.Tap(ed.concerns.addBtn)
	if len(d.labels) != 2 || len(d.state().Answers) != 1 {
		t.Errorf("with a second concern the decision offers %d and ticks %v", len(d.labels), d.state().Answers)
	}
}
