package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// followWorld is what the follow-up tests add to a test store: action
// items around the tests' today (Wednesday 9 Mehr 1404), concerns, a
// decision and a project linked to them.
type followWorld struct {
	overdue, dueSoon, done, other string // action items
	concern, concern2, project    string
	dept, dept2                   string
}

const (
	overdueTitle = "لایروبی جوی خیابان شهید رجایی"
	dueSoonTitle = "نصب سطل زباله در پارک لاله (Laleh Park)"
)

func addFollowWorld(t *testing.T, s *data.Store, wd world) followWorld {
	t.Helper()
	ctx := context.Background()
	depts, err := s.Departments(ctx)
	if err != nil || len(depts) < 3 {
		t.Fatalf("departments: %v", err)
	}
	fw := followWorld{dept: depts[0].ID, dept2: depts[2].ID}
	pir, dar := wd.nbh["پیروزی"], wd.nbh["دارآباد"]
	staff := wd.people["زهرا احمدی"]
	err = s.Write(ctx, "test", func(w *data.Writer) error {
		c := data.Concern{Meta: data.Meta{District: 14}, NeighbourhoodID: &pir, DepartmentID: &fw.dept, Title: "آب‌گرفتگی کوچه‌ها پس از باران",
			Priority: "urgent", Status: "open"}
		c2 := data.Concern{Meta: data.Meta{District: 14}, NeighbourhoodID: &dar, DepartmentID: &fw.dept2, Title: "کمبود نور در بوستان محله",
			Priority: "normal", Status: "in_progress"}
		dec := data.Decision{Meta: data.Meta{District: 14}, Text: "لایروبی جوی‌ها پیش از فصل بارش به حوزه عمرانی سپرده شد."}
		for _, x := range []struct {
			e string
			v any
		}{{"concerns", &c}, {"concerns", &c2}, {"decisions", &dec}} {
			if err := w.Put(x.e, x.v); err != nil {
				return err
			}
		}
		fw.concern, fw.concern2 = c.ID, c2.ID
		items := []*data.ActionItem{
			{NeighbourhoodID: &pir, DepartmentID: &fw.dept, DecisionID: &dec.ID, Title: overdueTitle, ResponsibleID: &staff, DueDate: "2025-09-28", Status: "open"},
			{NeighbourhoodID: &dar, DepartmentID: &fw.dept2, Title: dueSoonTitle, ResponsibleName: "مسئول خدمات شهری", DueDate: "2025-10-02", Status: "in_progress"},
			{NeighbourhoodID: &pir, DepartmentID: &fw.dept2, Title: "جمع‌آوری نخاله‌های ساختمانی", DueDate: "2025-09-10", Status: "done"},
			{NeighbourhoodID: &dar, DepartmentID: &fw.dept, Title: "ترمیم آسفالت کوچه ۱۲", DueDate: "2025-10-20", Status: "open"},
		}
		for _, a := range items {
			a.District = 14
			if err := w.Put("action_items", a); err != nil {
				return err
			}
		}
		fw.overdue, fw.dueSoon, fw.done, fw.other = items[0].ID, items[1].ID, items[2].ID, items[3].ID
		pr := data.Project{Meta: data.Meta{District: 14}, NeighbourhoodID: &pir, DepartmentID: &fw.dept, Title: "احداث کانال آب‌های سطحی پیروزی",
			Status: "in_progress", Progress: 45}
		if err := w.Put("projects", &pr); err != nil {
			return err
		}
		fw.project = pr.ID
		for _, l := range []data.Link{
			{FromEntity: "decisions", FromID: dec.ID, ToEntity: "concerns", ToID: c.ID, Relation: "answers"},
			{FromEntity: "projects", FromID: pr.ID, ToEntity: "concerns", ToID: c.ID, Relation: "addresses"},
		} {
			l.District = 14
			if err := w.Put("links", &l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The screens show when a concern was raised: fixed days, so the
	// goldens do not change with the day the tests run.
	for id, at := range map[string]string{fw.concern: "2025-09-21T08:00:00.000Z", fw.concern2: "2025-09-24T08:00:00.000Z"} {
		if _, err := s.DB().Exec("UPDATE concerns SET created_at = ? WHERE id = ?", at, id); err != nil {
			t.Fatal(err)
		}
	}
	return fw
}

func homeOf(t *testing.T, sh *shell) *homePage {
	t.Helper()
	p, ok := sh.current().(*homePage)
	if !ok {
		t.Fatalf("the window shows %T, want Home", sh.current())
	}
	return p
}

// Home opens first; it counts and lists the overdue item the test wrote;
// tapping it opens the item, and a note with a status change shows in the
// log with its author and Jalali date, and is in the store.
func TestHomeOverdueToFollowUpNote(t *testing.T) {
	s, wd := testStore(t, "", true)
	fw := addFollowWorld(t, s, wd)
	sh, w := testShell(t, s, i18n.Persian)
	home := homeOf(t, sh)
	if home.home.Overdue != 1 || home.home.DueThisWeek != 1 {
		t.Errorf("Home counts %d overdue and %d due this week, want 1 and 1", home.home.Overdue, home.home.DueThisWeek)
	}
	if home.home.OpenConcerns != 2 || len(home.home.Projects) != 1 {
		t.Errorf("Home counts %d open concerns and %d projects, want 2 and 1", home.home.OpenConcerns, len(home.home.Projects))
	}
	entry := home.link(overdueTitle)
	if entry == nil {
		t.Fatal("Home does not list the overdue item")
	}
	test.Tap(entry.btn)
	ap, ok := sh.current().(*actionPage)
	if !ok || ap.id != fw.overdue {
		t.Fatalf("tapping the overdue item opened %T", sh.current())
	}
	if !hasLabel(w.Content(), i18n.T("action.late_by", map[string]string{"N": "۳"})) {
		t.Error("the item does not say it is three days late")
	}
	const typed = "پیمانکار لایروبی را از شنبه آغاز می‌کند"
	test.Type(ap.noteE, typed)
	choose(t, ap.newStatus.Select, i18n.T("action_status.in_progress"))
	test.Tap(findButton(t, w, i18n.T("followup.add")))

	log, err := s.FollowUps(context.Background(), fw.overdue)
	if err != nil || len(log) != 1 {
		t.Fatalf("the store holds %d notes (%v), want the one added", len(log), err)
	}
	if log[0].Note != typed || log[0].NewStatus != "in_progress" || log[0].CreatedBy != "زهرا احمدی" || log[0].NotedAt != "2025-10-01T09:00:00.000Z" {
		t.Errorf("the note is stored as %+v", log[0])
	}
	row, _ := s.ActionRowByID(context.Background(), fw.overdue, sh.today())
	if row.Status != "in_progress" {
		t.Errorf("the item's status is %s, want in_progress", row.Status)
	}
	ap = sh.current().(*actionPage)
	if !hasLabel(ap.log, "۱۴۰۴/۰۷/۰۹ ۱۲:۳۰ — زهرا احمدی") || !hasText(ap.log, typed) ||
		!hasLabel(ap.log, i18n.T("followup.set_status", map[string]string{"Status": "در حال انجام"})) {
		t.Error("the log does not show the note with its Jalali date, author and status")
	}
	if ap.noteE.Text != "" {
		t.Errorf("the note box still holds %q", ap.noteE.Text)
	}
	// Back on Home, the item is still overdue (in progress), counted once.
	sh.goBack()
	if h := homeOf(t, sh); h.home.Overdue != 1 || h.link(overdueTitle) == nil {
		t.Errorf("after the note Home counts %d overdue", h.home.Overdue)
	}
}

// Each filter of the action items list keeps what the test expects.
func TestActionListFilters(t *testing.T) {
	s, wd := testStore(t, "", true)
	fw := addFollowWorld(t, s, wd)
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("actions")
	p := sh.current().(*actionsPage)
	listed := func() []string {
		var out []string
		for i := 0; i < p.rows.length(); i++ {
			a, _ := p.rows.at(i)
			out = append(out, a.ID)
		}
		return out
	}
	expect := func(what string, want ...string) {
		t.Helper()
		got := listed()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s lists %v, want %v", what, got, want)
		}
		if p.count.Text != countText(len(want), true, "actions") {
			t.Errorf("%s: the count line says %q", what, p.count.Text)
		}
	}
	expect("open or in progress, by deadline", fw.overdue, fw.dueSoon, fw.other)
	choose(t, p.status.Select, i18n.T("action_filter.overdue"))
	expect("overdue", fw.overdue)
	choose(t, p.status.Select, i18n.T("action_filter.all"))
	expect("every status", fw.done, fw.overdue, fw.dueSoon, fw.other)
	choose(t, p.dept.Select, sh.departmentName(fw.dept2))
	expect("a department", fw.done, fw.dueSoon)
	choose(t, p.scope.Select, "پیروزی")
	expect("a department in a neighbourhood", fw.done)
	choose(t, p.dept.Select, i18n.T("filter.department"))
	choose(t, p.resp.Select, "زهرا احمدی")
	expect("a person responsible", fw.overdue)
	choose(t, p.scope.Select, i18n.T("filter.neighbourhood"))
	choose(t, p.resp.Select, "مسئول خدمات شهری")
	expect("a name typed as responsible", fw.dueSoon)
	// The overdue row is marked in its status cell.
	choose(t, p.resp.Select, i18n.T("filter.responsible"))
	row := newRow(actionCols, actionUserText)
	p.updateRow(1, row)
	if got := row.Objects[5].(*rtl.Label).Text; got != "باز، عقب‌افتاده" {
		t.Errorf("the overdue row's status reads %q", got)
	}
}

// The follow-up screens in both languages, as goldens (each looked at).
func TestFollowUpScreensGolden(t *testing.T) {
	s, wd := testStore(t, "", true)
	fw := addFollowWorld(t, s, wd)
	ctx := context.Background()
	for i, n := range []struct{ note, status string }{
		{"با پیمانکار حوزه عمرانی تماس گرفته شد؛ قرار بازدید گذاشتیم.", ""},
		{"بازدید انجام شد و برآورد هزینه (۴۵ میلیون تومان) به منطقه رفت.", "in_progress"},
	} {
		at := time.Date(2025, 9, 20+3*i, 7, 15, 0, 0, time.UTC)
		if _, err := s.AddFollowUp(ctx, "پروین جلالی", fw.overdue, n.note, n.status, at); err != nil {
			t.Fatal(err)
		}
	}
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			sh, w := testShell(t, s, language)
			assertScreen(t, w, "home_"+language+".png", nil)
			sh.open(newActionsPage(sh, ""))
			assertScreen(t, w, "actions_"+language+".png", nil)
			sh.open(newActionPage(sh, fw.overdue))
			assertScreen(t, w, "action_log_"+language+".png", nil)
			sh.openSection("concerns")
			assertScreen(t, w, "concerns_"+language+".png", nil)
			sh.open(newConcernPage(sh, fw.concern))
			assertScreen(t, w, "concern_"+language+".png", nil)
			sh.openSection("projects")
			assertScreen(t, w, "projects_"+language+".png", nil)
			sh.open(newProjectPage(sh, fw.project))
			assertScreen(t, w, "project_"+language+".png", nil)
		})
	}
}

// A project's progress typed in Persian digits is saved as a number.
func TestProjectProgressInPersianDigits(t *testing.T) {
	s, wd := testStore(t, "", false)
	fw := addFollowWorld(t, s, wd)
	sh, w := testShell(t, s, i18n.Persian)
	sh.open(newProjectPage(sh, fw.project))
	p := sh.current().(*projectPage)
	retype(p.progress, "۷۰٪")
	test.Tap(findButton(t, w, i18n.T("button.save")))
	rec, err := s.Get(context.Background(), "projects", fw.project)
	if err != nil || rec["progress"] != int64(70) {
		t.Fatalf("the project's progress is %v (%v), want 70", rec["progress"], err)
	}
	sh.open(newProjectPage(sh, fw.project))
	p = sh.current().(*projectPage)
	retype(p.progress, "۱۲۰")
	test.Tap(findButton(t, w, i18n.T("button.save")))
	if !p.progErr.Visible() {
		t.Error("a progress of 120 was not refused")
	}
}

// hasLabel reports whether a label with exactly text is under o.
func hasLabel(o fyne.CanvasObject, text string) bool {
	found := false
	walkAll(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*rtl.Label); ok && l.Text == text {
			found = true
		}
	})
	return found
}

// hasText reports whether a wrapped text with exactly text is under o.
func hasText(o fyne.CanvasObject, text string) bool {
	found := false
	walkAll(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*rtl.Text); ok && l.Text == text {
			found = true
		}
	})
	return found
}
