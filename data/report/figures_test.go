package report

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mahalleh/data"
	"mahalleh/data/demo"
	"mahalleh/data/jalali"
)

// demoStore is a demo store made "now" = 9 Mehr 1404 (the seed article's
// day): its meetings span the year before, so 1404 holds half of them and
// the summer of 1404 three whole months.
func demoStore(t *testing.T, meetings int) (*data.Store, time.Time) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)
	if _, err := demo.Fill(context.Background(), s, meetings, 11, demo.WithNow(now)); err != nil {
		t.Fatal(err)
	}
	return s, now
}

// TestFiguresAgainstSQL checks the report's figures on a demo store against
// counts the test makes itself with its own SQL: a concern or action item
// belongs to its meeting's start (a correlated subquery here, where the
// report joins), deadlines compare with today's Tehran date, and the days
// to close are counted in Go from the follow-ups, with time.Date arithmetic
// rather than the Jalali calendar.
func TestFiguresAgainstSQL(t *testing.T) {
	s, now := demoStore(t, 120)
	ctx := context.Background()
	db := s.DB()
	p := jalali.Season(1404, 2) // the summer of 1404: Tir, Mordad, Shahrivar
	today := now.AddDate(0, 0, 10)
	r, err := Compute(ctx, s, Scope{District: 14}, p, today)
	if err != nil {
		t.Fatal(err)
	}
	tehran := jalali.Tehran()
	start, end := p.UTCRange(tehran)
	from, to := data.FormatTime(start), data.FormatTime(end)
	day := today.In(tehran).Format("2006-01-02")

	kinds := map[string]int{}
	queryEach(t, db, `SELECT kind, count(*) FROM meetings WHERE deleted = 0 AND district = 14 AND starts_at >= ? AND starts_at < ? GROUP BY kind`,
		[]any{from, to}, func(k string, n int) { kinds[k] = n })
	total := 0
	for _, k := range r.Kinds {
		if kinds[k.Kind] != k.Meetings {
			t.Errorf("kind %s: report %d, SQL %d", k.Kind, k.Meetings, kinds[k.Kind])
		}
		total += k.Meetings
		delete(kinds, k.Kind)
	}
	if len(kinds) > 0 || total != r.Meetings || total < 20 {
		t.Errorf("kinds the report missed: %v; %d meetings by kind, %d in all", kinds, total, r.Meetings)
	}

	belongs := `CASE WHEN t.meeting_id IS NOT NULL AND EXISTS (SELECT 1 FROM meetings WHERE id = t.meeting_id AND deleted = 0)
		THEN (SELECT starts_at FROM meetings WHERE id = t.meeting_id) ELSE t.created_at END`
	type key struct{ dept, status string }
	concerns := map[key]int{}
	queryEach(t, db, `SELECT coalesce(t.department_id, '') || '|' || t.status, 1 FROM concerns t
		WHERE t.deleted = 0 AND t.district = 14 AND `+belongs+` BETWEEN ? AND ? AND `+belongs+` <> ?`,
		[]any{from, to, to}, func(k string, n int) {
			d, st, _ := cut(k)
			concerns[key{d, st}] += n
		})
	nConcerns := 0
	for _, d := range r.Departments {
		for st, n := range d.Concerns {
			if concerns[key{d.ID, st}] != n {
				t.Errorf("%s, %s concerns: report %d, SQL %d", d.NameEn, st, n, concerns[key{d.ID, st}])
			}
			nConcerns += n
			delete(concerns, key{d.ID, st})
		}
	}
	for k, n := range concerns {
		if n > 0 {
			t.Errorf("concerns the report missed: %v: %d", k, n)
		}
	}

	type acts struct{ opened, done, overdue int }
	want := map[string]*acts{}
	wantDays := map[string][]int{}
	doneAt := map[string]string{} // the latest follow-up that set it done
	queryEach2(t, db, `SELECT action_item_id, noted_at FROM follow_ups WHERE deleted = 0 AND new_status = 'done'`, nil,
		func(id, at string) {
			if at > doneAt[id] {
				doneAt[id] = at
			}
		})
	rows, err := db.Query(`SELECT t.id, coalesce(t.department_id, ''), t.status, t.due_date, t.created_at, t.updated_at FROM action_items t
		WHERE t.deleted = 0 AND t.district = 14 AND `+belongs+` >= ? AND `+belongs+` < ?`, from, to)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, dept, status, due, created, updated string
		if err := rows.Scan(&id, &dept, &status, &due, &created, &updated); err != nil {
			t.Fatal(err)
		}
		if want[dept] == nil {
			want[dept] = &acts{}
		}
		w := want[dept]
		w.opened++
		switch {
		case status == "done":
			w.done++
			at := doneAt[id]
			if at == "" {
				at = updated
			}
			wantDays[dept] = append(wantDays[dept], civilDays(t, created, at))
		case (status == "open" || status == "in_progress") && due != "" && due < day:
			w.overdue++
		}
	}
	rows.Close()
	var allDays []int
	opened := 0
	for _, d := range r.Departments {
		w := want[d.ID]
		if w == nil {
			w = &acts{}
		}
		if got := (acts{d.ActionsOpened, d.ActionsDone, d.ActionsOverdue}); got != *w {
			t.Errorf("%s actions (opened, done, overdue): report %v, SQL %v", d.NameEn, got, *w)
		}
		if m := middle(wantDays[d.ID]); d.ActionsDone > 0 && d.MedianDays != m {
			t.Errorf("%s: median %.1f days to close, test %.1f from %v", d.NameEn, d.MedianDays, m, wantDays[d.ID])
		}
		allDays = append(allDays, wantDays[d.ID]...)
		opened += d.ActionsOpened
		delete(want, d.ID)
	}
	if len(want) > 0 || opened != r.Total.ActionsOpened || r.Total.MedianDays != middle(allDays) {
		t.Errorf("departments missed: %v; total opened %d vs %d; median %.1f vs %.1f", want, opened, r.Total.ActionsOpened, r.Total.MedianDays, middle(allDays))
	}
	if opened < 20 || nConcerns < 20 || r.Total.ActionsDone == 0 || r.Total.ActionsOverdue == 0 {
		t.Fatalf("too little to check: %d actions (%d done, %d overdue), %d concerns", opened, r.Total.ActionsDone, r.Total.ActionsOverdue, nConcerns)
	}

	var nProjects, sumProgress int
	if err := db.QueryRow(`SELECT count(*), coalesce(sum(progress), 0) FROM projects WHERE deleted = 0 AND district = 14 AND created_at < ?`, to).
		Scan(&nProjects, &sumProgress); err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, x := range r.Projects {
		got += x.Progress
	}
	if len(r.Projects) != nProjects || got != sumProgress || nProjects == 0 {
		t.Errorf("projects: report %d (progress %d), SQL %d (%d)", len(r.Projects), got, nProjects, sumProgress)
	}
	months := 0
	for _, m := range r.Months {
		months += m.Meetings
	}
	if len(r.Months) != 3 || months != r.Meetings || r.Months[0].Month != 4 {
		t.Errorf("months %+v do not add up to %d meetings", r.Months, r.Meetings)
	}
}

// civilDays is the number of Tehran calendar days from one stored instant to
// another, by the Gregorian calendar.
func civilDays(t *testing.T, from, to string) int {
	tehran := jalali.Tehran()
	a, err1 := time.Parse(time.RFC3339Nano, from)
	b, err2 := time.Parse(time.RFC3339Nano, to)
	if err1 != nil || err2 != nil {
		t.Fatalf("times %q %q", from, to)
	}
	day := func(x time.Time) time.Time {
		y, m, d := x.In(tehran).Date()
		return time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	}
	return max(int(day(b).Sub(day(a)).Hours()/24+0.5), 0)
}

func middle(v []int) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return float64(s[len(s)/2])
	}
	return float64(s[len(s)/2-1]+s[len(s)/2]) / 2
}

func cut(k string) (string, string, bool) {
	for i := range k {
		if k[i] == '|' {
			return k[:i], k[i+1:], true
		}
	}
	return k, "", false
}

func queryEach(t *testing.T, db *sql.DB, q string, args []any, fn func(string, int)) {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		fn(k, n)
	}
}

func queryEach2(t *testing.T, db *sql.DB, q string, args []any, fn func(string, string)) {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		fn(a, b)
	}
}
