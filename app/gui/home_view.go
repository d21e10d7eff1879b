package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// Columns of Home's entries: an action item (title, neighbourhood,
// deadline), a meeting (when, title, neighbourhood), a department's open
// concerns (name, count), a project (title, neighbourhood, progress).
var (
	homeActionCols  = &columns{widths: []float32{200, 90, 92}, flex: 0}
	homeMeetingCols = &columns{widths: []float32{135, 200, 90}, flex: 1}
	homeDeptCols    = &columns{widths: []float32{200, 60}, flex: 0}
	homeUserText    = map[int]bool{0: true}
)

// homePage is the screen the window opens on: for the office's
// neighbourhoods, what is overdue and due this week, the open concerns by
// department, today's and this week's meetings and the latest ones, and
// the priority projects. Every entry opens its record.
type homePage struct {
	sh    *shell
	root  *fyne.Container
	links []*linkRow // every entry, in the order built (tests find them here)
	home  data.Home
}

func newHomePage(sh *shell) *homePage {
	p := &homePage{sh: sh, root: container.NewStack(rtl.NewLabel(i18n.T("list.loading")))}
	p.reload()
	return p
}

func (p *homePage) title() string              { return i18n.T("nav.home") }
func (p *homePage) section() string            { return "home" }
func (p *homePage) content() fyne.CanvasObject { return p.root }
func (p *homePage) refresh()                   { p.reload() }

// scope is the office's neighbourhoods (the whole district when none).
func (p *homePage) scope() data.HomeScope {
	return data.HomeScope{District: p.sh.profile.District, Neighbourhoods: p.sh.profile.Neighbourhoods}
}

// reload reads Home off the UI goroutine and rebuilds the screen.
func (p *homePage) reload() {
	sc, now := p.scope(), p.sh.now()
	p.sh.background(func() {
		h, err := p.sh.store.Home(context.Background(), sc, now)
		onUI(func() {
			if err != nil {
				p.root.Objects = []fyne.CanvasObject{rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)}))}
				p.root.Refresh()
				return
			}
			p.home = h
			p.build()
		})
	})
}

func (p *homePage) build() {
	p.links = nil
	h := p.home
	start := container.NewVBox(p.actionsPanel(), p.duePanel(), p.projectsPanel())
	end := container.NewVBox(p.meetingsPanel(), p.concernsPanel())
	top := container.NewVBox(rtl.NewLabelWithStyle(i18n.T("home.today", map[string]string{"Date": longDate(h.Today)}), fyne.TextStyle{Bold: true}),
		rtl.NewLabel(p.scopeText()))
	body := container.NewVBox(top, rtl.Row(start, end))
	p.root.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(body))}
	p.root.Refresh()
}

// scopeText names whose Home this is.
func (p *homePage) scopeText() string {
	if len(p.sh.profile.Neighbourhoods) == 0 {
		return i18n.T("home.scope.district", map[string]string{"N": i18n.Number(p.sh.profile.District)})
	}
	var names []string
	for _, id := range p.sh.profile.Neighbourhoods {
		if n := p.sh.neighbourhoodName(id); n != "" {
			names = append(names, n)
		}
	}
	return i18n.T("home.scope.office", map[string]string{"Names": strings.Join(names, i18n.T("list.sep"))})
}

func (p *homePage) add(l *linkRow) fyne.CanvasObject {
	p.links = append(p.links, l)
	return l.obj
}

// actionEntries are a panel's action items, each opening its screen.
func (p *homePage) actionEntries(rows []data.ActionRow) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, a := range rows {
		id := a.ID
		l := newLinkRow(homeActionCols, homeUserText, func() { p.sh.open(newActionPage(p.sh, id)) },
			a.Title, a.NeighbourhoodName, dueText(a.DueDate))
		if a.Overdue {
			l.tint(2, errorColor)
		}
		out = append(out, p.add(l))
	}
	return out
}

// allButton opens a list with the Home's filter; it says how many there
// are. A link row, not a button's label: a button puts the parentheses
// and digits of a Persian label on the wrong sides.
func allButton(text string, open func()) fyne.CanvasObject {
	l := newLinkRow(&columns{widths: []float32{200}, flex: 0}, nil, open, text)
	l.tint(0, theme.Color(theme.ColorNamePrimary))
	return l.obj
}

func (p *homePage) actionsPanel() fyne.CanvasObject {
	h := p.home
	body := p.actionEntries(h.OverdueItems)
	if h.Overdue == 0 {
		body = append(body, note(i18n.T("home.overdue.none")))
	} else {
		body = append(body, allButton(i18n.T("home.all", map[string]string{"N": i18n.Number(h.Overdue)}), func() {
			p.sh.open(newActionsPage(p.sh, "overdue"))
		}))
	}
	return panel(i18n.T("home.overdue"), i18n.Number(h.Overdue), body...)
}

func (p *homePage) duePanel() fyne.CanvasObject {
	h := p.home
	body := p.actionEntries(h.DueThisWeekItems)
	if h.DueThisWeek == 0 {
		body = append(body, note(i18n.T("home.due.none")))
	} else if h.DueThisWeek > len(h.DueThisWeekItems) {
		body = append(body, allButton(i18n.T("home.all", map[string]string{"N": i18n.Number(h.DueThisWeek)}), func() {
			p.sh.open(newActionsPage(p.sh, "active"))
		}))
	}
	title := i18n.T("home.due", map[string]string{"Date": jalaliText(h.WeekEnd)})
	return panel(title, i18n.Number(h.DueThisWeek), body...)
}

func (p *homePage) meetingEntries(rows []data.MeetingRow) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, m := range rows {
		id := m.ID
		when := formatDate(m.StartsAt)
		if t, err := data.ParseTime(m.StartsAt); err == nil {
			when += " " + clockOf(t)
		}
		l := newLinkRow(homeMeetingCols, map[int]bool{1: true}, func() { p.sh.open(newMeetingEditor(p.sh, id)) },
			when, m.Title, m.NeighbourhoodName)
		l.text = m.Title
		out = append(out, p.add(l))
	}
	return out
}

func (p *homePage) meetingsPanel() fyne.CanvasObject {
	h := p.home
	caption := func(key string) fyne.CanvasObject {
		l := rtl.NewLabelWithStyle(i18n.T(key), fyne.TextStyle{Italic: true})
		l.TextSize = 12
		return l
	}
	body := []fyne.CanvasObject{caption("home.meetings.today")}
	if len(h.TodayMeetings) == 0 {
		body = append(body, note(i18n.T("home.meetings.none_today")))
	}
	body = append(body, p.meetingEntries(h.TodayMeetings)...)
	if len(h.WeekMeetings) > 0 {
		body = append(body, caption("home.meetings.week"))
		body = append(body, p.meetingEntries(h.WeekMeetings)...)
	}
	body = append(body, caption("home.meetings.recent"))
	if len(h.RecentMeetings) == 0 {
		body = append(body, note(i18n.T("meetings.empty")))
	}
	body = append(body, p.meetingEntries(h.RecentMeetings)...)
	count := rtl.NewLabel(i18n.T("home.meetings.count", map[string]string{"Today": i18n.Number(h.MeetingsToday), "Week": i18n.Number(h.MeetingsThisWeek)}))
	return panel(i18n.T("home.meetings"), "", append([]fyne.CanvasObject{count}, body...)...)
}

func (p *homePage) concernsPanel() fyne.CanvasObject {
	h := p.home
	var body []fyne.CanvasObject
	for _, dc := range h.ConcernsByDepartment {
		dept := dc.DepartmentID
		name := p.sh.departmentName(dept)
		if name == "" {
			name = i18n.T("concern.no_department")
		}
		body = append(body, p.add(newLinkRow(homeDeptCols, nil, func() { p.sh.open(newConcernsPage(p.sh, dept)) },
			name, i18n.Number(dc.Count))))
	}
	if len(body) == 0 {
		body = append(body, note(i18n.T("home.concerns.none")))
	}
	return panel(i18n.T("home.concerns"), i18n.Number(h.OpenConcerns), body...)
}

func (p *homePage) projectsPanel() fyne.CanvasObject {
	var body []fyne.CanvasObject
	for _, pr := range p.home.Projects {
		id := pr.ID
		l := newLinkRow(&columns{widths: []float32{200, 90}, flex: 0}, homeUserText, func() { p.sh.open(newProjectPage(p.sh, id)) },
			pr.Title, pr.NeighbourhoodName)
		p.links = append(p.links, l)
		body = append(body, container.NewVBox(l.obj, container.NewPadded(progressBar(pr.Progress))))
	}
	if len(body) == 0 {
		body = append(body, note(i18n.T("home.projects.none")))
	}
	body = append(body, allButton(i18n.T("home.projects.all"), func() { p.sh.open(newProjectsPage(p.sh)) }))
	return panel(i18n.T("home.projects"), "", body...)
}

// link finds an entry of Home by its text (tests).
func (p *homePage) link(text string) *linkRow {
	for _, l := range p.links {
		if l.text == text {
			return l
		}
	}
	return nil
}
