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

// The action items list's columns: deadline, title, neighbourhood,
// department, responsible, status.
var (
	actionCols     = &columns{widths: []float32{92, 260, 105, 115, 140, 190}, flex: 1}
	actionUserText = map[int]bool{1: true, 4: true}
	// actionStatusFilters are the status filter's values after "every
	// status": what is still to do (the default), overdue, then each status.
	actionStatusFilters = append([]string{"active", "overdue"}, data.ActionStatuses...)
)

// actionsPage is the list an officer works through: action items by
// deadline (overdue ones marked), filtered by status, department,
// responsible and neighbourhood, a page at a time.
type actionsPage struct {
	sh     *shell
	status *choice
	dept   *choice
	resp   *choice
	scope  *scopeChoice
	count  *rtl.Label
	list   *enterList
	rows   *pager[data.ActionRow]
	people []data.Responsible // the responsible filter's options, after "anyone"
	export *exporter
}

// newActionsPage opens the list with a status filter ("active", "overdue", …).
func newActionsPage(sh *shell, status string) *actionsPage {
	p := &actionsPage{sh: sh, count: rtl.NewLabel(i18n.T("list.loading"))}
	p.status = filterChoice("action_filter.", actionStatusFilters, i18n.T("action_filter.all"))
	p.status.set(status)
	ids, names := sh.departmentChoices()
	p.dept = refFilter(ids, names, i18n.T("filter.department"))
	p.resp = refFilter(nil, nil, i18n.T("filter.responsible"))
	p.scope = newScopeChoice(sh)
	for _, c := range []*choice{p.status, p.dept, p.resp, p.scope.choice} {
		c.OnChanged = func(string) { p.reload() }
	}
	p.list = newEnterList(p.rows0, func() fyne.CanvasObject { return newRow(actionCols, actionUserText) }, p.updateRow)
	p.rows = &pager[data.ActionRow]{sh: sh, list: p.list}
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if a, ok := p.rows.at(id); ok {
			sh.open(newActionPage(sh, a.ID))
		}
	}
	p.loadResponsibles()
	p.reload()
	return p
}

func (p *actionsPage) title() string   { return i18n.T("nav.actions") }
func (p *actionsPage) section() string { return "actions" }
func (p *actionsPage) refresh()        { p.reload() }
func (p *actionsPage) rows0() int      { return p.rows.length() }

func (p *actionsPage) content() fyne.CanvasObject {
	p.export = newExporter(p.sh, tabular.Actions, func() (tabular.Options, bool) {
		f := p.filter()
		return tabular.Options{Actions: &f}, true
	})
	filters := rtl.Border(nil, nil, nil, p.export.button, rtl.Row(p.status.Select, p.dept.Select, p.resp.Select, p.scope.Select))
	header := boldHeader(actionCols, i18n.T("action.due"), i18n.T("col.title"), i18n.T("col.neighbourhood"),
		i18n.T("concern.department"), i18n.T("action.responsible_short"), i18n.T("action.status"))
	top := container.NewVBox(filters, p.count, header, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.list))
}

// loadResponsibles fills the responsible filter with who the district's
// action items are given to.
func (p *actionsPage) loadResponsibles() {
	district := p.sh.profile.District
	p.sh.background(func() {
		people, err := p.sh.store.Responsibles(context.Background(), district)
		if err != nil {
			return // the filter stays at "anyone"; the list still works
		}
		onUI(func() {
			p.people = people
			opts := []string{i18n.T("filter.responsible")}
			for _, r := range people {
				opts = append(opts, r.Name)
			}
			p.resp.values = make([]string, len(opts)) // positions only: the filter reads p.people
			p.resp.Options = opts
			p.resp.Refresh()
		})
	})
}

// filter is the list's filter as the store takes it.
func (p *actionsPage) filter() data.ActionFilter {
	f := data.ActionFilter{District: p.sh.profile.District, Status: p.status.value(), DepartmentID: p.dept.value(),
		Neighbourhoods: p.scope.neighbourhoods()}
	if i := p.resp.SelectedIndex() - 1; i >= 0 && i < len(p.people) {
		if r := p.people[i]; r.ID != "" {
			f.ResponsibleID = r.ID
		} else {
			f.ResponsibleName = r.Name
		}
	}
	return f
}

// reload starts the list again from its first page, with the true count.
func (p *actionsPage) reload() {
	f, today := p.filter(), p.sh.today()
	filtered := f.Status != "" || f.DepartmentID != "" || f.ResponsibleID != "" || f.ResponsibleName != "" || len(f.Neighbourhoods) > 0
	fetch := func(ctx context.Context, after string) ([]data.ActionRow, string, error) {
		return p.sh.store.ListActionRows(ctx, f, data.Page{Limit: pageSize, After: after}, today)
	}
	count := func(ctx context.Context) (int, error) { return p.sh.store.CountActionRows(ctx, f, today) }
	p.rows.start(fetch, count, func(total int, err error) {
		if err != nil {
			p.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
			return
		}
		p.count.SetText(countText(total, filtered, "actions"))
	})
}

func (p *actionsPage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	a, ok := p.rows.at(id)
	if !ok {
		return
	}
	p.rows.near(id)
	setRow(o, dueText(a.DueDate), a.Title, a.NeighbourhoodName, p.sh.departmentName(deref(a.DepartmentID)),
		a.Responsible, actionStatusText(a))
	cells := o.(*fyne.Container).Objects
	for _, i := range []int{0, 5} {
		l := cells[i].(*rtl.Label)
		if a.Overdue {
			l.Color = errorColor
		} else {
			l.Color = nil
		}
		l.Refresh()
	}
}
