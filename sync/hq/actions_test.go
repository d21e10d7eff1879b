package hq

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"mahalleh/data"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
	"mahalleh/sync/internal/pgtest"
)

// cliBackends are the two databases, each given to the command line the
// way an administrator names it (--db FILE, --postgres URL) and opened for
// the server beside it.
var cliBackends = []struct {
	name string
	open func(t *testing.T) ([]string, Store)
}{
	{"sqlite", func(t *testing.T) ([]string, Store) {
		path := filepath.Join(t.TempDir(), "hq.db")
		st, err := sqlitehq.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		return []string{"--db", path}, st
	}},
	{"postgres", func(t *testing.T) ([]string, Store) {
		url := pgtest.Start(t)
		st, err := pghq.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		return []string{"--postgres", url}, st
	}},
}

// A district's follow-up as the test writes it: Zahra's device records a
// meeting, its decision and two action items, and a person responsible.
type followCase struct {
	overdue, later, meeting string
	base                    string // the clock of everything Zahra created
}

const (
	overdueTitle = "لایروبی جوی خیابان شهید رجایی"
	laterTitle   = "نصب سطل زباله در پارک لاله"
	hqNote       = "پیمانکار کار را تمام کرد؛ ستاد بازدید و تأیید کرد."
	rezaNote     = "با پیمانکار تماس گرفتم؛ از شنبه کار را شروع می‌کند."
	rezaDetails  = "لایروبی از سر کوچه ۱۲ تا میدان"
)

func pushFollowCase(env *hqEnv, token string) followCase {
	env.t.Helper()
	at := time.Date(2025, 10, 1, 7, 0, 0, 0, time.UTC)
	fc := followCase{base: clockAt(at, 0, "zahra")}
	stamp := data.FormatTime(at)
	common := func(fields data.Record) data.Record {
		for k, v := range (data.Record{"district": 14, "created_at": stamp, "updated_at": stamp, "created_by": "Zahra Ahmadi",
			"updated_by": "Zahra Ahmadi", "deleted": false}) {
			fields[k] = v
		}
		return fields
	}
	change := func(entity string, fields data.Record) data.Change {
		return data.Change{ChangeID: uuid.Must(uuid.NewV7()).String(), Entity: entity, ID: uuid.Must(uuid.NewV7()).String(),
			District: 14, Clock: fc.base, Author: "Zahra Ahmadi", Fields: common(fields), Base: map[string]string{}}
	}
	person := change("people", data.Record{"name": "Parvin Jalali", "role": "council_member"})
	meeting := newMeeting(14, "نشست شورایاری پیروزی", fc.base)
	meeting.Fields["created_at"], meeting.Fields["updated_at"] = stamp, stamp
	decision := change("decisions", data.Record{"meeting_id": meeting.ID, "text": "لایروبی جوی‌ها پیش از بارش"})
	overdue := change("action_items", data.Record{"meeting_id": meeting.ID, "decision_id": decision.ID, "title": overdueTitle,
		"responsible_id": person.ID, "department_id": data.BuiltinDepartments[0].ID, "due_date": "2025-09-23", "status": "open"})
	later := change("action_items", data.Record{"title": laterTitle, "responsible_name": "Urban services desk",
		"due_date": "2025-10-20", "status": "in_progress"})
	env.mustPush(token, person, meeting, decision, overdue, later)
	fc.overdue, fc.later, fc.meeting = overdue.ID, later.ID, meeting.ID
	return fc
}

// An HQ administrator follows District 14's items up from the command line
// on either database: lists them (Jalali deadlines, who is responsible,
// what is overdue), closes the overdue one with a note, and reads its whole
// log. Meanwhile Reza, offline, wrote a note and details on the same item:
// his edit merges with HQ's field by field, nothing of either is lost, and
// the district's devices (not another district's) receive HQ's change.
func TestHQFollowsActionItemsUp(t *testing.T) {
	for _, b := range cliBackends {
		t.Run(b.name, func(t *testing.T) {
			where, st := b.open(t)
			srv := httptest.NewServer(NewServer(st, nil))
			t.Cleanup(func() { srv.Close(); st.Close() })
			setNow(t, time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)) // Wednesday 9 Mehr 1404, 12:30 in Tehran
			env := &hqEnv{t: t, store: st, srv: srv}
			zahra, reza := env.enrol(14, "officer", "Zahra Ahmadi"), env.enrol(14, "officer", "Reza Karimi")
			elsewhere := env.enrol(3, "officer", "Sara Moradi")
			fc := pushFollowCase(env, zahra.Token)
			cli := func(args ...string) (int, string, string) { return runCLI(append(args, where...)...) }

			code, out, errs := cli("actions", "--district", "14")
			lines := strings.Split(out, "\n")
			if code != 0 || len(lines) < 4 || !strings.Contains(lines[0], "District 14: 2 action items (1 overdue)") ||
				!rowHas(lines[2], fc.overdue, "1404/07/01", "open (overdue)", "Parvin Jalali", overdueTitle) ||
				!rowHas(lines[3], fc.later, "1404/07/28", "in_progress", "Urban services desk", laterTitle) {
				t.Fatalf("actions: %d %q %q; want both items, the overdue one first", code, out, errs)
			}
			if code, out, _ := cli("actions", "--district", "14", "--overdue"); code != 0 || !strings.Contains(out, fc.overdue) || strings.Contains(out, fc.later) {
				t.Fatalf("actions --overdue: %d %q", code, out)
			}
			if code, out, _ := cli("actions", "--district", "3"); code != 0 || !strings.Contains(out, "No action items of District 3") {
				t.Fatalf("another district's items: %d %q", code, out)
			}

			// Reza pulls, then works offline on the overdue item.
			rezaPulled, _ := env.pullAll(reza.Token, 1000)
			if len(changesOf(rezaPulled, "action_items", fc.overdue)) != 1 {
				t.Fatal("Reza's device did not receive the item")
			}
			offline := time.Date(2025, 10, 1, 8, 30, 0, 0, time.UTC)
			rezaClock := clockAt(offline, 0, "reza")

			code, out, errs = cli("action", "set-status", fc.overdue, "--status", "done", "--note", hqNote, "--by", "HQ admin")
			if code != 0 || !strings.Contains(out, "now done") || !strings.Contains(out, "1404/07/09 12:30") {
				t.Fatalf("set-status: %d %q %q", code, out, errs)
			}
			rezaID := uuid.Must(uuid.NewV7()).String()
			stamp := data.FormatTime(offline)
			env.mustPush(reza.Token,
				edit(data.Change{Entity: "action_items", ID: fc.overdue, District: 14}, rezaClock, "Reza Karimi",
					data.Record{"status": "in_progress", "details": rezaDetails, "updated_at": stamp, "updated_by": "Reza Karimi"},
					map[string]string{"status": fc.base, "details": "", "updated_at": fc.base, "updated_by": fc.base}),
				data.Change{ChangeID: uuid.Must(uuid.NewV7()).String(), Entity: "follow_ups", ID: rezaID, District: 14, Clock: rezaClock,
					Author: "Reza Karimi", Base: map[string]string{}, Fields: data.Record{"district": 14, "created_at": stamp,
						"updated_at": stamp, "created_by": "Reza Karimi", "updated_by": "Reza Karimi", "deleted": false,
						"action_item_id": fc.overdue, "noted_at": stamp, "note": rezaNote, "new_status": "in_progress"}})

			// Zahra's next pull brings the merged item and both notes.
			pulled, _ := env.pullAll(zahra.Token, 1000)
			item := changesOf(pulled, "action_items", fc.overdue)
			if len(item) != 1 || item[0].Fields["status"] != "done" || item[0].Fields["details"] != rezaDetails || item[0].Fields["updated_by"] != "HQ admin" {
				t.Fatalf("Zahra pulled the item as %+v; want HQ's status (the later write) and Reza's details", item)
			}
			notes := changesOf(pulled, "follow_ups", "")
			if len(notes) != 2 {
				t.Fatalf("Zahra pulled %d follow-up notes, want Reza's and HQ's", len(notes))
			}
			for _, n := range notes {
				if n.ID != rezaID && (n.Fields["note"] != hqNote || n.Fields["created_by"] != "HQ admin" || n.Fields["new_status"] != "done" ||
					n.Fields["noted_at"] != "2025-10-01T09:00:00.000Z" || n.Fields["action_item_id"] != fc.overdue || n.District != 14) {
					t.Errorf("HQ's note reached the device as %+v", n)
				}
			}
			if got, _ := env.pullAll(elsewhere.Token, 1000); len(changesOf(got, "action_items", "")) != 0 || len(changesOf(got, "follow_ups", "")) != 0 {
				t.Fatal("a device of District 3 received District 14's follow-up")
			}

			code, out, errs = cli("action", "show", fc.overdue)
			hqAt, rezaAt := strings.Index(out, "1404/07/09 12:30  HQ admin  (status → done)"), strings.Index(out, "1404/07/09 12:00  Reza Karimi  (status → in_progress)")
			if code != 0 || rezaAt < 0 || hqAt < rezaAt || !strings.Contains(out, hqNote) || !strings.Contains(out, rezaNote) ||
				!strings.Contains(out, "Follow-up log (2 notes, oldest first)") || !hasLine(out, "Status:", "done") ||
				!hasLine(out, "Deadline:", "1404/07/01") || !hasLine(out, "Responsible:", "Parvin Jalali") ||
				!hasLine(out, "Department:", "Civil works (عمرانی)") || !hasLine(out, "From meeting:", "نشست شورایاری پیروزی") ||
				!hasLine(out, "Details:", rezaDetails) {
				t.Fatalf("action show: %d %q %q", code, out, errs)
			}
			if code, out, _ := cli("actions", "--district", "14", "--overdue"); code != 0 || !strings.Contains(out, "No action items") {
				t.Fatalf("the closed item is still overdue: %d %q", code, out)
			}
			if code, out, _ := cli("actions", "--district", "14", "--status", "done"); code != 0 || !strings.Contains(out, fc.overdue) || strings.Contains(out, fc.later) {
				t.Fatalf("actions --status done: %d %q", code, out)
			}
			refusesBadInput(t, env, cli, fc)
		})
	}
}

// refusesBadInput: each bad command says what is wrong, exits non-zero and
// changes nothing at HQ.
func refusesBadInput(t *testing.T, env *hqEnv, cli func(...string) (int, string, string), fc followCase) {
	t.Helper()
	recs0, audit0 := env.counts()
	item0 := env.record("action_items", fc.later)
	id := fc.later
	for _, c := range []struct {
		exit int
		args []string
		says string
	}{
		{2, []string{"action", "set-status", id, "--status", "finished", "--note", "x", "--by", "HQ"}, "--status must be one of"},
		{2, []string{"action", "set-status", id, "--status", "done", "--by", "HQ"}, "--note is required"},
		{2, []string{"action", "set-status", id, "--status", "done", "--note", "   ", "--by", "HQ"}, "--note is required"},
		{2, []string{"action", "set-status", id, "--status", "done", "--note", "x"}, "--by NAME is required"},
		{2, []string{"action", "set-status", id, "--status", "done", "--note", strings.Repeat("ن", 5001), "--by", "HQ"}, "note"},
		{2, []string{"action", "set-status", "not-an-id", "--status", "done", "--note", "x", "--by", "HQ"}, "not an action item id"},
		{2, []string{"action", "set-status", strings.ToUpper(id), "--status", "done", "--note", "x", "--by", "HQ"}, "not an action item id"},
		{1, []string{"action", "set-status", uuid.Must(uuid.NewV7()).String(), "--status", "done", "--note", "x", "--by", "HQ"}, "no action item"},
		{1, []string{"action", "set-status", fc.meeting, "--status", "done", "--note", "x", "--by", "HQ"}, "no action item"},
		{1, []string{"action", "set-status", id, "--status", "in_progress", "--note", "x", "--by", "HQ"}, "already in_progress"},
		{2, []string{"action", "set-status", id, id, "--status", "done", "--note", "x", "--by", "HQ"}, "one action item ID"},
		{2, []string{"action", "show"}, "one action item ID"},
		{2, []string{"action", "show", id, "--status", "done"}, "takes no --status"},
		{2, []string{"action", "show", "x"}, "not an action item id"},
		{1, []string{"action", "show", uuid.Must(uuid.NewV7()).String()}, "no action item"},
		{2, []string{"action", "close", id}, "unknown action command"},
		{2, []string{"action"}, "say show or set-status"},
		{2, []string{"actions"}, "--district is required"},
		{2, []string{"actions", "--district", "23"}, "--district is required"},
		{2, []string{"actions", "--district", "14", "--status", "late"}, "--status must be one of"},
		{2, []string{"actions", "--district", "14", "extra"}, "unexpected argument"},
	} {
		code, out, errs := cli(c.args...)
		if code != c.exit || !strings.Contains(errs, c.says) {
			t.Errorf("%.80q: exit %d, stdout %q, stderr %q; want exit %d and a message saying %q", c.args, code, out, errs, c.exit, c.says)
		}
	}
	if recs, audit := env.counts(); recs != recs0 || audit != audit0 || !reflect.DeepEqual(env.record("action_items", fc.later), item0) {
		t.Errorf("bad commands changed HQ: records %d→%d, audit %d→%d", recs0, recs, audit0, audit)
	}
	for _, cmd := range []string{"actions", "action"} {
		if code, out, _ := cli(cmd, "--help"); code != 0 || !strings.Contains(out, "-db") || !strings.Contains(out, "-status") {
			t.Errorf("%s --help: %d %q", cmd, code, out)
		}
	}
}

// changesOf are the pulled records of entity (with id, when not "").
func changesOf(all []data.RemoteChange, entity, id string) []data.RemoteChange {
	var out []data.RemoteChange
	for _, c := range all {
		if c.Entity == entity && (id == "" || c.ID == id) {
			out = append(out, c)
		}
	}
	return out
}

// rowHas reports whether a table row holds every cell, in order.
func rowHas(row string, cells ...string) bool {
	for _, c := range cells {
		i := strings.Index(row, c)
		if i < 0 {
			return false
		}
		row = row[i+len(c):]
	}
	return true
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
