package gui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// monthCards is how many meetings a day of the month view lists before
// "and n more" (the day view lists them all).
const monthCards = 3

var (
	todayTint = color.NRGBA{R: 0xff, G: 0xf8, B: 0xe1, A: 0xff}
	dayTint   = color.NRGBA{R: 0xfa, G: 0xfa, B: 0xfa, A: 0xff}
)

// weekdayHeads are the seven column headings, Saturday first, placed in
// visual order (Saturday on the right in Persian).
func weekdayHeads(short bool) []fyne.CanvasObject {
	heads := make([]fyne.CanvasObject, 7)
	for c := 0; c < 7; c++ {
		name := weekdayName(jalali.Weekday(c))
		if short && i18n.Language() != i18n.Persian {
			name = name[:3]
		}
		l := rtl.NewLabelWithStyle(name, fyne.TextStyle{Bold: true})
		if jalali.Weekday(c) == jalali.Friday {
			l.Color = theme.Color(theme.ColorNameError) // the weekend, as on a wall calendar
		}
		heads[rtl.Column(c, 7)] = container.NewCenter(l)
	}
	return heads
}

// monthView is the month as weeks of seven days from Saturday, each day
// with its first meetings.
func (p *calendarPage) monthView(first jalali.Date, n int) fyne.CanvasObject {
	days := p.byDay()
	offset := int(first.Weekday())
	weeks := (offset + n + 6) / 7
	grid := make([]fyne.CanvasObject, weeks*7)
	p.cells = nil
	for i := 0; i < weeks*7; i++ {
		var obj fyne.CanvasObject = canvas.NewRectangle(color.Transparent)
		if day := i - offset + 1; day >= 1 && day <= n {
			d := jalali.New(first.Year, first.Month, day)
			obj = p.dayCell(d, days[d], monthCards)
		}
		grid[i/7*7+rtl.Column(i%7, 7)] = obj
	}
	return container.NewBorder(container.NewGridWithColumns(7, weekdayHeads(true)...), nil, nil, nil,
		container.NewVScroll(container.NewGridWithColumns(7, grid...)))
}

// weekView is seven columns from Saturday, each day with all its meetings.
func (p *calendarPage) weekView(first jalali.Date) fyne.CanvasObject {
	days := p.byDay()
	cols := make([]fyne.CanvasObject, 7)
	p.cells = nil
	for c := 0; c < 7; c++ {
		d := first.AddDays(c)
		cols[rtl.Column(c, 7)] = p.dayCell(d, days[d], 0)
	}
	return container.NewBorder(container.NewGridWithColumns(7, weekdayHeads(false)...), nil, nil, nil,
		container.NewVScroll(container.NewGridWithColumns(7, cols...)))
}

// dayView lists one day's meetings with their end, place and neighbourhood.
func (p *calendarPage) dayView(d jalali.Date) fyne.CanvasObject {
	ms := p.byDay()[d]
	cell := calCell{date: d}
	box := container.NewVBox()
	for _, m := range ms {
		c := p.meetingCard(m, true)
		cell.cards, cell.ids = append(cell.cards, c), append(cell.ids, m.ID)
		box.Add(c)
	}
	if len(ms) == 0 {
		box.Add(rtl.NewLabel(i18n.T("cal.empty.day")))
	}
	p.cells = []calCell{cell}
	return container.NewVScroll(box)
}

// dayCell is one day of the month or week: its number and its meetings,
// at most limit of them (0: all).
func (p *calendarPage) dayCell(d jalali.Date, ms []data.Meeting, limit int) fyne.CanvasObject {
	num := rtl.NewLabelWithStyle(dayNumber(d.Day), fyne.TextStyle{Bold: d == p.today})
	if p.mode == calWeek {
		num.SetText(dayNumber(d.Day) + " " + monthName(d.Month))
	}
	if d.Weekday() == jalali.Friday {
		num.Color = theme.Color(theme.ColorNameError)
	}
	box := container.NewVBox(num)
	cell := calCell{date: d}
	for i, m := range ms {
		if limit > 0 && i == limit {
			more := widget.NewButton(i18n.T("cal.more", map[string]string{"N": i18n.Number(len(ms) - limit)}), func() {
				p.anchor, p.mode = d, calDay
				p.reload()
			})
			more.Importance = widget.LowImportance
			box.Add(more)
			break
		}
		c := p.meetingCard(m, false)
		cell.cards, cell.ids = append(cell.cards, c), append(cell.ids, m.ID)
		box.Add(c)
	}
	p.cells = append(p.cells, cell)
	tint := dayTint
	if d == p.today {
		tint = todayTint
	}
	bg := canvas.NewRectangle(tint)
	bg.StrokeColor = color.NRGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	bg.StrokeWidth = 1
	height := float32(100)
	if p.mode == calWeek {
		height = 420
	}
	return atLeast(container.NewStack(bg, container.NewPadded(box)), 0, height)
}

// cellOf returns the day a meeting is shown on, for tests.
func (p *calendarPage) cellOf(id string) (calCell, bool) {
	for _, c := range p.cells {
		for _, x := range c.ids {
			if x == id {
				return c, true
			}
		}
	}
	return calCell{}, false
}

// stageFollowUp shows the part-2 screens of calendar_view.go, reminders.go
// and attachments_view.go for a screenshot, on the day of the latest
// meeting (latest holds it, or nothing in an empty store) so they are
// never empty because of today's date.
func (sh *shell) stageFollowUp(name string, latest []data.MeetingRow) {
	if len(latest) > 0 {
		if t, err := data.ParseTime(latest[0].StartsAt); err == nil {
			day := t
			sh.now = func() time.Time { return day }
		}
	}
	switch name {
	case "calendar_month", "calendar_week":
		p := newCalendarPage(sh)
		sh.open(p)
		if name == "calendar_week" {
			p.setMode(calWeek)
		}
	case "reminders":
		sh.openSection("reminders")
	case "attachments":
		if len(latest) == 0 {
			return
		}
		ed := newMeetingEditor(sh, latest[0].ID)
		sh.open(ed)
		if ed.scroll != nil {
			ed.scroll.ScrollToBottom()
		}
	}
}
