package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/tabular"
)

// The concerns list's columns: raised on, title, neighbourhood,
// department, priority, status.
var (
	concernCols     = &columns{widths: []float32{92, 300, 110, 130, 70, 110}, flex: 1}
	concernUserText = map[int]bool{1: true}
	// The status filter: still open (the default), then each status.
	concernStatusFilters = append([]string{"active"}, data.ConcernStatuses...)
)

// concernsPage lists residents' concerns, newest first, by neighbourhood,
// department, status and priority.
type concernsPage struct {
	sh       *shell
	scope    *scopeChoice
	dept     *choice
	status   *choice
	priority *choice
	count    *rtl.Label
	list     *enterList
	rows     *pager[data.ConcernRow]
	export   *exporter
}

// newConcernsPage opens the open concerns, of one department when dept is
// not "" (Home's "open concerns by department").
func newConcernsPage(sh *shell, dept string) *concernsPage {
	p := &concernsPage{sh: sh, count: rtl.NewLabel(i18n.T("list.loading"))}
	p.scope = newScopeChoice(sh)
	ids, names := sh.departmentChoices()
	p.dept = refFilter(ids, names, i18n.T("filter.department"))
	p.dept.set(dept)
	p.status = filterChoice("concern_filter.", concernStatusFilters, i18n.T("action_filter.all"))
	p.status.set("active")
	p.priority = filterChoice("priority.", data.Priorities, i18n.T("filter.priority"))
	for _, c := range []*choice{p.scope.choice, p.dept, p.status, p.priority} {
		c.OnChanged = func(string) { p.reload() }
	}
	p.list = newEnterList(func() int { return p.rows.length() }, func() fyne.CanvasObject { return newRow(concernCols, concernUserText) }, p.updateRow)
	p.rows = &pager[data.ConcernRow]{sh: sh, list: p.list}
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if c, ok := p.rows.at(id); ok {
			sh.open(newConcernPage(sh, c.ID))
		}
	}
	p.reload()
	return p
}

func (p *concernsPage) title() string   { return i18n.T("nav.concerns") }
func (p *concernsPage) section() string { return "concerns" }
func (p *concernsPage) refresh()        { p.reload() }

func (p *concernsPage) content() fyne.CanvasObject {
	p.export = newExporter(p.sh, tabular.Concerns, func() (tabular.Options, bool) {
		f := p.filter()
		return tabular.Options{Concerns: &f}, true
	})
	filters := rtl.Border(nil, nil, nil, p.export.button, rtl.Row(p.scope.Select, p.dept.Select, p.status.Select, p.priority.Select))
	header := boldHeader(concernCols, i18n.T("col.date"), i18n.T("col.title"), i18n.T("col.neighbourhood"),
		i18n.T("concern.department"), i18n.T("concern.priority"), i18n.T("concern.status"))
	top := container.NewVBox(filters, p.count, header, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.list))
}

// filter is the list's filter as the store takes it.
func (p *concernsPage) filter() data.ConcernFilter {
	return data.ConcernFilter{District: p.sh.profile.District, Neighbourhoods: p.scope.neighbourhoods(), DepartmentID: p.dept.value(),
		Status: p.status.value(), Priority: p.priority.value()}
}

func (p *concernsPage) reload() {
	f := p.filter()
	filtered := len(f.Neighbourhoods) > 0 || f.DepartmentID != "" || f.Status != "" || f.Priority != ""
	fetch := func(ctx context.Context, after string) ([]data.ConcernRow, string, error) {
		return p.sh.store.ListConcernRows(ctx, f, data.Page{Limit: pageSize, After: after})
	}
	count := func(ctx context.Context) (int, error) { return p.sh.store.CountConcernRows(ctx, f) }
	p.rows.start(fetch, count, func(total int, err error) {
		if err != nil {
			p.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
			return
		}
		p.count.SetText(countText(total, filtered, "concerns"))
	})
}

func (p *concernsPage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	c, ok := p.rows.at(id)
	if !ok {
		return
	}
	p.rows.near(id)
	setRow(o, formatDate(c.CreatedAt), c.Title, c.NeighbourhoodName, p.sh.departmentName(deref(c.DepartmentID)),
		i18n.T("priority."+c.Priority), i18n.T("concern_status."+c.Status))
	l := o.(*fyne.Container).Objects[4].(*rtl.Label)
	if c.Priority == "urgent" || c.Priority == "high" {
		l.Color = errorColor
	} else {
		l.Color = nil
	}
	l.Refresh()
}
