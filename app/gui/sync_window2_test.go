package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/data"
	"mahalleh/sync/hq"
)

// hqNeighbourhoods are the District 14 neighbourhoods HQ holds in these
// tests; a new laptop knows none of them until its first sync.
var hqNeighbourhoods = []string{"دارآباد", "پیروزی", "شهید محلاتی"}

// withReference gives HQ District 14's subdistrict and neighbourhoods, as
// the administrator does with `mahalleh-hq reference import`.
func (h *testHQ) withReference(t *testing.T) {
	t.Helper()
	var rows []hq.RefRow
	for i, n := range hqNeighbourhoods {
		rows = append(rows, hq.RefRow{Line: i + 2, Number: "1", SubdistrictName: "ناحیه ۱", Neighbourhood: n})
	}
	res, err := hq.ImportReference(context.Background(), h.store, 14, rows, false)
	if err != nil || len(res.Rejected) > 0 {
		t.Fatalf("HQ's reference import: %v %+v", err, res.Rejected)
	}
}

// newLaptop is the window of a new laptop, as an officer first opens it:
// the welcome screen, the officer's name typed, "start for real", and on
// the sync screen HQ's address and the officer's code typed and "enrol"
// tapped. Nothing of the district is in its store before that.
func (h *testHQ) newLaptop(t *testing.T, officer string) (*shell, fyne.Window, *data.Store) {
	t.Helper()
	return h.newLaptopWithCode(t, officer, h.code(t, officer))
}

// newLaptopWithCode is newLaptop with the enrolment code HQ gave.
func (h *testHQ) newLaptopWithCode(t *testing.T, officer, code string) (*shell, fyne.Window, *data.Store) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "laptop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sh, w := testShell(t, s, i18n.Persian)
	sh.syncer.opts.Retries = -1
	wel := findWelcome(t, sh)
	test.Type(wel.name, officer)
	test.Tap(findButton(t, w, i18n.T("welcome.real")))
	p, ok := sh.current().(*syncPage)
	if !ok {
		t.Fatalf("after \"start for real\" the window shows %T, want the sync screen", sh.current())
	}
	if ids, _ := sh.neighbourhoodChoices(); len(ids) != 0 {
		t.Fatalf("a laptop not yet enrolled offers %d neighbourhoods", len(ids))
	}
	test.Type(p.server, h.url)
	test.Type(p.code, code)
	shot(t, w, "enrol_form")
	test.Tap(p.enrolBtn)
	want := i18n.T("sync.enrolled", map[string]string{"District": i18n.Number(14), "Officer": officer})
	if p.message.Text != want {
		t.Fatalf("after tapping enrol the sync screen says %q, want %q", p.message.Text, want)
	}
	return sh, w, s
}

// syncNow taps "Sync now" on the sync screen and waits for nothing: in
// tests the round runs on the tap.
func syncNow(t *testing.T, sh *shell) *syncPage {
	t.Helper()
	p, ok := sh.current().(*syncPage)
	if !ok {
		sh.openSection("sync")
		p = sh.current().(*syncPage)
	}
	if p.syncBtn.Disabled() {
		t.Fatal("\"Sync now\" is disabled")
	}
	test.Tap(p.syncBtn)
	if !strings.HasPrefix(p.message.Text, "همگام شد:") {
		t.Fatalf("after \"Sync now\" the sync screen says %q", p.message.Text)
	}
	return p
}

// upToDate reports whether the status line says nothing waits and the last
// sync was just now.
func upToDate(sh *shell) bool {
	s := sh.status.Text
	return strings.Contains(s, i18n.T("status.pending", map[string]string{"N": i18n.Number(0)})) &&
		strings.Contains(s, i18n.T("status.last_sync", map[string]string{"Ago": i18n.T("ago.now")})) &&
		!strings.Contains(s, i18n.T("status.error", map[string]string{"Err": ""}))
}

// The meeting and action item A's officer records in the window.
const (
	twoTitle  = "نشست شورایاری شهید محلاتی درباره آب‌گرفتگی (1404/07/09)"
	twoAction = "لایروبی جوی‌های خیابان اصلی محلاتی"
)

// recordMeetingWithAction records a meeting on day in a neighbourhood that
// came from HQ, with one action item due by due (Jalali, as typed), by typing
// and tapping; it checks that the editor offers HQ's neighbourhoods and
// the departments.
func recordMeetingWithAction(t *testing.T, sh *shell, w fyne.Window, title, day, action, due string) {
	t.Helper()
	shortcut(w, fyne.KeyN)
	ed := editorOf(t, sh)
	for _, n := range hqNeighbourhoods {
		if !slices.Contains(ed.nbh.Options, n) {
			t.Fatalf("the meeting's neighbourhood select offers %v, want HQ's %q among them", ed.nbh.Options, n)
		}
	}
	test.Type(ed.titleE, title)
	choose(t, ed.kind.Select, i18n.T("kind.council"))
	retype(ed.date.entry, day)
	retype(ed.clock, "۱۶:۳۰")
	choose(t, ed.nbh.Select, "شهید محلاتی")
	test.Tap(ed.actions.addBtn)
	a := ed.actions.rows[0]
	for _, d := range []string{"عمرانی", "خدمات شهری", "فضای سبز"} {
		if !slices.Contains(a.dept.Options, d) {
			t.Fatalf("the action item's department select offers %v, want %q among them", a.dept.Options, d)
		}
	}
	test.Type(a.title, action)
	choose(t, a.dept.Select, "عمرانی")
	test.Type(a.due.entry, due)
	shortcut(w, fyne.KeyS)
	if _, still := sh.current().(*meetingEditor); still {
		t.Fatalf("saving left the editor open: %q", ed.message.Text)
	}
}

// Officer A's new laptop is enrolled from the window, gets the district's
// neighbourhoods from HQ, records a meeting with an action item and syncs;
// officer B's new laptop, enrolled from its window with its own code,
// syncs and shows the meeting in its meetings list and the action item in
// its action items, on its canvas.
func TestEnrolFromTheWindowAndSeeOnASecondWindow(t *testing.T) {
	h := startTestHQ(t)
	h.withReference(t)
	shA, wA, _ := h.newLaptop(t, "زهرا احمدی")
	syncNow(t, shA)
	shot(t, wA, "enrol_a_synced")
	recordMeetingWithAction(t, shA, wA, twoTitle, "۱۴۰۴/۰۷/۰۹", twoAction, "۱۴۰۴/۰۷/۲۰")
	syncNow(t, shA)
	if !upToDate(shA) {
		t.Fatalf("after \"Sync now\" A's status line says %q, want nothing waiting", shA.status.Text)
	}

	shB, wB, _ := h.newLaptop(t, "رضا کریمی")
	syncNow(t, shB)
	shB.openSection("meetings")
	shot(t, wB, "enrol_b_meetings")
	if shown := texts(wB.Canvas().Content()); !strings.Contains(shown, twoTitle) {
		t.Fatalf("B's meetings list does not show A's meeting; its window shows:\n%s", shown)
	}
	shB.openSection("actions")
	if shown := texts(wB.Canvas().Content()); !strings.Contains(shown, twoAction) || !strings.Contains(shown, "شهید محلاتی") {
		t.Fatalf("B's action items do not show A's item in its neighbourhood; its window shows:\n%s", shown)
	}
}

// mahallehHQ runs an HQ administrator's command on the test HQ's database
// and returns what it printed; it fails the test when the command fails.
func (h *testHQ) mahallehHQ(t *testing.T, args ...string) string {
	t.Helper()
	var out, errs strings.Builder
	if code := hq.Main(append(args, "--db", h.path), &out, &errs); code != 0 {
		t.Fatalf("mahalleh-hq %s: exit %d: %s", strings.Join(args, " "), code, errs.String())
	}
	return out.String()
}

// actionIDListed finds the id of the action item titled title in the
// administrator's `mahalleh-hq actions` listing.
func actionIDListed(t *testing.T, listing, title string) string {
	t.Helper()
	for _, line := range strings.Split(listing, "\n") {
		if strings.HasSuffix(strings.TrimSpace(line), title) {
			return strings.Fields(line)[0]
		}
	}
	t.Fatalf("HQ's listing does not hold %q:\n%s", title, listing)
	return ""
}

const hqCloseNote = "کار پیمانکار در بازدید ستاد تأیید شد."

// Officer A's overdue action item, recorded in the window, reaches HQ; the
// HQ administrator finds it with `mahalleh-hq actions --overdue` and marks
// it done with `mahalleh-hq action set-status`; A's next automatic round,
// with Home on the screen, brings the change, and Home no longer lists the
// item as overdue; the item shows its new status and HQ's note.
func TestHQStatusChangeAppearsOnHome(t *testing.T) {
	h := startTestHQ(t)
	h.withReference(t)
	sh, w, _ := h.newLaptop(t, "زهرا احمدی")
	syncNow(t, sh)
	recordMeetingWithAction(t, sh, w, twoTitle, "۱۴۰۴/۰۶/۲۵", twoAction, "۱۴۰۴/۰۷/۰۱") // due a week before the window's today
	syncNow(t, sh)
	sh.openSection("home")
	home := homeOf(t, sh)
	if shown := texts(home.root); home.home.Overdue != 1 || !strings.Contains(shown, twoAction) {
		t.Fatalf("before HQ's change Home counts %d overdue and shows:\n%s", home.home.Overdue, shown)
	}
	shot(t, w, "hq_status_before")

	listing := h.mahallehHQ(t, "actions", "--district", "14", "--overdue")
	id := actionIDListed(t, listing, twoAction)
	h.mahallehHQ(t, "action", "set-status", id, "--status", "done", "--note", hqCloseNote, "--by", "مریم رضایی (ستاد)")

	sh.syncer.tick() // the next automatic round, Home on the screen
	home = homeOf(t, sh)
	shot(t, w, "hq_status_after")
	if shown := texts(home.root); strings.Contains(shown, twoAction) || !strings.Contains(shown, i18n.T("home.overdue.none")) {
		t.Fatalf("after HQ marked the item done Home still shows it (or no \"nothing overdue\"):\n%s", shown)
	}
	sh.open(newActionPage(sh, id))
	shot(t, w, "hq_status_item")
	shown := texts(w.Canvas().Content())
	for _, want := range []string{i18n.T("action.status") + ": " + i18n.T("action_status.done"), hqCloseNote, "مریم رضایی (ستاد)",
		i18n.T("followup.set_status", map[string]string{"Status": i18n.T("action_status.done")})} {
		if !strings.Contains(shown, want) {
			t.Fatalf("the item's screen does not show %q; it shows:\n%s", want, shown)
		}
	}
}
