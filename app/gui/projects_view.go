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

// The projects list's columns: title, neighbourhood, department, status,
// progress.
var (
	projectCols     = &columns{widths: []float32{320, 120, 140, 110, 70}, flex: 0}
	projectUserText = map[int]bool{0: true}
	// The status filter: under way (planned or in progress, the default),
	// then each status.
	projectStatusFilters = append([]string{"active"}, data.ProjectStatuses...)
)

// projectsPage lists the priority projects by neighbourhood, department
// and status, the most recently updated first.
type projectsPage struct {
	sh     *shell
	scope  *scopeChoice
	dept   *choice
	status *choice
	count  *rtl.Label
	list   *enterList
	rows   *pager[data.ProjectRow]
	export *exporter
}

func newProjectsPage(sh *shell) *projectsPage {
	p := &projectsPage{sh: sh, count: rtl.NewLabel(i18n.T("list.loading"))}
	p.scope = newScopeChoice(sh)
	ids, names := sh.departmentChoices()
	p.dept = refFilter(ids, names, i18n.T("filter.department"))
	p.status = filterChoice("project_filter.", projectStatusFilters, i18n.T("action_filter.all"))
	p.status.set("active")
	for _, c := range []*choice{p.scope.choice, p.dept, p.status} {
		c.OnChanged = func(string) { p.reload() }
	}
	p.list = newEnterList(func() int { return p.rows.length() }, func() fyne.CanvasObject { return newRow(projectCols, projectUserText) }, p.updateRow)
	p.rows = &pager[data.ProjectRow]{sh: sh, list: p.list}
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if x, ok := p.rows.at(id); ok {
			sh.open(newProjectPage(sh, x.ID))
		}
	}
	p.reload()
	return p
}

func (p *projectsPage) title() string   { return i18n.T("nav.projects") }
func (p *projectsPage) section() string { return "projects" }
func (p *projectsPage) refresh()        { p.reload() }

func (p *projectsPage) content() fyne.CanvasObject {
	p.export = newExporter(p.sh, tabular.Projects, func() (tabular.Options, bool) {
		f := p.filter()
		return tabular.Options{Projects: &f}, true
	})
	filters := rtl.Border(nil, nil, nil, p.export.button, rtl.Row(p.scope.Select, p.dept.Select, p.status.Select))
	header := boldHeader(projectCols, i18n.T("col.title"), i18n.T("col.neighbourhood"), i18n.T("concern.department"),
		i18n.T("concern.status"), i18n.T("project.progress"))
	top := container.NewVBox(filters, p.count, header, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.list))
}

// filter is the list's filter as the store takes it.
func (p *projectsPage) filter() data.ProjectFilter {
	return data.ProjectFilter{District: p.sh.profile.District, Neighbourhoods: p.scope.neighbourhoods(), DepartmentID: p.dept.value(), Status: p.status.value()}
}

func (p *projectsPage) reload() {
	f := p.filter()
	filtered := len(f.Neighbourhoods) > 0 || f.DepartmentID != "" || f.Status != ""
	fetch := func(ctx context.Context, after string) ([]data.ProjectRow, string, error) {
		return p.sh.store.ListProjectRows(ctx, f, data.Page{Limit: pageSize, After: after})
	}
	count := func(ctx context.Context) (int, error) { return p.sh.store.CountProjectRows(ctx, f) }
	p.rows.start(fetch, count, func(total int, err error) {
		if err != nil {
			p.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
			return
		}
		p.count.SetText(countText(total, filtered, "projects"))
	})
}

func (p *projectsPage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	x, ok := p.rows.at(id)
	if !ok {
		return
	}
	p.rows.near(id)
	setRow(o, x.Title, x.NeighbourhoodName, p.sh.departmentName(deref(x.DepartmentID)),
		i18n.T("project_status."+x.Status), percentText(x.Progress))
}
