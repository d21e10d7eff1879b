package demo

import (
	"fmt"
	"slices"
	"time"

	"mahalleh/data"
)

// concerns queues 1–3 concerns raised in the meeting (about two on average).
func (g *gen) concerns(m *meetingCtx) {
	for range 1 + g.r.IntN(3) {
		d := g.dept()
		title := pick(g.r, topics[d.code].concerns)
		desc := fmt.Sprintf("اهالی محله %s در این جلسه از «%s» گلایه داشتند و خواستار رسیدگی سریع و مؤثر شدند. موضوع برای بررسی به حوزه %s ارجاع شد.",
			m.hood.name, title, d.nameFa)
		var raisedBy any
		if len(m.present) > 0 {
			raisedBy = g.people[pick(g.r, m.present)].id
		}
		age := g.now.Sub(m.start)
		status := "open"
		if age > 30*24*time.Hour {
			status = []string{"open", "in_progress", "resolved", "rejected"}[g.weighted(2, 3, 6, 1)]
		}
		id := g.add("concerns", m.created, m.created.Add(age/3), m.author, map[string]any{
			"meeting_id": m.id, "neighbourhood_id": m.hood.id, "department_id": nilIfEmpty(d.id),
			"title": typed(title, m.st), "description": typed(desc, m.st),
			"priority":     []string{"low", "normal", "high", "urgent"}[g.weighted(2, 5, 3, 1)],
			"raised_by_id": raisedBy, "status": status,
		})
		m.concernTitles = append(m.concernTitles, title)
		m.concernIDs = append(m.concernIDs, id)
		m.concernDept = append(m.concernDept, d)
		key := m.hood.id + d.id
		if len(g.concernsFor[key]) < 3 {
			g.concernsFor[key] = append(g.concernsFor[key], concernRef{id: id, created: m.created})
		}
	}
}

// decisions queues one or two decisions (1.5 on average), each answering one
// of the meeting's concerns (a link), each followed by an action item.
func (g *gen) decisions(m *meetingCtx) {
	for i := range 1 + g.r.IntN(2) {
		c := i % len(m.concernIDs)
		d := m.concernDept[c]
		text := pick(g.r, topics[d.code].decisions)
		id := g.add("decisions", m.created, m.created, m.author, map[string]any{"meeting_id": m.id, "text": typed(text, m.st)})
		g.add("links", m.created, m.created, m.author, map[string]any{
			"from_entity": "decisions", "from_id": id, "to_entity": "concerns", "to_id": m.concernIDs[c], "relation": "answers",
		})
		m.decisionTexts = append(m.decisionTexts, text)
		g.actionItem(m, id, d)
	}
}

// actionItem queues an action item with a deadline, a status that fits it
// (some open past their deadline: overdue) and a follow-up log.
func (g *gen) actionItem(m *meetingCtx, decisionID string, d deptRef) {
	due := m.start.AddDate(0, 0, 7+g.r.IntN(54))
	var status string
	if due.Before(g.now) {
		status = []string{"done", "cancelled", "in_progress", "open"}[g.weighted(55, 8, 15, 22)]
	} else {
		status = []string{"open", "in_progress", "done"}[g.weighted(45, 45, 10)]
	}
	rec := map[string]any{
		"meeting_id": m.id, "decision_id": decisionID, "neighbourhood_id": m.hood.id,
		"department_id": nilIfEmpty(d.id), "title": typed(pick(g.r, topics[d.code].actions), m.st),
		"details":  typed(fmt.Sprintf("در اجرای مصوبه جلسه مورخ %s، حوزه %s موظف است گزارش اقدام را به دفتر ارتباط با مردم ارسال کند.", m.on, d.nameFa), m.st),
		"due_date": due.Format("2006-01-02"), "status": status,
	}
	if g.r.IntN(2) == 0 {
		rec["responsible_id"] = g.people[pick(g.r, g.staff)].id
	} else {
		rec["responsible_name"] = "مسئول حوزه " + d.nameFa + " منطقه ۱۴"
	}
	notes := g.followUpTimes(m.created, due, status)
	updated := m.created
	if len(notes) > 0 {
		updated = notes[len(notes)-1]
	}
	id := g.add("action_items", m.created, updated, m.author, rec)
	for i, at := range notes {
		note, newStatus := pick(g.r, followUpNotes), ""
		if i == len(notes)-1 && status != "open" {
			newStatus = status
			switch status {
			case "done":
				note = pick(g.r, doneNotes)
			case "cancelled":
				note = pick(g.r, cancelNotes)
			}
		}
		g.add("follow_ups", at, at, m.author, map[string]any{
			"action_item_id": id, "noted_at": data.FormatTime(at),
			"note": typed(note, m.st), "new_status": newStatus,
		})
	}
}

// followUpTimes are the dates of an action item's follow-up notes: none to
// three, more for items that moved, all between its creation and now.
func (g *gen) followUpTimes(created, due time.Time, status string) []time.Time {
	n := g.r.IntN(2)
	if status != "open" {
		n = 1 + g.r.IntN(3)
	}
	end := due.AddDate(0, 0, 14)
	if end.After(g.now) {
		end = g.now
	}
	out := make([]time.Time, 0, n)
	for range n {
		out = append(out, g.between(created.Add(time.Hour), end))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// agenda queues 2–5 agenda items: the concerns raised, then routine points.
func (g *gen) agenda(m *meetingCtx) {
	n := 2 + g.r.IntN(4)
	routine := []string{"گزارش اقدامات انجام‌شده از جلسه قبل", "برنامه‌های مناسبتی ماه آینده", "پیشنهادها و مطالبات اهالی", "جمع‌بندی و تعیین مسئول پیگیری"}
	for i := range n {
		text := routine[i%len(routine)]
		if i < len(m.concernTitles) {
			text = pick(g.r, agendaOpeners) + " " + m.concernTitles[i]
		}
		g.add("agenda_items", m.created, m.created, m.author, map[string]any{"meeting_id": m.id, "position": i + 1, "text": typed(text, m.st)})
	}
}

type concernRef struct {
	id      string
	created time.Time
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
