package demo

import (
	"fmt"
	"time"

	"mahalleh/data/persian"
)

// register queues the reference data (subdistricts, neighbourhoods), the
// register of people and the priority projects: everything meetings refer to.
// It all dates from a few weeks before the demo year.
func (g *gen) register() {
	origin := g.now.AddDate(-1, 0, -30)
	g.officers = make([]string, len(subdistrictNames))
	for i := range g.officers {
		g.officers[i] = "رابط " + subdistrictNames[i] + " - " + g.fullName(g.r.IntN(2) == 0)
	}
	subIDs := make([]string, len(subdistrictNames))
	for i, name := range subdistrictNames {
		subIDs[i] = g.add("subdistricts", origin, origin, "hq", map[string]any{"number": i + 1, "name": name})
	}
	for _, h := range hoods {
		id := g.add("neighbourhoods", origin, origin, "hq", map[string]any{"subdistrict_id": subIDs[h.subdistrict-1], "name": h.name})
		g.hoods = append(g.hoods, hoodRec{id: id, name: h.name, subdistrict: h.subdistrict})
	}
	g.staffMembers(origin)
	residents := min(200, 4+g.size/500)
	for _, h := range g.hoods {
		g.hoodPeople(h, origin, residents)
	}
	g.queueProjects(origin)
}

// fullName makes a plausible Persian name.
func (g *gen) fullName(male bool) string {
	first := pick(g.r, femaleNames)
	if male {
		first = pick(g.r, maleNames)
	}
	return first + " " + pick(g.r, familyNames)
}

// staffMembers are the municipality's people who attend meetings.
func (g *gen) staffMembers(origin time.Time) {
	for i := 0; i < 12+len(g.hoods)/2; i++ {
		post := staffTitles[i%len(staffTitles)]
		name := g.fullName(g.r.IntN(3) > 0)
		g.staff = append(g.staff, len(g.people))
		g.addPerson(origin, "", "staff", name, post+" شهرداری منطقه ۱۴", "شهرداری منطقه ۱۴", "")
	}
}

// hoodPeople fills one neighbourhood's part of the register.
func (g *gen) hoodPeople(h hoodRec, origin time.Time, residents int) {
	for range 3 + g.r.IntN(3) {
		name := g.fullName(g.r.IntN(5) > 0)
		if g.r.IntN(2) == 0 {
			name = "حاج " + name
		}
		g.addPerson(origin, h.id, "elder", name, "از معتمدین محله "+h.name, "", "معتمد محله؛ پیش از هر جلسه با او هماهنگ شود.")
	}
	for range 1 + g.r.IntN(2) {
		mosque := pick(g.r, mosques)
		g.addPerson(origin, h.id, "imam", "حجت‌الاسلام "+g.fullName(true), "امام جماعت "+mosque, mosque, "")
	}
	for range 2 + g.r.IntN(2) {
		g.addPerson(origin, h.id, "council_member", g.fullName(g.r.IntN(3) > 0), "شورایار محله "+h.name, "شورایاری محله "+h.name, "")
	}
	g.addPerson(origin, h.id, "representative", g.fullName(true), "نماینده محله "+h.name, "", "")
	group := pick(g.r, groups)
	g.addPerson(origin, h.id, "community_group", g.fullName(g.r.IntN(2) == 0), "نماینده "+group, group, "")
	g.addPerson(origin, h.id, "notable", "دکتر "+g.fullName(g.r.IntN(2) == 0), "از نخبگان محله "+h.name, "", "")
	for range residents {
		g.addPerson(origin, h.id, "resident", g.fullName(g.r.IntN(2) == 0), "از اهالی محله "+h.name, "", "")
	}
}

// addPerson queues a person; title is how minutes introduce them.
func (g *gen) addPerson(origin time.Time, hoodID, role, name, title, org, notes string) {
	created := g.between(origin, origin.AddDate(0, 0, 25))
	st := pickStyle(g.r)
	phone := fmt.Sprintf("0912%07d", g.r.IntN(10_000_000))
	if g.r.IntN(3) == 0 {
		phone = persian.Digits(phone) // typed on the Persian layout
	}
	var hood any
	if hoodID != "" {
		hood = hoodID
	}
	author := g.officers[g.r.IntN(len(g.officers))]
	id := g.add("people", created, created, author, map[string]any{
		"neighbourhood_id": hood, "name": typed(name, st), "role": role, "phone": phone,
		"organisation": typed(org, st), "notes": typed(notes, st),
	})
	p := person{id: id, name: name, title: title, hoodID: hoodID, role: role, created: created}
	if hoodID != "" {
		g.byHood[hoodID] = append(g.byHood[hoodID], len(g.people))
	}
	g.people = append(g.people, p)
}

// queueProjects adds about 30 priority projects, progress consistent with status.
func (g *gen) queueProjects(origin time.Time) {
	for range 30 {
		h := pick(g.r, g.hoods)
		d := g.dept()
		title := pick(g.r, topics[d.code].projects) + " " + h.name
		status := []string{"planned", "in_progress", "in_progress", "done", "suspended"}[g.weighted(2, 4, 2, 2, 1)]
		progress := map[string]int{"planned": g.r.IntN(10), "in_progress": 15 + g.r.IntN(76), "done": 100, "suspended": 10 + g.r.IntN(50)}[status]
		created := g.between(origin, origin.AddDate(0, 1, 0))
		updated := g.between(created, g.now)
		desc := fmt.Sprintf("پروژه اولویت‌دار محله %s در حوزه %s، با هدف توسعه زیرساخت‌ها، بهبود رفاه شهروندان و ارتقای کیفیت زندگی شهری. پیشرفت فیزیکی: %s درصد.",
			h.name, d.nameFa, persian.Digits(fmt.Sprint(progress)))
		st := pickStyle(g.r)
		id := g.add("projects", created, updated, g.officers[h.subdistrict-1], map[string]any{
			"neighbourhood_id": h.id, "department_id": nilIfEmpty(d.id), "title": typed(title, st),
			"description": typed(desc, st), "status": status, "progress": progress,
		})
		g.projects = append(g.projects, projectRec{id: id, hoodID: h.id, deptID: d.id})
	}
}

// projectLinks links each project to the concerns of its neighbourhood and
// department that the meetings raised.
func (g *gen) projectLinks() {
	for _, p := range g.projects {
		for _, c := range g.concernsFor[p.hoodID+p.deptID] {
			at := g.between(c.created, g.now)
			g.add("links", at, at, "demo", map[string]any{
				"from_entity": "projects", "from_id": p.id, "to_entity": "concerns", "to_id": c.id, "relation": "addresses",
			})
		}
	}
}
