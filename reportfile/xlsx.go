package reportfile

import (
	"io"

	"mahalleh/data/report"
	"mahalleh/data/tabular"
)

// WriteXLSX writes d as a workbook: a summary sheet, then the meetings by
// kind, the months, the departments, the projects and (over several
// districts) the districts, one sheet each, through data/tabular's writer.
func WriteXLSX(w io.Writer, d Doc) error {
	return tabular.WriteXLSX(w, d.words().lang, Tables(d)...)
}

// Tables are d's sheets, their cells as data/tabular writes them: figures
// as numbers, names the program made as labels, what people typed (project
// titles, neighbourhood names) as text, neutralised against formulas.
func Tables(d Doc) []*tabular.Table {
	w, r := d.words(), d.Report
	ts := []*tabular.Table{summary(d, w, r), kinds(w, r), months(w, r), departments(w, r), projects(w, r)}
	if len(r.Districts) > 0 {
		ts = append(ts, districts(w, r))
	}
	return ts
}

// table makes a sheet with the headers of keys (report.file.col.*).
func table(w words, sheet string, cols ...tabular.Column) *tabular.Table {
	t := &tabular.Table{Sheet: w.t("report.file.sheet." + sheet), Columns: cols}
	for _, c := range cols {
		t.Header = append(t.Header, w.t(c.Key))
	}
	return t
}

func col(key string, k tabular.Kind) tabular.Column {
	return tabular.Column{Key: "report.file.col." + key, Kind: k}
}

func summary(d Doc, w words, r *report.Report) *tabular.Table {
	t := table(w, "summary", col("item", tabular.Label), col("value", tabular.Label))
	add := func(key string, v any) { t.Rows = append(t.Rows, []any{w.t(key), v}) }
	add("report.file.title", w.period(r.Period))
	add("report.file.col.district", d.scope(w))
	add("report.file.col.meetings", r.Meetings)
	add("report.file.col.concerns", concernsTotal(r))
	for _, s := range r.ConcernStatuses() {
		add2 := w.t("report.file.col.concerns_status", "S", w.value("concern_status", s))
		t.Rows = append(t.Rows, []any{add2, r.Concerns[s]})
	}
	add("report.file.col.actions_opened", r.Total.ActionsOpened)
	add("report.file.col.actions_done", r.Total.ActionsDone)
	add("report.file.col.actions_overdue", r.Total.ActionsOverdue)
	add("report.file.col.actions_open", r.Total.ActionsOpen)
	add("report.file.col.actions_cancelled", r.Total.ActionsCancelled)
	if r.Total.ActionsDone > 0 {
		add("report.file.col.median", r.Total.MedianDays)
	}
	add("report.file.projects", len(r.Projects))
	if len(r.Projects) > 0 {
		add("report.file.progress_avg", progressAverage(r))
	}
	add("report.file.made", w.date(d.made()))
	return t
}

func kinds(w words, r *report.Report) *tabular.Table {
	t := table(w, "kinds", col("kind", tabular.Label), col("meetings", tabular.Number))
	for _, k := range r.Kinds {
		t.Rows = append(t.Rows, []any{w.value("kind", k.Kind), k.Meetings})
	}
	return t
}

func months(w words, r *report.Report) *tabular.Table {
	t := table(w, "months", col("month", tabular.Label), col("meetings", tabular.Number),
		col("concerns", tabular.Number), col("actions_opened", tabular.Number))
	for _, m := range r.Months {
		t.Rows = append(t.Rows, []any{w.month(m), m.Meetings, m.Concerns, m.ActionsOpened})
	}
	return t
}

// actionCols are the columns of an Actions, after what comes before them.
func actionCols() []tabular.Column {
	return []tabular.Column{col("actions_opened", tabular.Number), col("actions_done", tabular.Number),
		col("actions_overdue", tabular.Number), col("actions_open", tabular.Number),
		col("actions_cancelled", tabular.Number), col("median", tabular.Number)}
}

func actionCells(a report.Actions) []any {
	var median any = ""
	if a.ActionsDone > 0 {
		median = a.MedianDays
	}
	return []any{a.ActionsOpened, a.ActionsDone, a.ActionsOverdue, a.ActionsOpen, a.ActionsCancelled, median}
}

func departments(w words, r *report.Report) *tabular.Table {
	cols := []tabular.Column{col("department", tabular.Label)}
	statuses := r.ConcernStatuses()
	for range statuses {
		cols = append(cols, col("concerns_status", tabular.Number))
	}
	t := table(w, "departments", append(cols, actionCols()...)...)
	for i, s := range statuses {
		t.Header[1+i] = w.t("report.file.col.concerns_status", "S", w.value("concern_status", s))
	}
	for _, d := range r.Departments {
		row := []any{w.dept(d.NameFa, d.NameEn)}
		for _, s := range statuses {
			row = append(row, d.Concerns[s])
		}
		t.Rows = append(t.Rows, append(row, actionCells(d.Actions)...))
	}
	return t
}

func projects(w words, r *report.Report) *tabular.Table {
	cols := []tabular.Column{col("project", tabular.Text), col("neighbourhood", tabular.Text),
		col("department", tabular.Label), col("status", tabular.Label), col("progress", tabular.Number)}
	if len(r.Districts) > 0 {
		cols = append([]tabular.Column{col("district", tabular.Label)}, cols...)
	}
	t := table(w, "projects", cols...)
	for _, p := range r.Projects {
		row := []any{p.Title, p.Neighbourhood, w.dept(p.DepartmentFa, p.DepartmentEn), w.value("project_status", p.Status), p.Progress}
		if len(r.Districts) > 0 {
			row = append([]any{w.district(p.District, "", "")}, row...)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func districts(w words, r *report.Report) *tabular.Table {
	cols := []tabular.Column{col("district", tabular.Label), col("meetings", tabular.Number),
		col("concerns", tabular.Number), col("concerns_open", tabular.Number)}
	t := table(w, "districts", append(cols, actionCols()...)...)
	for _, d := range r.Districts {
		row := []any{w.district(d.ID, d.NameFa, d.NameEn), d.Meetings, d.Concerns, d.ConcernsOpen}
		t.Rows = append(t.Rows, append(row, actionCells(d.Actions)...))
	}
	return t
}
