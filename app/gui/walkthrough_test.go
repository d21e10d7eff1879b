package gui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
)

// The week after the seed article (Wednesday 9 Mehr 1404: HQ's supervision
// session in District 14), as its people live it: the HQ administrator
// only at mahalleh-hq's command line, two officers of District 14 only in
// their windows. With MAHALLEH_SHOTS=dir every step's window is written
// there as walk_NN_….png.
const (
	walkMeeting  = "نشست نظارت ستادی معاونت هماهنگی و امور مناطق در منطقه ۱۴"
	walkConcern  = "چالش‌های پیش روی هر محله"
	walkDecision = "بر اساس تصمیمات اتخاذ شده، راهکارهای عملی برای رفع چالش‌های هر محله در دستور کار قرار گرفت."
	walkAction   = "تهیه فهرست چالش‌ها و راهکارهای عملی هر محله برای ستاد"
	walkNoteB    = "با مدیران حوزه‌های عمرانی و خدمات شهری نشستیم؛ فهرست چالش‌های سه محله آماده شد."
	walkNoteA    = "نمایندگان محلات در دیدار با معتمدان، آب‌گرفتگی و کمبود فضای سبز را هم افزودند."
	walkNoteDone = "فهرست کامل چالش‌ها و راهکارها برای معاونت هماهنگی امور مناطق فرستاده شد."
)

// day is a day of that week at 10:00 in Tehran, the windows' "now".
func day(d int) func() time.Time {
	at := time.Date(2025, 10, 1+d, 6, 30, 0, 0, time.UTC) // 9 Mehr + d, 10:00 in Tehran
	return func() time.Time { return at }
}

// enrolCodeFromCLI makes an enrolment code as the administrator does and
// returns it as printed.
func enrolCodeFromCLI(t *testing.T, h *testHQ, officer, role string) string {
	t.Helper()
	out := h.mahallehHQ(t, "enrol-code", "--district", "14", "--officer", officer, "--role", role)
	code := regexp.MustCompile(`Enrolment code: (\S+)`).FindStringSubmatch(out)
	if code == nil {
		t.Fatalf("enrol-code printed no code: %q", out)
	}
	return code[1]
}

// openAction opens the item titled title from the action items list, of
// every status.
func openAction(t *testing.T, sh *shell, title string) *actionPage {
	t.Helper()
	sh.openSection("actions")
	p := sh.current().(*actionsPage)
	choose(t, p.status.Select, i18n.T("action_filter.all")) // a closed item too
	for i := 0; i < p.rows.length(); i++ {
		if a, _ := p.rows.at(i); a.Title == title {
			p.list.Select(i)
			ap, ok := sh.current().(*actionPage)
			if !ok {
				t.Fatalf("selecting the item opened %T", sh.current())
			}
			return ap
		}
	}
	t.Fatalf("the action items list does not hold %q", title)
	return nil
}

// addNote writes a follow-up note on the item's screen, with the status it leaves.
func addNote(t *testing.T, w fyne.Window, ap *actionPage, note, status string) {
	t.Helper()
	test.Type(ap.noteE, note)
	choose(t, ap.newStatus.Select, i18n.T("action_status."+status))
	test.Tap(findButton(t, w, i18n.T("followup.add")))
}

func TestWeekOfFollowUpAfterTheSeedArticle(t *testing.T) {
	h := startTestHQ(t)
	// Day 0, HQ: the district's neighbourhoods, and a code for each officer.
	csv := filepath.Join(t.TempDir(), "district14.csv")
	if err := os.WriteFile(csv, []byte("شماره ناحیه,نام ناحیه,نام محله\n1,ناحیه ۱,دارآباد\n1,,پیروزی\n2,ناحیه ۲,شهید محلاتی\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.mahallehHQ(t, "reference", "import", "--district", "14", csv)
	codeA := enrolCodeFromCLI(t, h, "زهرا احمدی", "officer")
	codeB := enrolCodeFromCLI(t, h, "رضا کریمی", "supervisor")

	// Wednesday 9 Mehr: Zahra records the session, its decision and the action item that follows it.
	a, wA, _ := h.newLaptopWithCode(t, "زهرا احمدی", codeA)
	a.now = day(0)
	syncNow(t, a)
	shortcut(wA, fyne.KeyN)
	ed := editorOf(t, a)
	test.Type(ed.titleE, walkMeeting)
	choose(t, ed.kind.Select, i18n.T("kind.hq_supervision"))
	retype(ed.date.entry, "۱۴۰۴/۰۷/۰۹")
	retype(ed.clock, "۱۵:۰۰")
	test.Type(ed.place, "شهرداری منطقه ۱۴")
	choose(t, ed.nbh.Select, "پیروزی")
	test.Tap(ed.concerns.addBtn)
	test.Type(ed.concerns.rows[0].title, walkConcern)
	choose(t, ed.concerns.rows[0].dept.Select, "اجتماعی")
	test.Tap(ed.decisions.addBtn)
	test.Type(ed.decisions.rows[0].text, walkDecision)
	tickFirst(t, ed.decisions.rows[0])
	test.Tap(ed.actions.addBtn)
	act := ed.actions.rows[0]
	test.Type(act.title, walkAction)
	choose(t, act.dept.Select, "اجتماعی")
	test.Type(act.respName, "رضا کریمی")
	test.Type(act.due.entry, "۱۴۰۴/۰۷/۱۶")
	choose(t, act.decision.Select, act.decision.Options[1])
	shot(t, wA, "walk_01_zahra_records_the_session")
	shortcut(wA, fyne.KeyS)
	syncNow(t, a)
	shot(t, wA, "walk_02_zahra_synced")

	// Thursday 10 Mehr: Reza's laptop gets it, then he works offline in a neighbourhood house.
	b, wB, _ := h.newLaptopWithCode(t, "رضا کریمی", codeB)
	b.now = day(1)
	syncNow(t, b)
	h.cutAfter(0)
	apB := openAction(t, b, walkAction)
	addNote(t, wB, apB, walkNoteB, "in_progress")
	b.syncer.tick() // the automatic round: HQ cannot be reached
	b.refreshStatus()
	shot(t, wB, "walk_03_reza_offline_note")
	if !strings.Contains(b.status.Text, "خطا") || !strings.Contains(b.status.Text, i18n.T("status.pending", map[string]string{"N": i18n.Number(2)})) {
		t.Fatalf("offline, Reza's status line says %q; want the error and his two changes waiting", b.status.Text)
	}
	h.cutAfter(-1)

	// Saturday 12 Mehr: Zahra adds what the elders said, online.
	a.now = day(3)
	apA := openAction(t, a, walkAction)
	addNote(t, wA, apA, walkNoteA, "in_progress")
	syncNow(t, a)

	// Monday 14 Mehr: Reza is back online; his note goes, Zahra's arrives; he closes the item.
	b.now = day(5)
	b.syncer.tick()
	if !upToDate(b) {
		t.Fatalf("back online, Reza's round left the status line at %q", b.status.Text)
	}
	apB = openAction(t, b, walkAction)
	if !hasText(apB.log, walkNoteA) || !hasText(apB.log, walkNoteB) {
		t.Fatalf("Reza's log does not hold both notes:\n%s", texts(apB.log))
	}
	addNote(t, wB, apB, walkNoteDone, "done")
	shot(t, wB, "walk_04_reza_marks_done")
	syncNow(t, b)
	shot(t, wB, "walk_05_reza_synced")

	// HQ reads the whole log.
	id := actionIDListed(t, h.mahallehHQ(t, "actions", "--district", "14", "--status", "done"), walkAction)
	log := h.mahallehHQ(t, "action", "show", id)
	t.Logf("mahalleh-hq action show %s:\n%s", id, log)
	at := func(s string) int { return strings.Index(log, s) }
	if !hasLine(log, "Status:", "done") || !hasLine(log, "Deadline:", "1404/07/16") || !strings.Contains(log, "Follow-up log (3 notes") ||
		!(at("1404/07/10 10:00  رضا کریمی  (status → in_progress)") > 0 && at("1404/07/12 10:00  زهرا احمدی") > at("1404/07/10 10:00") &&
			at("1404/07/14 10:00  رضا کریمی  (status → done)") > at("1404/07/12 10:00")) ||
		!strings.Contains(log, walkNoteB) || !strings.Contains(log, walkNoteA) || !strings.Contains(log, walkNoteDone) ||
		!hasLine(log, "From meeting:", walkMeeting) || !hasLine(log, "Decision:", "راهکارهای عملی") {
		t.Fatalf("HQ's view of the item lacks part of its follow-up:\n%s", log)
	}

	// Zahra's next round shows her the item closed, with Reza's notes.
	a.now = day(5)
	a.syncer.tick()
	apA = openAction(t, a, walkAction)
	shot(t, wA, "walk_06_zahra_sees_it_done")
	shown := texts(wA.Canvas().Content())
	for _, want := range []string{i18n.T("action.status") + ": " + i18n.T("action_status.done"), walkNoteDone, walkNoteB, walkNoteA} {
		if !strings.Contains(shown, want) {
			t.Fatalf("Zahra's window does not show %q; it shows:\n%s", want, shown)
		}
	}
}

// hasLine reports whether a line of out starts with label and holds value.
func hasLine(out, label, value string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, label) && strings.Contains(l, value) {
			return true
		}
	}
	return false
}
