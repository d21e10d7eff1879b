package reportfile

import (
	"mahalleh/data/jalali"
	"mahalleh/pdf"
)

// rgb is a bar colour, as on the reports screen: orange for what is open,
// green for what is closed or done, red for overdue, blue for meetings.
type rgb struct{ r, g, b float64 }

var (
	colOpen    = rgb{0.90, 0.54, 0.00}
	colClosed  = rgb{0.18, 0.55, 0.34}
	colOverdue = rgb{0.75, 0.22, 0.17}
	colMeeting = rgb{0.17, 0.42, 0.69}
	colActions = rgb{0.47, 0.33, 0.64} // the trend's third series: action items opened
)

func (s *sheet) fill(x, y, w, h float64, c rgb) { s.Page.FillRGB(x, y, w, h, c.r, c.g, c.b) }

// segment is one coloured part of a bar.
type segment struct {
	n int
	c rgb
}

// span is a box along the reading direction: at is the distance from the
// start edge of [x0, x0+w), so bars grow from the right in Persian.
func (s *sheet) span(x0, w, at, length float64) float64 {
	if s.RTL {
		return x0 + w - at - length
	}
	return x0 + at
}

// legend draws coloured squares with their names on one line.
func (s *sheet) legend(items []segment, names []string) {
	at := 0.0
	for i, it := range items {
		line := s.Lines(s.small, names[i], 200)[0]
		s.fill(s.span(s.Left, s.Width(), at, 9), s.Y+2, 9, 9, it.c)
		at += 13
		s.Place([]pdf.Line{line}, s.span(s.Left, s.Width(), at, line.Width), line.Width, s.Y, pdf.AlignStart)
		at += line.Width + 16
	}
	s.Y += pdf.Leading(s.small) + 4
}

// departmentChart draws, for each department, a bar of its concerns (open,
// closed) and one of its action items (overdue, open, done), each as long
// as its share of the largest, with its total after it.
func (s *sheet) departmentChart() {
	w, r := s.w, s.r
	s.heading(w.t("report.file.chart.departments"), 80)
	if len(r.Departments) == 0 {
		s.none()
		return
	}
	s.legend([]segment{{c: colOverdue}, {c: colOpen}, {c: colClosed}},
		[]string{w.t("report.file.legend.overdue"), w.t("report.file.legend.open"), w.t("report.file.legend.closed")})
	const nameW, seriesW, figureW, barH, rowGap = 120.0, 62.0, 34.0, 9.0, 8.0
	barW := s.Width() - nameW - seriesW - figureW
	most := 1
	for _, d := range r.Departments {
		most = max(most, d.ConcernsOpen+d.ConcernsClosed, d.ActionsOverdue+d.ActionsOpen+d.ActionsDone)
	}
	for _, d := range r.Departments {
		rowH := 2*barH + 3 + rowGap
		s.Need(rowH)
		top := s.Y
		name := s.Lines(s.strong, w.dept(d.NameFa, d.NameEn), nameW-6)
		s.Place(name[:1], s.span(s.Left, s.Width(), 0, nameW), nameW-6, top+1, pdf.AlignStart)
		series := []struct {
			label string
			segs  []segment
		}{
			{w.t("report.concerns"), []segment{{d.ConcernsOpen, colOpen}, {d.ConcernsClosed, colClosed}}},
			{w.t("nav.actions"), []segment{{d.ActionsOverdue, colOverdue}, {d.ActionsOpen, colOpen}, {d.ActionsDone, colClosed}}},
		}
		for i, se := range series {
			y := top + float64(i)*(barH+3)
			label := s.Lines(s.tiny, se.label, seriesW-4)[:1]
			s.Place(label, s.span(s.Left, s.Width(), nameW, seriesW), seriesW-4, y, pdf.AlignStart)
			at, total := nameW+seriesW, 0
			for _, g := range se.segs {
				l := barW * float64(g.n) / float64(most)
				if g.n > 0 {
					s.fill(s.span(s.Left, s.Width(), at, l), y, l, barH, g.c)
				}
				at += l
				total += g.n
			}
			fig := s.Lines(s.tiny, w.num(total), figureW)[:1]
			s.Place(fig, s.span(s.Left, s.Width(), at+4, fig[0].Width), fig[0].Width, y, pdf.AlignStart)
		}
		s.Page.Rule(s.Left, top+rowH-rowGap/2, s.Right, top+rowH-rowGap/2, 0.3, 0.8)
		s.Y = top + rowH
	}
}

// trendChart draws the months of the period as groups of three columns:
// meetings held, concerns raised and action items opened, each with its
// figure above it and the month's name below the group. A month's report
// has no trend to show (its figures are in the box above).
func (s *sheet) trendChart() {
	w, r := s.w, s.r
	if len(r.Months) < 2 {
		return
	}
	const chartH, labelH = 110.0, 16.0
	s.heading(w.t("report.file.chart.months"), chartH+labelH+30)
	s.legend([]segment{{c: colMeeting}, {c: colOpen}, {c: colActions}},
		[]string{w.t("report.file.col.meetings"), w.t("report.file.col.concerns"), w.t("report.file.col.actions_opened")})
	most := 1
	for _, m := range r.Months {
		most = max(most, m.Meetings, m.Concerns, m.ActionsOpened)
	}
	groupW := s.Width() / float64(max(len(r.Months), 3))
	barW := min((groupW-10)/3, 22)
	top := s.Y + pdf.Leading(s.tiny) + 2 // room for the figures above the tallest column
	base := top + chartH
	for i, m := range r.Months {
		g0 := float64(i)*groupW + (groupW-3*barW)/2
		for j, v := range []struct {
			n int
			c rgb
		}{{m.Meetings, colMeeting}, {m.Concerns, colOpen}, {m.ActionsOpened, colActions}} {
			h := chartH * float64(v.n) / float64(most)
			x := s.span(s.Left, s.Width(), g0+float64(j)*barW, barW)
			if v.n > 0 {
				s.fill(x+1, base-h, barW-2, h, v.c)
			}
			// The figure above its column when it is no wider: a year's
			// columns are too narrow for five digits, and the table after
			// the chart has every figure.
			if fig := s.Lines(s.tiny, w.num(v.n), 0)[0]; fig.Width <= barW+2 {
				s.Place([]pdf.Line{fig}, x+(barW-fig.Width)/2, fig.Width, base-h-pdf.Leading(s.tiny), pdf.AlignCenter)
			}
		}
		name := jalali.MonthNameEnglish(m.Month)
		if w.fa() {
			name = jalali.MonthName(m.Month)
		}
		lines := s.Lines(s.small, name, groupW)[:1]
		s.Place(lines, s.span(s.Left, s.Width(), float64(i)*groupW, groupW), groupW, base+3, pdf.AlignCenter)
	}
	s.Page.Rule(s.Left, base, s.Right, base, 0.6, 0.2)
	s.Y = base + labelH + 4
	s.monthsTable()
}

// monthsTable has the trend's figures, month by month.
func (s *sheet) monthsTable() {
	w := s.w
	cols := []pdf.Column{{Title: w.t("report.file.col.month"), Weight: 1}}
	for _, k := range []string{"meetings", "concerns", "actions_opened"} {
		cols = append(cols, pdf.Column{Title: w.t("report.file.col." + k), Width: 100, Align: pdf.AlignCenter})
	}
	var rows [][]string
	for _, m := range s.r.Months {
		rows = append(rows, []string{w.month(m), w.num(m.Meetings), w.num(m.Concerns), w.num(m.ActionsOpened)})
	}
	s.Gap(6)
	s.Table(cols, rows, s.strong, s.small, 0)
}
