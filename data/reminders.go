package data

import (
	"context"
	"encoding/json"
	"time"
)

// MaxReminders bounds the action items Reminders returns: a store that
// has not been looked after for months may hold thousands overdue, and a
// panel shows the most urgent; Due counts them all.
const MaxReminders = 200

// Due is what the reminders show on a day: the meetings of that day and
// the next, and the action items still open whose deadline is that day or
// past.
type Due struct {
	Meetings []Meeting
	Actions  []ActionItem // oldest deadline first, at most MaxReminders
	Overdue  int          // of all the open action items, those past their deadline
	DueToday int          // of all the open action items, those due that day
}

// Reminders reads what is due on the Tehran day of now for district (0:
// every district in the store). It reads the meetings by the calendar's
// index and the action items by actions_by_status (status, due_date).
func (s *Store) Reminders(ctx context.Context, district int, day time.Time, loc *time.Location) (Due, error) {
	d := day.In(loc)
	start := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	var due Due
	var err error
	if due.Meetings, err = s.MeetingsBetween(ctx, district, start, start.AddDate(0, 0, 2)); err != nil {
		return Due{}, err
	}
	today := start.Format("2006-01-02")
	cond, args := "status IN ('open', 'in_progress') AND due_date <> '' AND due_date <= ?", []any{today}
	if district != 0 {
		cond, args = cond+" AND district = ?", append(args, district)
	}
	if due.Actions, err = s.dueActions(ctx, cond, args); err == nil {
		err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(due_date < ?), 0), coalesce(sum(due_date = ?), 0)
			FROM action_items WHERE deleted = 0 AND (`+cond+`)`, append([]any{today, today}, args...)...).Scan(&due.Overdue, &due.DueToday)
	}
	if err != nil {
		return Due{}, wrap("reminders", err, "cannot read the action items that are due", "اقدام‌های سررسیده خوانده نشد")
	}
	return due, nil
}

// dueActions reads the first MaxReminders action items matching cond by
// deadline, oldest first.
func (s *Store) dueActions(ctx context.Context, cond string, args []any) ([]ActionItem, error) {
	e := EntityByName("action_items")
	rows, err := s.db.QueryContext(ctx, "SELECT "+selectList(e)+" FROM action_items WHERE deleted = 0 AND ("+cond+
		") ORDER BY due_date, id LIMIT ?", append(args, MaxReminders)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ActionItem
	for rows.Next() {
		rec, err := scanRecord(e, rows)
		if err != nil {
			return nil, err
		}
		var a ActionItem
		fromRecord(rec, &a)
		out = append(out, a)
	}
	return out, rows.Err()
}

// notifiedKey holds which reminders were sent as system notifications,
// for one day: {"day": "2025-10-01", "ids": [...]}. A new day starts an
// empty list, so the setting never grows past one day's reminders.
const notifiedKey = "reminders_notified"

type notified struct {
	Day string   `json:"day"`
	IDs []string `json:"ids"`
}

// Notified returns the record ids already notified on day (YYYY-MM-DD).
func (s *Store) Notified(ctx context.Context, day string) (map[string]bool, error) {
	v, err := s.Setting(ctx, notifiedKey)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	var n notified
	if json.Unmarshal([]byte(v), &n) == nil && n.Day == day {
		for _, id := range n.IDs {
			out[id] = true
		}
	}
	return out, nil
}

// MarkNotified remembers that ids were notified on day, besides those
// already remembered for that day.
func (s *Store) MarkNotified(ctx context.Context, day string, ids []string) error {
	have, err := s.Notified(ctx, day)
	if err != nil {
		return err
	}
	n := notified{Day: day}
	for id := range have {
		n.IDs = append(n.IDs, id)
	}
	for _, id := range ids {
		if !have[id] {
			n.IDs = append(n.IDs, id)
			have[id] = true
		}
	}
	b, _ := json.Marshal(n)
	return s.SetSetting(ctx, notifiedKey, string(b))
}
