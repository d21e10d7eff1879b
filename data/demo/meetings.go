package demo

import (
	"fmt"
	"slices"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

var meetingKinds = data.MeetingKinds // neighbourhood, elders, field_visit, hq_supervision, council, other

// meetings queues the next n meetings with everything recorded in them.
func (g *gen) meetings(n int) {
	for range n {
		g.meeting(g.starts[g.next])
		g.next++
	}
}

// planStarts draws every meeting's start time up front and sorts them, so
// that meetings are written in time order: their ids (UUIDv7, time first)
// then grow, and every insert lands at the end of the indexes instead of at
// a random page, which keeps a 100 000-meeting store fast to build.
func (g *gen) planStarts(n int) {
	g.starts = make([]time.Time, n)
	for i := range g.starts {
		g.starts[i] = g.meetingStart()
	}
	slices.SortFunc(g.starts, func(a, b time.Time) int { return a.Compare(b) })
}

// meetingCtx is what the parts of one meeting share.
type meetingCtx struct {
	id               string
	hood             hoodRec
	start, created   time.Time
	author           string
	st               style
	present          []int // people (indexes) who were there
	concernTitles    []string
	decisionTexts    []string
	concernIDs       []string
	concernDept      []deptRef
	speakerNames     []string
	title, place, on string
}

type deptRef struct{ id, code, nameFa string }

func (g *gen) meeting(start time.Time) {
	h := g.hoods[g.weighted(hoodWeights(len(g.hoods))...)]
	kind := meetingKinds[g.weighted(30, 25, 20, 5, 12, 8)]
	m := &meetingCtx{hood: h, st: pickStyle(g.r), author: g.officers[h.subdistrict-1]}
	m.start = start
	end := m.start.Add(time.Duration(4+g.r.IntN(9)) * 15 * time.Minute)
	m.created = end.Add(time.Duration(10+g.r.IntN(240)) * time.Minute)
	updated := m.created
	if g.r.IntN(10) < 3 {
		updated = m.created.Add(time.Duration(g.r.IntN(72*60)) * time.Minute)
	}
	m.title = pick(g.r, meetingTitles[kind])
	if kind != "hq_supervision" {
		m.title = fmt.Sprintf(m.title, h.name)
	}
	m.place = pick(g.r, placesFor(h.name))
	if kind == "hq_supervision" {
		m.place = "سالن جلسات شهرداری منطقه ۱۴"
	}
	m.on = jalali.FormatLong(jalali.FromTime(m.start))
	organiser := g.people[pick(g.r, g.staff)]
	// The id is made first so that children can point to it; the meeting
	// record itself is queued first too (parents before children).
	rec := map[string]any{"neighbourhood_id": h.id, "kind": kind, "title": typed(m.title, m.st),
		"starts_at": data.FormatTime(m.start), "ends_at": data.FormatTime(end),
		"place": typed(m.place, m.st), "organiser_id": organiser.id}
	m.id = g.add("meetings", m.created, updated, m.author, rec)
	g.attendance(m)
	g.concerns(m)
	g.decisions(m)
	g.agenda(m)
	rec["minutes"] = typed(minutes(g.r, m.title, m.place, h.name, m.speakerNames, m.concernTitles, m.decisionTexts, m.on), m.st)
}

// hoodWeights makes some neighbourhoods busier than others.
func hoodWeights(n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 3 + (i*7)%5
	}
	return w
}

// meetingStart is a working-hours time in Tehran in the last year:
// Saturday to Wednesday 8:00–16:00, Thursday mornings, never Friday.
func (g *gen) meetingStart() time.Time {
	day := g.now.AddDate(0, 0, -(2 + g.r.IntN(363)))
	lastHour := 15
	switch day.Weekday() {
	case time.Friday:
		day = day.AddDate(0, 0, 1)
	case time.Thursday:
		lastHour = 11
	}
	y, mo, d := day.Date()
	return time.Date(y, mo, d, 8+g.r.IntN(lastHour-7), 15*g.r.IntN(4), 0, 0, g.loc)
}

// attendance queues 5–12 attendees: people of the neighbourhood, staff and
// free-text guests; about one in eight is absent.
func (g *gen) attendance(m *meetingCtx) {
	n := 5 + g.r.IntN(8)
	local := g.byHood[m.hood.id]
	seen := map[int]bool{}
	for i := 0; i < n; i++ {
		var rec map[string]any
		switch k := g.r.IntN(10); {
		case k < 1:
			rec = map[string]any{"guest_name": typed(pick(g.r, guestTitles), m.st)}
		default:
			var idx int
			if k < 3 || len(local) == 0 {
				idx = pick(g.r, g.staff)
			} else {
				idx = pick(g.r, local)
			}
			if seen[idx] {
				continue
			}
			seen[idx] = true
			rec = map[string]any{"person_id": g.people[idx].id}
			m.present = append(m.present, idx)
		}
		rec["meeting_id"] = m.id
		rec["present"] = g.r.IntN(8) > 0
		if rec["present"] == false {
			rec["note"] = pick(g.r, []string{"غیبت موجه", "عدم حضور به دلیل بیماری", ""})
			if pid, ok := rec["person_id"]; ok && len(m.present) > 0 && g.people[m.present[len(m.present)-1]].id == pid {
				m.present = m.present[:len(m.present)-1]
			}
		}
		g.add("attendance", m.created, m.created, m.author, rec)
	}
	for _, idx := range m.present {
		if p := g.people[idx]; p.role != "resident" && len(m.speakerNames) < 3 {
			m.speakerNames = append(m.speakerNames, p.name+"، "+p.title)
		}
	}
}

// dept picks a department that has demo topics.
func (g *gen) dept() deptRef {
	for i := 0; i < 20 && len(g.depts) > 0; i++ {
		d := pick(g.r, g.depts)
		if _, ok := topics[d.Code]; ok {
			return deptRef{id: d.ID, code: d.Code, nameFa: d.NameFa}
		}
	}
	return deptRef{code: "civil_works", nameFa: "عمرانی"} // no known department: leave it unset
}
