package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// calWorld is the meetings a calendar test writes, by name, around the test
// shell's today (1404/07/09, a Wednesday).
type calWorld map[string]string

// writeMeetings writes meetings at Tehran times, recorded by officer.
func writeMeetings(t *testing.T, s *data.Store, officer string, list map[string]time.Time) calWorld {
	t.Helper()
	out := calWorld{}
	err := s.Write(context.Background(), officer, func(w *data.Writer) error {
		for title, at := range list {
			m := data.Meeting{Meta: data.Meta{District: 14}, Kind: "elders", Title: title, StartsAt: data.FormatTime(at)}
			if err := w.Put("meetings", &m); err != nil {
				return err
			}
			out[title] = m.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tehran(jy, jm, jd, h, min int) time.Time {
	return jalali.New(jy, jm, jd).Time(jalali.Tehran()).Add(time.Duration(h)*time.Hour + time.Duration(min)*time.Minute)
}

// calendarMeetings: Saturday 5 Mehr, Friday 11 Mehr, two that collide on
// Wednesday 9 Mehr (the first has no end: it lasts an hour), one in Aban.
func calendarMeetings(t *testing.T, s *data.Store) calWorld {
	return writeMeetings(t, s, "زهرا احمدی", map[string]time.Time{
		"دیدار شنبه با معتمدان":        tehran(1404, 7, 5, 10, 0),
		"جلسه جمعه در مسجد":            tehran(1404, 7, 11, 18, 0),
		"نشست شورایاری":                tehran(1404, 7, 9, 16, 30),
		"بازدید از پارک":               tehran(1404, 7, 9, 17, 0),
		"نشست آبان (بیرون از این ماه)": tehran(1404, 8, 2, 9, 0),
	})
}

func calendarOf(t *testing.T, sh *shell) *calendarPage {
	t.Helper()
	p, ok := sh.current().(*calendarPage)
	if !ok {
		t.Fatalf("the window shows %T, want the calendar", sh.current())
	}
	return p
}

// The month and the week show each meeting on its Jalali day, weeks from
// Saturday, Saturday on the right in Persian and on the left in English;
// the two colliding meetings are pointed out; a meeting opens its editor.
func TestCalendarMonthAndWeek(t *testing.T) {
	s, _ := testStore(t, "", false)
	ids := calendarMeetings(t, s)
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			sh, w := testShell(t, s, language)
			sh.openSection("calendar")
			p := calendarOf(t, sh)
			if p.anchor != jalali.New(1404, 7, 9) || p.mode != calMonth {
				t.Fatalf("the calendar opens on %v (%s), want Mehr 1404 by month", p.anchor, p.mode)
			}
			wantDay := map[string]jalali.Date{
				"دیدار شنبه با معتمدان": jalali.New(1404, 7, 5), "جلسه جمعه در مسجد": jalali.New(1404, 7, 11),
				"نشست شورایاری": jalali.New(1404, 7, 9), "بازدید از پارک": jalali.New(1404, 7, 9),
			}
			checkDays(t, p, ids, wantDay)
			if _, shown := p.cellOf(ids["نشست آبان (بیرون از این ماه)"]); shown {
				t.Fatal("a meeting of Aban is shown in Mehr")
			}
			// Mehr 1404 starts on a Tuesday: the fourth cell of the first week.
			if p.cells[0].date != jalali.New(1404, 7, 1) || p.cells[0].date.Weekday() != jalali.Tuesday {
				t.Fatalf("the month's first day is %v", p.cells[0].date)
			}
			checkSaturdayFirst(t, w, p, ids, language)
			checkOverlap(t, p, ids)
			settle(w)
			assertScreen(t, w, "calendar_month_"+language+".png", nil)

			p.setMode(calWeek)
			checkDays(t, p, ids, wantDay)
			if len(p.cells) != 7 || p.cells[0].date != jalali.New(1404, 7, 5) || p.cells[6].date != jalali.New(1404, 7, 11) {
				t.Fatalf("the week runs %v to %v, want Saturday 5 to Friday 11 Mehr", p.cells[0].date, p.cells[len(p.cells)-1].date)
			}
			checkSaturdayFirst(t, w, p, ids, language)
			checkOverlap(t, p, ids)
			assertScreen(t, w, "calendar_week_"+language+".png", nil)

			p.setMode(calDay)
			if len(p.cells) != 1 || len(p.cells[0].ids) != 2 {
				t.Fatalf("the day shows %v, want the two meetings of 9 Mehr", p.cells)
			}
			p.step(-4) // back to Saturday
			cell, ok := p.cellOf(ids["دیدار شنبه با معتمدان"])
			if !ok {
				t.Fatal("Saturday's meeting is not on Saturday's page")
			}
			test.Tap(cell.cards[0])
			if ed := editorOf(t, sh); ed.id != ids["دیدار شنبه با معتمدان"] {
				t.Fatalf("the card opened meeting %s", ed.id)
			}
		})
	}
}

func checkDays(t *testing.T, p *calendarPage, ids calWorld, want map[string]jalali.Date) {
	t.Helper()
	for title, day := range want {
		c, ok := p.cellOf(ids[title])
		if !ok || c.date != day {
			t.Errorf("%s (%s view): shown on %v (%v), want %v", title, p.mode, c.date, ok, day)
		}
	}
}

// checkSaturdayFirst compares where the cards are drawn: Saturday, then
// Wednesday, then Friday along the reading direction.
func checkSaturdayFirst(t *testing.T, w fyne.Window, p *calendarPage, ids calWorld, language string) {
	t.Helper()
	settle(w)
	x := func(title string) float32 {
		c, ok := p.cellOf(ids[title])
		if !ok || len(c.cards) == 0 {
			t.Fatalf("%s is not shown", title)
		}
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(c.cards[0]).X
	}
	sat, wed, fri := x("دیدار شنبه با معتمدان"), x("نشست شورایاری"), x("جلسه جمعه در مسجد")
	if language == i18n.Persian && !(sat > wed && wed > fri) {
		t.Errorf("Persian %s: Saturday at x=%v, Wednesday %v, Friday %v; want right to left", p.mode, sat, wed, fri)
	}
	if language == i18n.English && !(sat < wed && wed < fri) {
		t.Errorf("English %s: Saturday at x=%v, Wednesday %v, Friday %v; want left to right", p.mode, sat, wed, fri)
	}
}

func checkOverlap(t *testing.T, p *calendarPage, ids calWorld) {
	t.Helper()
	if !p.warning.Visible() || !strings.Contains(p.warning.Text, "نشست شورایاری") || !strings.Contains(p.warning.Text, "بازدید از پارک") {
		t.Fatalf("overlap warning %q (shown %v)", p.warning.Text, p.warning.Visible())
	}
	if strings.Contains(p.warning.Text, "دیدار شنبه") {
		t.Fatalf("the warning names a meeting that collides with nothing: %q", p.warning.Text)
	}
	for _, title := range []string{"نشست شورایاری", "بازدید از پارک"} {
		c, _ := p.cellOf(ids[title])
		for i, id := range c.ids {
			if id == ids[title] && c.cards[i].fill != cardWarning {
				t.Errorf("%s is not tinted as colliding", title)
			}
		}
	}
}

// "Schedule follow-up meeting" records a new meeting linked both ways, and
// the editor lists it.
func TestFollowUpMeeting(t *testing.T) {
	s, _ := testStore(t, "", false)
	ids := calendarMeetings(t, s)
	sh, w := testShell(t, s, i18n.Persian)
	first := ids["نشست شورایاری"]
	sh.open(newMeetingEditor(sh, first))
	ed := editorOf(t, sh)
	findButton(t, w, i18n.T("followup.schedule"))
	when := tehran(1404, 7, 16, 16, 30)
	ed.scheduleFollowUp(when)
	ups, _, err := s.RelatedMeetings(context.Background(), first)
	if err != nil || len(ups) != 1 || ups[0].StartsAt != data.FormatTime(when) || ups[0].Title != "نشست شورایاری" {
		t.Fatalf("follow-ups of the first meeting: %+v (%v)", ups, err)
	}
	_, back, _ := s.RelatedMeetings(context.Background(), ups[0].ID)
	if len(back) != 1 || back[0].ID != first {
		t.Fatalf("the follow-up meeting follows %+v, want the first", back)
	}
	var listed *card
	for _, o := range ed.more.related.Objects {
		if c, ok := o.(*card); ok {
			listed = c
		}
	}
	if listed == nil || !strings.Contains(listed.Text(), "۱۶:۳۰") {
		t.Fatalf("the editor does not list the follow-up meeting (%v)", ed.more.related.Objects)
	}
	test.Tap(listed)
	if next := editorOf(t, sh); next.id != ups[0].ID {
		t.Fatalf("the card opened %s", next.id)
	}
	// The follow-up meeting names the one it follows up.
	var back2 *card
	for _, o := range editorOf(t, sh).more.related.Objects {
		if c, ok := o.(*card); ok {
			back2 = c
		}
	}
	if back2 == nil {
		t.Fatal("the follow-up meeting does not show the meeting it follows up")
	}
}
