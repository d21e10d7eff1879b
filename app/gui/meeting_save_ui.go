package gui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
)

// check validates the whole form, shows every problem beside its field,
// and returns the meeting's start when all is well.
func (ed *meetingEditor) check() (time.Time, bool) {
	ok := true
	required := func(text string, errLine *rtl.Label) {
		if trimmed(text) == "" {
			showError(errLine, i18n.T("form.required"))
			ok = false
		} else {
			showError(errLine, "")
		}
	}
	required(ed.titleE.Text, ed.titleErr)
	required(ed.kind.value(), ed.kindErr)
	day, dateOK := ed.date.check(true)
	h, m, clockOK := parseClock(ed.clock.Text)
	if !clockOK {
		showError(ed.clockErr, i18n.T("form.bad_time"))
	} else {
		showError(ed.clockErr, "")
	}
	ok = ok && dateOK && clockOK
	for _, r := range ed.agenda.rows {
		required(r.text.Text, r.err)
	}
	for _, r := range ed.concerns.rows {
		required(r.title.Text, r.err)
	}
	for _, r := range ed.decisions.rows {
		required(r.text.Text, r.err)
	}
	for _, r := range ed.actions.rows {
		required(r.title.Text, r.err)
		due, dueOK := r.due.check(false)
		ok = ok && dueOK
		if dueOK && dateOK && !r.due.empty() && due.Before(day) {
			showError(r.due.err, i18n.T("action.due_before_meeting"))
			ok = false
		}
	}
	if !ok {
		ed.message.SetText(i18n.T("form.fix_errors"))
		return time.Time{}, false
	}
	gy, gm, gd := day.Gregorian()
	return time.Date(gy, time.Month(gm), gd, h, m, 0, 0, jalali.Tehran()), true
}

// parseClock reads HH:MM in any digit form; empty is the start of the day.
func parseClock(s string) (h, m int, ok bool) {
	s = trimmed(persian.LatinDigits(s))
	if s == "" {
		return 0, 0, true
	}
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		ms = "0"
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// save checks the form and writes the meeting in one transaction (Ctrl+S).
func (ed *meetingEditor) save() {
	if ed.titleE == nil {
		return // still loading
	}
	starts, ok := ed.check()
	if !ok {
		return
	}
	st := ed.collect()
	ed.stopDraft()
	ed.message.SetText(i18n.T("form.saving"))
	ed.sh.background(func() {
		ctx := context.Background()
		err := saveMeeting(ctx, ed.sh.store, ed.sh.author(), ed.sh.profile.District, st, ed.orig, starts)
		if err == nil {
			_ = ed.sh.store.DeleteDraft(ctx, ed.draftKey())
		}
		onUI(func() { ed.saved(st, err) })
	})
}

func (ed *meetingEditor) saved(st meetingState, err error) {
	if err != nil {
		ed.message.SetText(i18n.T("form.save_failed", map[string]string{"Err": errText(err)}))
		return
	}
	ed.dirty = false
	ed.sh.say(i18n.T("meeting.saved", map[string]string{"Title": trimmed(st.Title)}))
	ed.sh.close()
}

// cancel leaves the editor (Esc), asking first when something was typed.
func (ed *meetingEditor) cancel() {
	ed.leave(func() { ed.sh.close() })
}

// leave lets the shell leave the editor; with unsaved changes it asks, and
// "discard" drops the draft too.
func (ed *meetingEditor) leave(proceed func()) {
	if !ed.dirty {
		ed.stopDraft()
		proceed()
		return
	}
	ed.confirm(i18n.T("form.unsaved.title"), i18n.T("form.unsaved"), func(discard bool) {
		if !discard {
			return
		}
		ed.stopDraft()
		ed.dirty = false
		key := ed.draftKey()
		ed.sh.background(func() { _ = ed.sh.store.DeleteDraft(context.Background(), key) })
		proceed()
	})
}

// confirmDelete moves the meeting, with what was recorded in it, to the
// trash, after asking; the trash can bring it back.
func (ed *meetingEditor) confirmDelete() {
	ed.confirm(i18n.T("button.delete"), i18n.T("meeting.delete.confirm"), func(yes bool) {
		if !yes {
			return
		}
		ed.stopDraft()
		id := ed.id
		ed.sh.background(func() {
			err := ed.sh.store.DeleteMeeting(context.Background(), ed.sh.author(), id)
			_ = ed.sh.store.DeleteDraft(context.Background(), ed.draftKey())
			onUI(func() {
				if err != nil {
					ed.message.SetText(errText(err))
					return
				}
				ed.dirty = false
				ed.sh.say(i18n.T("meeting.deleted"))
				ed.sh.close()
			})
		})
	})
}
