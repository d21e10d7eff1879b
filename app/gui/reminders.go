package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// remindEvery is how often a running window looks again at what is due:
// a meeting added by sync or a deadline passing at midnight shows within it.
const remindEvery = 5 * time.Minute

// notifyOneByOne is how many new reminders are sent as a notification
// each; more than that is one notification that counts them, so a store
// with months of overdue work does not flood the desktop.
const notifyOneByOne = 3

// bellIcon is Material Design's "notifications" bell (Apache 2.0, as Fyne's
// own icons), tinted by the theme.
var bellIcon = theme.NewThemedResource(fyne.NewStaticResource("bell.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M12 22c1.1 0 2-.9 2-2h-4c0 1.1.89 2 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"/></svg>`)))

// reminders keeps what is due today (meetings today and tomorrow, action
// items due or overdue), shown by the bell in the top bar and the
// reminders page, and sends each new item once a day as a system
// notification.
type reminders struct {
	sh     *shell
	due    data.Due
	day    jalali.Date // the day due was read for
	read   time.Time
	loaded bool
	btn    *widget.Button
	// notify sends a system notification; tests count them.
	notify func(*fyne.Notification)
}

func (sh *shell) reminders() *reminders {
	if sh.rem == nil {
		sh.rem = &reminders{sh: sh, notify: func(n *fyne.Notification) { sh.app.SendNotification(n) }}
	}
	return sh.rem
}

// bell is the top bar's button: the number of things due, opening the
// reminders.
func (sh *shell) bell() fyne.CanvasObject {
	r := sh.reminders()
	r.btn = widget.NewButtonWithIcon("", bellIcon, func() { sh.openSection("reminders") })
	r.showCount()
	return r.btn
}

// startReminders checks now and then every remindEvery until the app quits.
func (sh *shell) startReminders() {
	r := sh.reminders()
	r.check()
	go func() {
		t := time.NewTicker(remindEvery)
		defer t.Stop()
		for range t.C {
			onUI(r.check)
		}
	}()
}

// check reads what is due off the UI goroutine, shows it, and notifies
// what was not notified yet today.
func (r *reminders) check() {
	now := r.sh.now()
	district := r.sh.profile.District
	r.sh.background(func() {
		ctx := context.Background()
		due, err := r.sh.store.Reminders(ctx, district, now, jalali.Tehran())
		if err != nil {
			return // the next round tries again; the panel keeps what it showed
		}
		day := now.In(jalali.Tehran()).Format("2006-01-02")
		sent, err := r.sh.store.Notified(ctx, day)
		if err != nil {
			return
		}
		fresh := r.fresh(due, sent)
		var ids []string
		for _, f := range fresh {
			ids = append(ids, f.id)
		}
		if len(ids) > 0 {
			if r.sh.store.MarkNotified(ctx, day, ids) != nil {
				fresh = nil // not remembered: better to say it on the next round than twice
			}
		}
		onUI(func() {
			r.due, r.read, r.loaded = due, now, true
			r.day = jalali.FromTime(now.In(jalali.Tehran()))
			r.showCount()
			r.send(fresh, due)
			if p, ok := r.sh.current().(*remindersPage); ok {
				p.rebuild()
			}
		})
	})
}

// item is one reminder: its key in the notified list and its text.
type item struct{ id, text string }

// fresh lists what is due and not notified yet today, meetings first.
func (r *reminders) fresh(due data.Due, sent map[string]bool) []item {
	var out []item
	for _, m := range due.Meetings {
		if id := "meeting:" + m.ID; !sent[id] {
			out = append(out, item{id, i18n.T("rem.notify.meeting", map[string]string{"When": r.whenText(m), "Title": trimmed(m.Title)})})
		}
	}
	today := r.sh.now().In(jalali.Tehran()).Format("2006-01-02")
	for _, a := range due.Actions {
		id := "action:" + a.ID
		if sent[id] {
			continue
		}
		text := i18n.T("rem.notify.action", map[string]string{"Title": trimmed(a.Title)})
		if a.DueDate < today {
			text = i18n.T("rem.notify.overdue", map[string]string{"Title": trimmed(a.Title), "Date": dueText(a.DueDate)})
		}
		out = append(out, item{id, text})
	}
	return out
}

func (r *reminders) send(fresh []item, due data.Due) {
	title := i18n.T("rem.notify.title")
	if len(fresh) > notifyOneByOne {
		r.notify(fyne.NewNotification(title, i18n.T("rem.notify.summary", map[string]string{
			"Meetings": i18n.Number(len(due.Meetings)), "Actions": i18n.Number(due.Overdue + due.DueToday)})))
		return
	}
	for _, f := range fresh {
		r.notify(fyne.NewNotification(title, f.text))
	}
}

// count is how many things are due: meetings today and tomorrow, action
// items due today or overdue.
func (r *reminders) count() int { return len(r.due.Meetings) + r.due.Overdue + r.due.DueToday }

func (r *reminders) showCount() {
	if r.btn == nil {
		return
	}
	r.btn.SetText("")
	r.btn.Importance = widget.LowImportance
	if n := r.count(); n > 0 {
		r.btn.SetText(i18n.Number(n))
		r.btn.Importance = widget.WarningImportance
	}
	r.btn.Refresh()
}

// whenText is "today 16:30" or "tomorrow 09:00".
func (r *reminders) whenText(m data.Meeting) string {
	t, err := data.ParseTime(m.StartsAt)
	if err != nil {
		return ""
	}
	day := i18n.T("rem.today")
	if jalali.FromTime(t.In(jalali.Tehran())) != jalali.FromTime(r.sh.now().In(jalali.Tehran())) {
		day = i18n.T("rem.tomorrow")
	}
	return day + " " + clockOf(t)
}

// remindersPage is the panel of what is due, each entry opening its meeting.
type remindersPage struct {
	sh   *shell
	root *fyne.Container
}

func newRemindersPage(sh *shell) *remindersPage {
	p := &remindersPage{sh: sh, root: container.NewStack()}
	r := sh.reminders()
	if r.loaded {
		p.rebuild()
	} else {
		p.root.Objects = []fyne.CanvasObject{rtl.NewLabel(i18n.T("list.loading"))}
	}
	r.check()
	return p
}

func (p *remindersPage) title() string              { return i18n.T("nav.reminders") }
func (p *remindersPage) section() string            { return "reminders" }
func (p *remindersPage) content() fyne.CanvasObject { return p.root }
func (p *remindersPage) refresh()                   { p.sh.reminders().check() }

// rebuild shows the reminders last read.
func (p *remindersPage) rebuild() {
	r := p.sh.reminders()
	today := r.day
	var meetingsToday, meetingsTomorrow []fyne.CanvasObject
	for _, m := range r.due.Meetings {
		id := m.ID
		c := newCard(meetingClock(m)+"  "+trimmed(m.Title)+placeOf(m), cardPlain, func() { p.sh.open(newMeetingEditor(p.sh, id)) })
		if t, err := data.ParseTime(m.StartsAt); err == nil && jalali.FromTime(t.In(jalali.Tehran())) == today {
			meetingsToday = append(meetingsToday, c)
		} else {
			meetingsTomorrow = append(meetingsTomorrow, c)
		}
	}
	var late, dueNow []fyne.CanvasObject
	g := today.Time(jalali.Tehran()).Format("2006-01-02")
	for _, a := range r.due.Actions {
		if a.DueDate < g {
			late = append(late, p.actionCard(a, today))
		} else {
			dueNow = append(dueNow, p.actionCard(a, today))
		}
	}
	box := container.NewVBox()
	group := func(title string, cards []fyne.CanvasObject) {
		if len(cards) == 0 {
			return
		}
		box.Add(rtl.NewLabelWithStyle(title, fyne.TextStyle{Bold: true}))
		for _, c := range cards {
			box.Add(c)
		}
		box.Add(widget.NewSeparator())
	}
	group(i18n.T("rem.meetings.today"), meetingsToday)
	group(i18n.T("rem.meetings.tomorrow"), meetingsTomorrow)
	group(i18n.T("rem.actions.overdue", map[string]string{"N": i18n.Number(r.due.Overdue)}), late)
	group(i18n.T("rem.actions.today", map[string]string{"N": i18n.Number(r.due.DueToday)}), dueNow)
	if shown := len(r.due.Actions); shown < r.due.Overdue+r.due.DueToday {
		box.Add(rtl.NewLabel(i18n.T("rem.more", map[string]string{"N": i18n.Number(r.due.Overdue + r.due.DueToday - shown)})))
	}
	if len(box.Objects) == 0 {
		box.Add(rtl.NewLabel(i18n.T("rem.none")))
	}
	box.Add(rtl.NewLabel(i18n.T("rem.updated", map[string]string{"When": clockOf(r.read)})))
	p.root.Objects = []fyne.CanvasObject{container.NewPadded(container.NewVScroll(box))}
	p.root.Refresh()
}

// actionCard is an action item with its deadline; it opens the meeting
// that decided it, if any.
func (p *remindersPage) actionCard(a data.ActionItem, today jalali.Date) *card {
	text := trimmed(a.Title) + " — "
	fill := cardPlain
	if d, err := time.Parse("2006-01-02", a.DueDate); err == nil {
		due, _ := jalali.FromGregorian(d.Year(), int(d.Month()), d.Day())
		if late := today.Sub(due); late > 0 {
			text += i18n.T("rem.late", map[string]string{"Date": dateText(due), "N": i18n.Number(late)})
			fill = cardLate
		} else {
			text += i18n.T("rem.due.today")
		}
	}
	if who := trimmed(a.ResponsibleName); who != "" {
		text += " — " + who
	}
	var open func()
	if mid := deref(a.MeetingID); mid != "" {
		open = func() { p.sh.open(newMeetingEditor(p.sh, mid)) }
	}
	return newCard(text, fill, open)
}

func placeOf(m data.Meeting) string {
	if p := trimmed(m.Place); p != "" {
		return " — " + p
	}
	return ""
}
