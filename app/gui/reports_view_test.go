package gui

import (
	"context"
	"testing"

	"mahalleh/app/i18n"
	"mahalleh/data"
)

// TestReportsGolden: the reports screen of the harness's Mehr 1404, with
// concerns and action items of two departments raised at its meetings, in
// both languages (looked at when made: Persian labels joined and right to
// left, bars growing from the start side, figures beside them).
func TestReportsGolden(t *testing.T) {
	s, _ := testStore(t, "", true)
	ctx := context.Background()
	ms, err := s.ListMeetings(ctx, data.Filter{}, data.Page{Limit: 10})
	if err != nil || len(ms.Rows) != 3 {
		t.Fatalf("meetings: %v %d", err, len(ms.Rows))
	}
	ds, err := s.Departments(ctx)
	if err != nil || len(ds) < 2 {
		t.Fatalf("departments: %v %d", err, len(ds))
	}
	err = s.Write(ctx, "test", func(w *data.Writer) error {
		for i, st := range []string{"open", "open", "resolved", "in_progress", "rejected"} {
			m, d := ms.Rows[i%3].ID, ds[i%2].ID
			c := data.Concern{Meta: data.Meta{District: 14}, MeetingID: &m, DepartmentID: &d, Title: "مطالبه", Priority: "normal", Status: st}
			if err := w.Put("concerns", &c); err != nil {
				return err
			}
		}
		for i, a := range []struct{ status, due string }{{"open", "2025-09-01"}, {"done", ""}, {"open", "2026-01-01"}, {"done", ""}} {
			m, d := ms.Rows[i%3].ID, ds[0].ID
			x := data.ActionItem{Meta: data.Meta{District: 14}, MeetingID: &m, DepartmentID: &d, Title: "اقدام", Status: a.status, DueDate: a.due}
			if err := w.Put("action_items", &x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			sh, w := testShell(t, s, language)
			sh.openSection("reports")
			if _, ok := sh.current().(*reportsPage); !ok {
				t.Fatalf("the reports section opened %T", sh.current())
			}
			assertScreen(t, w, "reports_"+language+".png", nil)
		})
	}
}
