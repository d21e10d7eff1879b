package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// The meeting editor's part-2 sections: the meetings it follows up or that
// follow it up, and its attachments; and the button that schedules a
// follow-up meeting. A new meeting has none of them until it is saved.

// editorExtras holds the editor's related meetings and attachments.
type editorExtras struct {
	related *fyne.Container
	att     *attachmentsView
}

// extras builds the sections below the action items.
func (ed *meetingEditor) extras() fyne.CanvasObject {
	ed.more = &editorExtras{related: container.NewVBox()}
	ed.more.att = newAttachmentsView(ed)
	if !ed.isNew {
		ed.loadRelated()
	}
	return container.NewVBox(ed.more.related, ed.more.att.obj)
}

// followUpButton schedules the follow-up meeting of a saved meeting.
func (ed *meetingEditor) followUpButton() []fyne.CanvasObject {
	if ed.isNew {
		return nil
	}
	return []fyne.CanvasObject{widget.NewButtonWithIcon(i18n.T("followup.schedule"), theme.CalendarIcon(), ed.askFollowUp)}
}

// loadRelated shows the meetings linked to this one as follow-ups.
func (ed *meetingEditor) loadRelated() {
	id := ed.id
	ed.sh.background(func() {
		ups, follows, err := ed.sh.store.RelatedMeetings(context.Background(), id)
		onUI(func() {
			box := ed.more.related
			box.RemoveAll()
			if err != nil || len(ups)+len(follows) == 0 {
				box.Refresh()
				return
			}
			box.Add(widget.NewSeparator())
			box.Add(rtl.NewLabelWithStyle(i18n.T("followup.related"), fyne.TextStyle{Bold: true}))
			add := func(key string, m data.Meeting) {
				mid := m.ID
				text := i18n.T(key, map[string]string{"When": meetingDay(m) + " " + meetingClock(m), "Title": trimmed(m.Title)})
				box.Add(newCard(text, cardPlain, func() { ed.sh.open(newMeetingEditor(ed.sh, mid)) }))
			}
			for _, m := range follows {
				add("followup.of", m)
			}
			for _, m := range ups {
				add("followup.next", m)
			}
			box.Refresh()
			ed.relayout()
		})
	})
}

// askFollowUp asks when the follow-up meeting is: a week later at the same
// time unless the officer picks another day.
func (ed *meetingEditor) askFollowUp() {
	start := ed.sh.now().Add(7 * 24 * time.Hour)
	if d, ok := ed.date.check(false); ok && d.Valid() {
		h, m, ok := parseClock(ed.clock.Text)
		if !ok {
			h, m = 9, 0
		}
		start = d.AddDays(7).Time(jalali.Tehran()).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	date := newDateField(ed.sh.win)
	date.setTime(start)
	clock := rtl.NewEntry()
	clock.SetText(clockOf(start))
	clockErr := errorLabel()
	form := rtl.Form(rtl.NewLabel(i18n.T("followup.when")), rtl.HBox(atLeast(date.obj, 220, 0), atLeast(container.NewVBox(clock, clockErr), 110, 0)))
	dlg := dialog.NewCustomConfirm(i18n.T("followup.title"), i18n.T("button.save"), i18n.T("button.cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		d, okDate := date.check(true)
		h, m, okClock := parseClock(clock.Text)
		if !okDate || !okClock {
			return
		}
		ed.scheduleFollowUp(d.Time(jalali.Tehran()).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute))
	}, ed.sh.win)
	dlg.Show()
}

// scheduleFollowUp records the follow-up meeting at start, linked both ways.
func (ed *meetingEditor) scheduleFollowUp(start time.Time) {
	id := ed.id
	ed.sh.background(func() {
		next, err := ed.sh.store.ScheduleFollowUp(context.Background(), ed.sh.author(), id, start)
		onUI(func() {
			if err != nil {
				ed.message.SetText(i18n.T("followup.error", map[string]string{"Err": errText(err)}))
				return
			}
			ed.sh.say(i18n.T("followup.done", map[string]string{"When": meetingDay(next) + " " + meetingClock(next)}))
			ed.loadRelated()
		})
	})
}
