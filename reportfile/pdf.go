package reportfile

import (
	"io"

	"mahalleh/app/bidi"
	"mahalleh/data/report"
	"mahalleh/pdf"
)

// Page geometry in points, as the minutes: 15 mm side margins.
const (
	marginSide   = 42.5
	marginTop    = 40
	marginBottom = 62
)

// sheet is the PDF of one report being laid out.
type sheet struct {
	*pdf.Flow
	d                               Doc
	r                               *report.Report
	w                               words
	body, small, tiny, strong, head pdf.Style
	title                           pdf.Style
}

// WritePDF writes d as an A4 PDF: the header, the key figures, a bar chart
// by department and the trend by month, then the tables (meetings by kind,
// concerns and action items by department, districts, projects).
func WritePDF(w io.Writer, d Doc) error {
	s, err := newSheet(d)
	if err != nil {
		return err
	}
	s.build()
	s.decorate()
	_, err = s.Doc.WriteTo(w)
	return err
}

func newSheet(d Doc) (*sheet, error) {
	reg, bold, err := pdf.Vazirmatn()
	if err != nil {
		return nil, err
	}
	w := d.words()
	doc := pdf.New(pdf.A4Width, pdf.A4Height)
	doc.RTL = w.fa()
	doc.Title = w.t("report.file.title") + " — " + w.period(d.Report.Period)
	doc.AddFont(reg)
	doc.AddFont(bold)
	f := &pdf.Flow{Doc: doc, RTL: w.fa(), Dir: bidi.Auto, Left: marginSide, Right: pdf.A4Width - marginSide,
		Top: marginTop, Bottom: pdf.A4Height - marginBottom}
	if w.fa() {
		f.Dir = bidi.RTL
	}
	f.NewPage()
	return &sheet{Flow: f, d: d, r: d.Report, w: w,
		body: pdf.Style{Font: reg, Size: 10}, small: pdf.Style{Font: reg, Size: 8.5}, tiny: pdf.Style{Font: reg, Size: 7},
		strong: pdf.Style{Font: bold, Size: 9.5}, head: pdf.Style{Font: bold, Size: 12}, title: pdf.Style{Font: bold, Size: 18}}, nil
}

func (s *sheet) build() {
	s.letterhead()
	s.keyFigures()
	s.departmentChart()
	s.trendChart()
	s.kindsTable()
	s.departmentTables()
	s.districtsTable()
	s.projectsTable()
	s.Gap(10)
	s.Text(s.small, s.w.t("report.file.overdue_note", "D", s.w.date(s.r.Today)), pdf.AlignStart, 0)
}

// letterhead: the municipality, the document's name, the period and scope.
func (s *sheet) letterhead() {
	w := s.w
	s.Text(s.strong, w.t("minutes.municipality"), pdf.AlignStart, 0)
	s.Y += 2
	s.Text(s.title, w.t("report.file.title"), pdf.AlignCenter, 0)
	s.Y += 2
	s.Text(s.head, w.period(s.r.Period)+" — "+s.d.scope(w), pdf.AlignCenter, 0)
	s.Text(s.small, w.t("report.file.made", "D", w.date(s.d.made())), pdf.AlignCenter, 0)
	s.Y += 6
	s.Page.Rule(s.Left, s.Y, s.Right, s.Y, 1.2, 0)
	s.Y += 8
}

// heading starts a section: a shaded bar with its name, kept with at least
// the first lines of what follows.
func (s *sheet) heading(text string, keep float64) {
	s.Gap(10)
	h := pdf.Leading(s.head) + 6
	s.Need(h + keep)
	s.Page.Fill(s.Left, s.Y, s.Width(), h, 0.88)
	s.Place(s.Lines(s.head, text, s.Width()-16), s.Left+8, s.Width()-16, s.Y+3, pdf.AlignStart)
	s.Y += h + 5
}

// keyFigures is the box of the period's main figures, two to a row.
func (s *sheet) keyFigures() {
	w, r := s.w, s.r
	items := [][2]string{
		{w.t("report.file.col.meetings"), w.num(r.Meetings)},
		{w.t("report.file.col.concerns"), w.num(concernsTotal(r))},
		{w.t("report.file.col.actions_opened"), w.num(r.Total.ActionsOpened)},
		{w.t("report.file.col.actions_done"), w.num(r.Total.ActionsDone)},
		{w.t("report.file.col.actions_overdue"), w.num(r.Total.ActionsOverdue)},
		{w.t("report.file.col.median"), s.median(r.Total)},
		{w.t("report.file.projects"), w.num(len(r.Projects))},
		{w.t("report.file.progress_avg"), w.num(progressAverage(r))},
	}
	cols := []pdf.Column{{Weight: 3}, {Width: 60, Align: pdf.AlignCenter}, {Weight: 3}, {Width: 60, Align: pdf.AlignCenter}}
	for i := 0; i < len(items); i += 2 {
		s.Row(cols, []string{items[i][0], items[i][1], items[i+1][0], items[i+1][1]}, s.body, 0, false)
	}
}

// median is the median days to close, or a dash with nothing done.
func (s *sheet) median(a report.Actions) string {
	if a.ActionsDone == 0 {
		return "—"
	}
	return s.w.dec(a.MedianDays)
}

func (s *sheet) none() { s.Text(s.body, s.w.t("report.file.none"), pdf.AlignStart, 8) }

func (s *sheet) kindsTable() {
	w := s.w
	s.heading(w.t("report.file.sheet.kinds"), 40)
	if len(s.r.Kinds) == 0 {
		s.none()
		return
	}
	var rows [][]string
	for _, k := range s.r.Kinds {
		rows = append(rows, []string{w.value("kind", k.Kind), w.num(k.Meetings)})
	}
	s.Table([]pdf.Column{{Title: w.t("report.file.col.kind"), Weight: 3}, {Title: w.t("report.file.col.meetings"), Weight: 1, Align: pdf.AlignCenter}},
		rows, s.strong, s.body, 0)
}

// departmentTables are the concerns by status and the action items of
// each department, two tables (eleven columns would not fit A4 readably).
func (s *sheet) departmentTables() {
	w, r := s.w, s.r
	// Keep the heading with the whole first table when it fits half a page.
	s.heading(w.t("report.file.sheet.departments"), min(40+22*float64(len(r.Departments)), (s.Bottom-s.Top)/2))
	if len(r.Departments) == 0 {
		s.none()
		return
	}
	statuses := r.ConcernStatuses()
	cols := []pdf.Column{{Title: w.t("report.file.col.department"), Weight: 1}}
	for _, st := range statuses {
		cols = append(cols, pdf.Column{Title: w.t("report.file.col.concerns_status", "S", w.value("concern_status", st)), Width: 62, Align: pdf.AlignCenter})
	}
	cols = append(cols, pdf.Column{Title: w.t("report.file.col.concerns"), Width: 62, Align: pdf.AlignCenter})
	var rows [][]string
	for _, d := range r.Departments {
		row := []string{w.dept(d.NameFa, d.NameEn)}
		for _, st := range statuses {
			row = append(row, w.num(d.Concerns[st]))
		}
		rows = append(rows, append(row, w.num(d.ConcernsOpen+d.ConcernsClosed)))
	}
	s.Table(cols, rows, s.strong, s.body, 0)
	s.Gap(8)
	acols := []pdf.Column{{Title: w.t("report.file.col.department"), Weight: 1}}
	for _, k := range []string{"actions_opened", "actions_done", "actions_overdue", "actions_open", "actions_cancelled", "median"} {
		acols = append(acols, pdf.Column{Title: w.t("report.file.col." + k), Width: 54, Align: pdf.AlignCenter})
	}
	rows = nil
	for _, d := range r.Departments {
		rows = append(rows, append([]string{w.dept(d.NameFa, d.NameEn)}, s.actionCells(d.Actions)...))
	}
	s.Table(acols, rows, s.strong, s.body, 0)
}

func (s *sheet) actionCells(a report.Actions) []string {
	w := s.w
	return []string{w.num(a.ActionsOpened), w.num(a.ActionsDone), w.num(a.ActionsOverdue), w.num(a.ActionsOpen), w.num(a.ActionsCancelled), s.median(a)}
}

func (s *sheet) districtsTable() {
	w, r := s.w, s.r
	if len(r.Districts) == 0 {
		return
	}
	s.heading(w.t("report.file.sheet.districts"), 60)
	cols := []pdf.Column{{Title: w.t("report.file.col.district"), Weight: 1}}
	for _, k := range []string{"meetings", "concerns", "concerns_open", "actions_opened", "actions_done", "actions_overdue", "median"} {
		cols = append(cols, pdf.Column{Title: w.t("report.file.col." + k), Width: 52, Align: pdf.AlignCenter})
	}
	var rows [][]string
	for _, d := range r.Districts {
		rows = append(rows, []string{w.district(d.ID, d.NameFa, d.NameEn), w.num(d.Meetings), w.num(d.Concerns), w.num(d.ConcernsOpen),
			w.num(d.ActionsOpened), w.num(d.ActionsDone), w.num(d.ActionsOverdue), s.median(d.Actions)})
	}
	s.Table(cols, rows, s.strong, s.body, 0)
}

func (s *sheet) projectsTable() {
	w, r := s.w, s.r
	s.heading(w.t("report.file.sheet.projects"), 40)
	if len(r.Projects) == 0 {
		s.none()
		return
	}
	cols := []pdf.Column{{Title: w.t("report.file.col.project"), Weight: 3}, {Title: w.t("report.file.col.neighbourhood"), Weight: 1.4},
		{Title: w.t("report.file.col.department"), Weight: 1.4}, {Title: w.t("report.file.col.status"), Width: 62, Align: pdf.AlignCenter},
		{Title: w.t("report.file.col.progress"), Width: 62, Align: pdf.AlignCenter}}
	if len(r.Districts) > 0 {
		cols = append([]pdf.Column{{Title: w.t("report.file.col.district"), Width: 52, Align: pdf.AlignCenter}}, cols...)
	}
	var rows [][]string
	for _, p := range r.Projects {
		row := []string{p.Title, p.Neighbourhood, w.dept(p.DepartmentFa, p.DepartmentEn), w.value("project_status", p.Status), w.num(p.Progress)}
		if len(r.Districts) > 0 {
			row = append([]string{w.num(p.District)}, row...)
		}
		rows = append(rows, row)
	}
	s.Table(cols, rows, s.strong, s.body, 0)
}

// decorate draws the frame and "page n of N" on every page.
func (s *sheet) decorate() {
	n := s.Doc.Pages()
	for i := 0; i < n; i++ {
		p := s.Doc.Page(i)
		p.Box(marginSide-12, marginTop-14, pdf.A4Width-2*marginSide+24, pdf.A4Height-marginTop-marginBottom+34, 0.8, 0.3)
		label := s.w.t("report.file.page", "N", s.w.num(i+1), "Of", s.w.num(n))
		y := pdf.A4Height - marginBottom + 36
		for _, ln := range s.small.Lines(label, 0, s.Dir) {
			p.Text(ln, (pdf.A4Width-ln.Width)/2, y)
		}
		stamp := s.w.t("report.file.title") + " " + s.w.period(s.r.Period)
		for _, ln := range s.small.Lines(stamp, 0, s.Dir) {
			x := marginSide
			if s.RTL {
				x = pdf.A4Width - marginSide - ln.Width
			}
			p.Text(ln, x, y)
		}
	}
}
