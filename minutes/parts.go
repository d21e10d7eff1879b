package minutes

import (
	"strings"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/pdf"
)

// letterhead is the top of the first page: بسمه تعالی, the issuing office
// on the start side, the document's name in the middle, its number, date
// and attachments on the end side, then the meeting's title.
func (d *doc) letterhead() {
	l := d.l
	d.Text(d.strong, l.t("minutes.basmala"), pdf.AlignCenter, 0)
	d.Y += 4
	office := []string{l.t("minutes.municipality")}
	if d.m.District.ID != 0 {
		office = append(office, l.digits(l.t("minutes.district", map[string]any{"N": d.m.District.ID})))
	}
	if d.m.Neighbourhood != "" {
		hood := l.t("minutes.neighbourhood", map[string]any{"Name": d.m.Neighbourhood})
		switch {
		case d.m.Subdistrict == "":
		case l.rtl():
			hood = d.m.Subdistrict + l.comma() + hood // ناحیه ۲، محله پیروزی
		default:
			hood += l.comma() + d.m.Subdistrict // a line that starts in English reads left to right
		}
		office = append(office, hood)
	}
	ref := []string{
		l.t("minutes.number") + " " + shortID(d.m.Meeting.ID),
		l.t("minutes.date") + " " + d.shortDate(),
		l.t("minutes.attachment") + " " + l.t("minutes.attachment.none"),
	}
	top := d.Y
	third := d.Width() / 3
	startX, endX := d.Left, d.Right-third
	if d.RTL {
		startX, endX = d.Right-third, d.Left
	}
	hOffice, hRef := 0.0, 0.0
	for _, s := range office {
		hOffice += d.Place(d.Lines(d.strong, s, third), startX, third, top+hOffice, pdf.AlignStart)
	}
	for _, s := range ref {
		hRef += d.Place(d.Lines(d.body, s, third), endX, third, top+hRef, pdf.AlignStart)
	}
	big := pdf.Style{Font: d.bold, Size: 20}
	if big.Width(l.t("minutes.heading")) > third {
		big.Size = 16
	}
	hHead := d.Place(d.Lines(big, l.t("minutes.heading"), third), d.Left+third, third, top+4, pdf.AlignCenter) + 4
	d.Y = top + max(hOffice, hRef, hHead) + 6
	d.Page.Rule(d.Left, d.Y, d.Right, d.Y, 1.2, 0)
	d.Y += 10
	d.Text(d.title, d.m.Meeting.Title, pdf.AlignCenter, 0)
	d.Y += 6
}

// details is the box with the kind, date and weekday, time, place and
// organiser.
func (d *doc) details() {
	l, m := d.l, d.m.Meeting
	date, clock := d.when()
	cells := [][]string{
		{l.t("minutes.kind") + ": " + l.opt("kind", m.Kind), l.t("minutes.when") + ": " + date},
		{l.t("minutes.time") + ": " + clock, l.t("minutes.place") + ": " + m.Place},
	}
	if name := d.personName(m.OrganiserID); name != "" {
		cells = append(cells, []string{l.t("minutes.organiser") + ": " + name, ""})
	}
	cols := []pdf.Column{{Weight: 1}, {Weight: 1}}
	for _, r := range cells {
		d.Row(cols, r, d.body, 0, false)
	}
}

// attendees is the table of those present, with a column to sign in, and
// a line naming those absent.
func (d *doc) attendees() {
	l := d.l
	d.heading("minutes.attendees")
	cols := []pdf.Column{
		{Title: l.t("minutes.col.row"), Width: 30, Align: pdf.AlignCenter},
		{Title: l.t("minutes.col.name"), Weight: 3},
		{Title: l.t("minutes.col.position"), Weight: 3},
		{Title: l.t("minutes.col.role"), Width: 70, Align: pdf.AlignCenter},
		{Title: l.t("minutes.col.signature"), Width: 95},
	}
	var rows [][]string
	var absent []string
	for _, a := range d.m.Attendance {
		name, position := d.attendee(a)
		if !a.Present {
			absent = append(absent, name)
			continue
		}
		rows = append(rows, []string{l.digits(itoa(len(rows) + 1)), name, position, l.opt("meeting_role", a.MeetingRole), ""})
	}
	if len(rows) == 0 {
		d.Text(d.body, l.t("minutes.none"), pdf.AlignStart, 8)
	} else {
		d.Table(cols, rows, d.strong, d.body, 26)
	}
	if len(absent) > 0 {
		d.Y += 4
		d.Text(d.body, l.t("minutes.absent")+": "+strings.Join(absent, l.comma()), pdf.AlignStart, 8)
	}
}

// attendee returns an attendee's name and position (role in the register
// and organisation); a guest has the name typed in the meeting.
func (d *doc) attendee(a data.Attendance) (name, position string) {
	if a.PersonID != nil {
		if p, ok := d.m.People[*a.PersonID]; ok {
			parts := []string{}
			if r := d.l.opt("role", p.Role); r != "" {
				parts = append(parts, r)
			}
			if p.Organisation != "" {
				parts = append(parts, p.Organisation)
			}
			return p.Name, strings.Join(parts, d.l.comma())
		}
	}
	name = a.GuestName
	if name == "" {
		name = "—"
	}
	return name, a.Note
}

// concerns lists what residents raised, with the department it goes to.
func (d *doc) concerns() {
	if len(d.m.Concerns) == 0 {
		return // many meetings raise none; an empty section is noise
	}
	var items []string
	for _, c := range d.m.Concerns {
		s := c.Title
		var extra []string
		if dep := d.department(c.DepartmentID); dep != "" {
			extra = append(extra, dep)
		}
		if c.Priority != "" && c.Priority != "normal" {
			extra = append(extra, d.l.opt("priority", c.Priority))
		}
		if len(extra) > 0 {
			s += " (" + strings.Join(extra, d.l.comma()) + ")"
		}
		if c.Description != "" && c.Description != c.Title {
			s += ": " + c.Description
		}
		items = append(items, s)
	}
	d.numbered("minutes.concerns", items)
}

// actions is the table of action items: what, who, by when.
func (d *doc) actions() {
	l := d.l
	d.heading("minutes.actions")
	if len(d.m.ActionItems) == 0 {
		d.Text(d.body, l.t("minutes.none"), pdf.AlignStart, 8)
		return
	}
	decisionNo := map[string]int{}
	for i, x := range d.m.Decisions {
		decisionNo[x.ID] = i + 1
	}
	cols := []pdf.Column{
		{Title: l.t("minutes.col.row"), Width: 30, Align: pdf.AlignCenter},
		{Title: l.t("minutes.col.action"), Weight: 5},
		{Title: l.t("minutes.col.responsible"), Weight: 3},
		{Title: l.t("minutes.col.deadline"), Width: 70, Align: pdf.AlignCenter},
	}
	var rows [][]string
	for i, a := range d.m.ActionItems {
		what := a.Title
		if a.Details != "" && a.Details != a.Title {
			what += "\n" + a.Details
		}
		if a.DecisionID != nil && decisionNo[*a.DecisionID] > 0 {
			what += " (" + l.digits(l.t("minutes.decision_ref", map[string]any{"N": decisionNo[*a.DecisionID]})) + ")"
		}
		var who []string
		if dep := d.department(a.DepartmentID); dep != "" {
			who = append(who, dep)
		}
		if name := d.personName(a.ResponsibleID); name != "" {
			who = append(who, name)
		} else if a.ResponsibleName != "" {
			who = append(who, a.ResponsibleName)
		}
		rows = append(rows, []string{l.digits(itoa(i + 1)), what, strings.Join(who, "\n"), d.deadline(a.DueDate)})
	}
	d.Table(cols, rows, d.strong, d.body, 0)
}

// signatures closes the minutes with room for the chair and the secretary
// to sign, their names printed under the line.
func (d *doc) signatures() {
	var sign [][2]string
	for _, role := range []string{"chair", "secretary"} {
		name := ""
		for _, a := range d.m.Attendance {
			if a.MeetingRole == role && a.Present {
				name, _ = d.attendee(a)
				break
			}
		}
		sign = append(sign, [2]string{d.l.t("minutes.sign", map[string]any{"Role": d.l.opt("meeting_role", role)}), name})
	}
	d.Gap(18)
	d.Need(80)
	half := d.Width() / 2
	top := d.Y
	for i, s := range sign {
		x := d.Left + float64(i)*half
		if d.RTL {
			x = d.Right - float64(i+1)*half
		}
		h := d.Place(d.Lines(d.strong, s[0], half-20), x+10, half-20, top, pdf.AlignCenter)
		d.Place(d.Lines(d.body, s[1], half-20), x+10, half-20, top+h+2, pdf.AlignCenter)
	}
	d.Y = top + 80
}

// when returns the meeting's date (weekday, day, month, year) and its time
// range, in Tehran time.
func (d *doc) when() (date, clock string) {
	start, err := data.ParseTime(d.m.Meeting.StartsAt)
	if err != nil {
		return "", ""
	}
	start = start.In(jalali.Tehran())
	jd := jalali.FromTime(start)
	if d.l.lang == "fa" {
		date = jalali.FormatLong(jd)
	} else {
		date = jalali.FormatLongEnglish(jd)
	}
	clock = d.l.digits(start.Format("15:04"))
	if end, err := data.ParseTime(d.m.Meeting.EndsAt); err == nil && end.After(start) {
		clock = d.l.t("minutes.time_range", map[string]any{"From": clock,
			"To": d.l.digits(end.In(jalali.Tehran()).Format("15:04"))})
	}
	return date, clock
}

// shortDate is the meeting's date as ۱۴۰۴/۰۷/۰۹.
func (d *doc) shortDate() string {
	t, err := data.ParseTime(d.m.Meeting.StartsAt)
	if err != nil {
		return ""
	}
	return d.l.digits(jalali.FormatShortLatin(jalali.FromTime(t.In(jalali.Tehran()))))
}

// deadline formats a Gregorian YYYY-MM-DD deadline as a Jalali date.
func (d *doc) deadline(due string) string {
	t, err := time.Parse("2006-01-02", due)
	if err != nil {
		return due
	}
	jd, err := jalali.FromGregorian(t.Year(), int(t.Month()), t.Day())
	if err != nil {
		return due
	}
	return d.l.digits(jalali.FormatShortLatin(jd))
}

func (d *doc) personName(id *string) string {
	if id == nil {
		return ""
	}
	return d.m.People[*id].Name
}

func (d *doc) department(id *string) string {
	if id == nil {
		return ""
	}
	dep, ok := d.m.Departments[*id]
	if !ok {
		return ""
	}
	if d.l.lang == "en" && dep.NameEn != "" {
		return dep.NameEn
	}
	return dep.NameFa
}

func (d *doc) agendaTexts() []string {
	var out []string
	for _, a := range d.m.Agenda {
		out = append(out, a.Text)
	}
	return out
}

func (d *doc) decisionTexts() []string {
	var out []string
	for _, x := range d.m.Decisions {
		out = append(out, x.Text)
	}
	return out
}

// shortID is the first part of a record id, enough to find the meeting.
func shortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// comma separates items of a list in the document's language.
func (l *labels) comma() string {
	if l.lang == "fa" {
		return "، "
	}
	return ", "
}
