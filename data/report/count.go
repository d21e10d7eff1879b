package report

import (
	"slices"
	"sort"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// counter adds the rows up into a Report.
type counter struct {
	p        jalali.Period
	today    time.Time
	day      string // today's Tehran date, YYYY-MM-DD, for deadlines
	depts    map[string]data.Department
	lines    map[string]*Department
	days     map[string][]int // department → days each done action item took
	months   map[[2]int]int   // (year, month) → index in r.Months
	r        *Report
	dists    map[int]*District
	distDays map[int][]int
	allDays  []int
	kinds    map[string]int
}

func newCounter(p jalali.Period, today time.Time, depts []data.Department) *counter {
	c := &counter{p: p, today: today, day: today.In(jalali.Tehran()).Format("2006-01-02"),
		depts: map[string]data.Department{}, lines: map[string]*Department{}, days: map[string][]int{},
		months: map[[2]int]int{}, dists: map[int]*District{}, distDays: map[int][]int{}, kinds: map[string]int{},
		r: &Report{Period: p, Today: today, Concerns: map[string]int{}}}
	for _, d := range depts {
		c.depts[d.ID] = d
	}
	for d := p.Start; !d.After(p.End); d = jalali.New(d.Year, d.Month, jalali.MonthLength(d.Year, d.Month)).AddDays(1) {
		c.months[[2]int{d.Year, d.Month}] = len(c.r.Months)
		c.r.Months = append(c.r.Months, Month{Year: d.Year, Month: d.Month})
	}
	return c
}

// month is the trend line of the Jalali month an instant falls in (Tehran
// time), nil outside the period.
func (c *counter) month(at string) *Month {
	t, err := data.ParseTime(at)
	if err != nil {
		return nil
	}
	d := jalali.FromTime(t.In(jalali.Tehran()))
	if i, ok := c.months[[2]int{d.Year, d.Month}]; ok {
		return &c.r.Months[i]
	}
	return nil
}

// line is the department line of id; a record without one (or with a
// department unknown here) counts under "no department".
func (c *counter) line(id string) *Department {
	if _, ok := c.depts[id]; !ok {
		id = ""
	}
	if l, ok := c.lines[id]; ok {
		return l
	}
	l := &Department{ID: id, NameFa: "بدون حوزه", NameEn: "No department", Concerns: map[string]int{}}
	if d, ok := c.depts[id]; ok {
		l.NameFa, l.NameEn = d.NameFa, d.NameEn
	}
	c.lines[id] = l
	return l
}

func (c *counter) district(id int) *District {
	d, ok := c.dists[id]
	if !ok {
		d = &District{ID: id}
		for _, b := range data.BuiltinDistricts {
			if b.ID == id {
				d.NameFa, d.NameEn = b.NameFa, b.NameEn
			}
		}
		c.dists[id] = d
	}
	return d
}

func (c *counter) meetings(q Query, rows []MeetingRow) {
	for _, m := range rows {
		if !q.covers(m.District, m.Neighbourhood) || !q.in(m.StartsAt) {
			continue
		}
		mo := c.month(m.StartsAt)
		if mo == nil {
			continue
		}
		mo.Meetings++
		c.r.Meetings++
		c.kinds[m.Kind]++
		c.district(m.District).Meetings++
	}
}

func (c *counter) concerns(q Query, rows []ItemRow) {
	for _, x := range rows {
		if !q.covers(x.District, x.Neighbourhood) || !q.in(x.Raised) {
			continue
		}
		if mo := c.month(x.Raised); mo != nil {
			mo.Concerns++
		}
		l, d := c.line(x.Department), c.district(x.District)
		l.Concerns[x.Status]++
		c.r.Concerns[x.Status]++
		d.Concerns++
		if x.Status == "open" || x.Status == "in_progress" {
			l.ConcernsOpen++
			d.ConcernsOpen++
		} else {
			l.ConcernsClosed++
		}
	}
}

func (c *counter) actions(q Query, rows []ItemRow) {
	for _, x := range rows {
		if !q.covers(x.District, x.Neighbourhood) || !q.in(x.Raised) {
			continue
		}
		if mo := c.month(x.Raised); mo != nil {
			mo.ActionsOpened++
		}
		l, d := c.line(x.Department), c.district(x.District)
		for _, a := range []*Actions{&l.Actions, &d.Actions, &c.r.Total} {
			a.ActionsOpened++
			switch {
			case x.Status == "done":
				a.ActionsDone++
			case x.Status == "cancelled":
				a.ActionsCancelled++
			case x.Status != "open" && x.Status != "in_progress":
			case x.DueDate != "" && x.DueDate < c.day:
				a.ActionsOverdue++
			default:
				a.ActionsOpen++
			}
		}
		if x.Status == "done" {
			if n, ok := daysBetween(x.Created, x.DoneAt); ok {
				c.days[l.ID] = append(c.days[l.ID], n)
				c.distDays[x.District] = append(c.distDays[x.District], n)
				c.allDays = append(c.allDays, n)
			}
		}
	}
}

// daysBetween is the number of Tehran calendar days from one stored instant
// to another (0 for the same day; never negative: a clock set wrong must
// not make an item closed before it was opened).
func daysBetween(from, to string) (int, bool) {
	a, err1 := data.ParseTime(from)
	b, err2 := data.ParseTime(to)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	tehran := jalali.Tehran()
	return max(jalali.FromTime(b.In(tehran)).Sub(jalali.FromTime(a.In(tehran))), 0), true
}

// median of a list of day counts (the mean of the middle two when even).
func median(days []int) float64 {
	if len(days) == 0 {
		return 0
	}
	s := slices.Clone(days)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

func (c *counter) projects(q Query, rows []ProjectRow) {
	for _, x := range rows {
		if !q.covers(x.District, x.Neighbourhood) || x.Created >= q.To {
			continue
		}
		p := Project{ID: x.ID, Title: x.Title, Neighbourhood: x.NeighbourhoodName, District: x.District, Status: x.Status, Progress: x.Progress}
		if d, ok := c.depts[x.Department]; ok {
			p.DepartmentFa, p.DepartmentEn = d.NameFa, d.NameEn
		}
		c.r.Projects = append(c.r.Projects, p)
	}
	sort.Slice(c.r.Projects, func(i, j int) bool {
		a, b := c.r.Projects[i], c.r.Projects[j]
		if a.District != b.District {
			return a.District < b.District
		}
		if a.Neighbourhood != b.Neighbourhood {
			return a.Neighbourhood < b.Neighbourhood
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
}

// report puts the lines in their order and works out the medians.
func (c *counter) report(sc Scope) *Report {
	r := c.r
	r.Scope = sc
	for id, l := range c.lines {
		l.MedianDays = median(c.days[id])
		r.Departments = append(r.Departments, *l)
	}
	sort.Slice(r.Departments, func(i, j int) bool {
		a, b := r.Departments[i], r.Departments[j]
		if (a.ID == "") != (b.ID == "") {
			return b.ID == "" // "no department" last
		}
		if a.NameFa != b.NameFa {
			return a.NameFa < b.NameFa
		}
		return a.ID < b.ID
	})
	r.Total.MedianDays = median(c.allDays)
	known := map[string]bool{}
	for _, k := range data.MeetingKinds {
		known[k] = true
		if n := c.kinds[k]; n > 0 {
			r.Kinds = append(r.Kinds, Kind{Kind: k, Meetings: n})
		}
	}
	var other []string
	for k := range c.kinds {
		if !known[k] {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	for _, k := range other {
		r.Kinds = append(r.Kinds, Kind{Kind: k, Meetings: c.kinds[k]})
	}
	if sc.District == 0 && len(c.dists) > 1 {
		for id, d := range c.dists {
			d.MedianDays = median(c.distDays[id])
			r.Districts = append(r.Districts, *d)
		}
		sort.Slice(r.Districts, func(i, j int) bool { return r.Districts[i].ID < r.Districts[j].ID })
	}
	return r
}

// ConcernStatuses are the statuses a report counts concerns by, in order:
// data.ConcernStatuses, then any other status the records hold.
func (r *Report) ConcernStatuses() []string {
	out := slices.Clone(data.ConcernStatuses)
	var extra []string
	for s := range r.Concerns {
		if !slices.Contains(out, s) {
			extra = append(extra, s)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
