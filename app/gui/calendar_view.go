package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
)

// Views of the calendar.
const (
	calDay   = "day"
	calWeek  = "week"
	calMonth = "month"
)

// calendarPage shows the district's meetings by day, week or month of the
// Jalali calendar. Weeks start on Saturday and run from the right in
// Persian. Two meetings of one officer at the same time are pointed out
// above the grid and tinted in it. A meeting opens in its editor.
type calendarPage struct {
	sh     *shell
	mode   string
	anchor jalali.Date // a day of the period shown
	today  jalali.Date

	heading *rtl.Label
	warning *rtl.Text
	modes   map[string]*widget.Button
	body    *fyne.Container
	root    fyne.CanvasObject

	meetings []data.Meeting
	clashing map[string]bool // ids of meetings that collide with another
	cells    []calCell       // the days shown, in logical order (Saturday first)
}

// calCell is one day of the grid and the meetings shown on it.
type calCell struct {
	date  jalali.Date
	cards []*card
	ids   []string
}

func newCalendarPage(sh *shell) *calendarPage {
	today := jalali.FromTime(sh.now().In(jalali.Tehran()))
	p := &calendarPage{sh: sh, mode: calMonth, anchor: today, today: today}
	p.build()
	p.reload()
	return p
}

func (p *calendarPage) title() string              { return i18n.T("nav.calendar") }
func (p *calendarPage) section() string            { return "calendar" }
func (p *calendarPage) content() fyne.CanvasObject { return p.root }
func (p *calendarPage) refresh()                   { p.reload() }

func (p *calendarPage) build() {
	p.heading = rtl.NewLabelWithStyle("", fyne.TextStyle{Bold: true})
	p.warning = warningText()
	p.modes = map[string]*widget.Button{}
	var modeBtns []fyne.CanvasObject
	for _, m := range []string{calDay, calWeek, calMonth} {
		m := m
		b := widget.NewButton(i18n.T("cal."+m), func() { p.setMode(m) })
		p.modes[m] = b
		modeBtns = append(modeBtns, b)
	}
	prev := widget.NewButtonWithIcon("", backIcon(), func() { p.step(-1) })
	next := widget.NewButtonWithIcon("", forwardIcon(), func() { p.step(1) })
	todayBtn := widget.NewButton(i18n.T("cal.today"), func() { p.anchor = p.today; p.reload() })
	bar := rtl.Border(nil, nil, rtl.HBox(prev, todayBtn, next, p.heading), rtl.HBox(modeBtns...))
	p.body = container.NewStack()
	p.root = container.NewPadded(container.NewBorder(container.NewVBox(bar, p.warning), nil, nil, nil, p.body))
}

func (p *calendarPage) setMode(m string) {
	p.mode = m
	p.reload()
}

// step moves a period back (-1) or forward (1).
func (p *calendarPage) step(n int) {
	switch p.mode {
	case calDay:
		p.anchor = p.anchor.AddDays(n)
	case calWeek:
		p.anchor = p.anchor.AddDays(7 * n)
	default:
		y, m := p.anchor.Year, p.anchor.Month+n
		for m < 1 {
			y, m = y-1, m+12
		}
		for m > 12 {
			y, m = y+1, m-12
		}
		p.anchor = jalali.New(y, m, 1)
	}
	p.reload()
}

// span is the first day shown and the number of days.
func (p *calendarPage) span() (jalali.Date, int) {
	switch p.mode {
	case calDay:
		return p.anchor, 1
	case calWeek:
		return weekStart(p.anchor), 7
	}
	return jalali.New(p.anchor.Year, p.anchor.Month, 1), jalali.MonthLength(p.anchor.Year, p.anchor.Month)
}

// weekStart is the Saturday of d's week.
func weekStart(d jalali.Date) jalali.Date { return d.AddDays(-int(d.Weekday())) }

// reload reads the period's meetings off the UI goroutine and shows them.
func (p *calendarPage) reload() {
	first, n := p.span()
	loc := jalali.Tehran()
	from, to := first.Time(loc), first.AddDays(n).Time(loc)
	district := p.sh.profile.District
	for m, b := range p.modes {
		b.Importance = widget.MediumImportance
		if m == p.mode {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	p.heading.SetText(p.periodTitle(first, n))
	p.sh.background(func() {
		ms, err := p.sh.store.MeetingsBetween(context.Background(), district, from, to)
		onUI(func() {
			if err != nil {
				p.body.Objects = []fyne.CanvasObject{rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)}))}
				p.body.Refresh()
				return
			}
			p.show(ms)
		})
	})
}

// show lays the meetings out in the current view.
func (p *calendarPage) show(ms []data.Meeting) {
	p.meetings = ms
	p.clashing = map[string]bool{}
	overlaps := data.Overlaps(ms)
	var lines []string
	for _, o := range overlaps {
		p.clashing[o.A.ID], p.clashing[o.B.ID] = true, true
		lines = append(lines, i18n.T("cal.overlap", map[string]string{"A": isolate(shorten(o.A.Title, 40)),
			"B": isolate(shorten(o.B.Title, 40)), "When": isolate(meetingDay(o.B) + " " + meetingClock(o.B)),
			"Officer": isolate(o.Officer)}))
	}
	if len(lines) > 0 {
		lines = append(lines, i18n.T("cal.overlap.note"))
	}
	showWarning(p.warning, joinLines(lines))
	first, n := p.span()
	var view fyne.CanvasObject
	switch p.mode {
	case calDay:
		view = p.dayView(first)
	case calWeek:
		view = p.weekView(first)
	default:
		view = p.monthView(first, n)
	}
	p.body.Objects = []fyne.CanvasObject{view}
	p.body.Refresh()
}

// byDay groups the meetings shown by their Tehran day.
func (p *calendarPage) byDay() map[jalali.Date][]data.Meeting {
	out := map[jalali.Date][]data.Meeting{}
	for _, m := range p.meetings {
		if t, err := data.ParseTime(m.StartsAt); err == nil {
			d := jalali.FromTime(t.In(jalali.Tehran()))
			out[d] = append(out[d], m)
		}
	}
	return out
}

// meetingCard is one meeting: its time and title, tinted when it collides.
func (p *calendarPage) meetingCard(m data.Meeting, long bool) *card {
	text := meetingClock(m) + "  " + trimmed(m.Title)
	if long {
		if _, end, ok := m.Span(); ok && m.EndsAt != "" {
			e := end.In(jalali.Tehran())
			text = meetingClock(m) + "–" + clockText(e.Hour(), e.Minute()) + "  " + trimmed(m.Title)
		}
		if m.Place != "" {
			text += " — " + m.Place
		}
		if nb := p.sh.neighbourhoodName(deref(m.NeighbourhoodID)); nb != "" {
			text += " — " + nb
		}
	}
	fill := cardPlain
	if p.clashing[m.ID] {
		fill = cardWarning
	}
	id := m.ID
	return newCard(text, fill, func() { p.sh.open(newMeetingEditor(p.sh, id)) })
}

// periodTitle is "مهر ۱۴۰۴", "هفته ۵ تا ۱۱ مهر ۱۴۰۴" or "سه‌شنبه ۸ مهر ۱۴۰۴".
func (p *calendarPage) periodTitle(first jalali.Date, n int) string {
	switch p.mode {
	case calDay:
		return longDate(first)
	case calWeek:
		return i18n.T("cal.week.title", map[string]string{"From": longDate(first), "To": longDate(first.AddDays(n - 1))})
	}
	return monthName(first.Month) + " " + yearText(first.Year)
}

func monthName(m int) string {
	if i18n.Language() == i18n.Persian {
		return jalali.MonthName(m)
	}
	return jalali.MonthNameEnglish(m)
}

func weekdayName(w jalali.Weekday) string {
	if i18n.Language() == i18n.Persian {
		return w.String()
	}
	return w.English()
}

// yearText and dayNumber are written without thousands separators.
func yearText(y int) string  { return digits(strconv.Itoa(y)) }
func dayNumber(d int) string { return digits(strconv.Itoa(d)) }

func digits(s string) string {
	if i18n.Language() == i18n.Persian {
		return persian.Digits(s)
	}
	return s
}

func meetingDay(m data.Meeting) string { return formatDate(m.StartsAt) }

func meetingClock(m data.Meeting) string {
	t, err := data.ParseTime(m.StartsAt)
	if err != nil {
		return ""
	}
	return clockOf(t)
}

func joinLines(lines []string) string {
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += "\n"
		}
		out += l
	}
	return out
}
