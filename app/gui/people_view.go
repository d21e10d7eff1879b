package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/tabular"
)

var (
	peopleCols     = &columns{widths: []float32{240, 130, 140, 130, 200}, flex: 4}
	peopleUserText = map[int]bool{0: true, 2: true, 4: true}
)

// peoplePage is the register: everyone the office meets, in Persian
// alphabetical order, searchable, a page at a time.
type peoplePage struct {
	sh     *shell
	search *rtl.Entry
	role   *choice
	count  *rtl.Label
	list   *enterList
	rows   *pager[data.Person]
	typing *debouncer
	export *exporter
	imp    *peopleImport
}

func newPeoplePage(sh *shell) *peoplePage {
	p := &peoplePage{sh: sh, search: textEntry(), count: rtl.NewLabel(i18n.T("list.loading")), typing: &debouncer{sh: sh, delay: searchDelay}}
	p.search.PlaceHolder = i18n.T("people.search")
	p.search.OnChanged = func(string) { p.debounce() }
	p.role = newChoice("role.", data.PersonRoles, true)
	p.role.PlaceHolder = i18n.T("person.role")
	p.role.OnChanged = func(string) { p.reload() }
	p.list = newEnterList(p.length, func() fyne.CanvasObject { return newRow(peopleCols, peopleUserText) }, p.updateRow)
	p.rows = &pager[data.Person]{sh: sh, list: p.list}
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if x, ok := p.at(id); ok {
			sh.open(newPersonEditor(sh, x))
		}
	}
	p.reload()
	return p
}

func (p *peoplePage) title() string   { return i18n.T("nav.people") }
func (p *peoplePage) section() string { return "people" }
func (p *peoplePage) focusSearch()    { p.sh.win.Canvas().Focus(p.search) }
func (p *peoplePage) refresh()        { p.reload() }

func (p *peoplePage) content() fyne.CanvasObject {
	newBtn := widget.NewButtonWithIcon(i18n.T("person.new"), theme.ContentAddIcon(), func() {
		p.sh.open(newPersonEditor(p.sh, data.Person{Role: "resident"}))
	})
	header := newRow(peopleCols, nil)
	setRow(header, i18n.T("person.name"), i18n.T("person.role"), i18n.T("col.neighbourhood"), i18n.T("person.phone"), i18n.T("person.organisation"))
	for _, c := range header.Objects {
		c.(*rtl.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	p.export = newExporter(p.sh, tabular.People, func() (tabular.Options, bool) { return tabular.Options{Filter: p.filter()}, true })
	p.imp = newPeopleImport(p.sh, p.reload)
	buttons := rtl.HBox(container.NewGridWrap(fyne.NewSize(170, 36), p.role.Select), p.imp.button, p.export.button, newBtn)
	top := container.NewVBox(rtl.Border(nil, nil, nil, buttons, p.search),
		p.count, header, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.list))
}

func (p *peoplePage) debounce() { p.typing.run(p.reload) }

// reload starts a new query of the register from its first page.
func (p *peoplePage) reload() {
	f := p.filter()
	filtered := f.Text != "" || f.Kind != ""
	fetch := func(ctx context.Context, after string) ([]data.Person, string, error) {
		return p.sh.store.ListPeople(ctx, f, data.Page{Limit: pageSize, After: after})
	}
	p.rows.start(fetch, nil, func(_ int, err error) {
		n := p.rows.length()
		switch {
		case err != nil:
			p.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
		case n == 0:
			p.count.SetText(countText(0, filtered, "people"))
		case p.rows.hasMore():
			p.count.SetText(i18n.T("people.count_more", map[string]string{"Count": i18n.Number(n)}))
		default:
			p.count.SetText(countText(n, filtered, "people"))
		}
	})
}

// filter is the register's filter as the store takes it.
func (p *peoplePage) filter() data.Filter {
	return data.Filter{District: p.sh.profile.District, Text: p.search.Text, Kind: p.role.value()}
}

func (p *peoplePage) length() int { return p.rows.length() }

func (p *peoplePage) at(i int) (data.Person, bool) { return p.rows.at(i) }

func (p *peoplePage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	x, ok := p.at(id)
	if !ok {
		return
	}
	p.rows.near(id)
	phone := phoneText(x.Phone)
	setRow(o, x.Name, i18n.T("role."+x.Role), p.sh.neighbourhoodName(deref(x.NeighbourhoodID)), phone, x.Organisation)
}
