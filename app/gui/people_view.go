package gui

import (
	"context"
	gosync "sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
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

	mu      gosync.Mutex
	rows    []data.Person
	next    string
	loading bool
	gen     int
	filter  data.Filter
	timer   *time.Timer
}

func newPeoplePage(sh *shell) *peoplePage {
	p := &peoplePage{sh: sh, search: textEntry(), count: rtl.NewLabel(i18n.T("list.loading"))}
	p.search.PlaceHolder = i18n.T("people.search")
	p.search.OnChanged = func(string) { p.debounce() }
	p.role = newChoice("role.", data.PersonRoles, true)
	p.role.PlaceHolder = i18n.T("person.role")
	p.role.OnChanged = func(string) { p.reload() }
	p.list = newEnterList(p.length, func() fyne.CanvasObject { return newRow(peopleCols, peopleUserText) }, p.updateRow)
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
	top := container.NewVBox(rtl.Border(nil, nil, nil, rtl.HBox(container.NewGridWrap(fyne.NewSize(170, 36), p.role.Select), newBtn), p.search),
		p.count, header, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.list))
}

func (p *peoplePage) debounce() {
	if p.sh.instant {
		p.reload()
		return
	}
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(searchDelay, func() { onUI(p.reload) })
}

func (p *peoplePage) reload() {
	f := data.Filter{District: p.sh.profile.District, Text: p.search.Text, Kind: p.role.value()}
	p.mu.Lock()
	p.gen++
	gen := p.gen
	p.filter, p.loading = f, true
	p.mu.Unlock()
	p.sh.background(func() {
		rows, next, err := p.sh.store.ListPeople(context.Background(), f, data.Page{Limit: meetingsPageSize})
		onUI(func() { p.loaded(gen, rows, next, err, true) })
	})
}

func (p *peoplePage) more() {
	p.mu.Lock()
	if p.loading || p.next == "" {
		p.mu.Unlock()
		return
	}
	p.loading = true
	gen, f, after := p.gen, p.filter, p.next
	p.mu.Unlock()
	p.sh.background(func() {
		rows, next, err := p.sh.store.ListPeople(context.Background(), f, data.Page{Limit: meetingsPageSize, After: after})
		onUI(func() { p.loaded(gen, rows, next, err, false) })
	})
}

func (p *peoplePage) loaded(gen int, rows []data.Person, next string, err error, first bool) {
	p.mu.Lock()
	if gen != p.gen {
		p.mu.Unlock()
		return
	}
	p.loading = false
	if err != nil {
		p.mu.Unlock()
		p.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
		return
	}
	if first {
		p.rows = rows
	} else {
		p.rows = append(p.rows, rows...)
	}
	p.next = next
	n, more, filtered := len(p.rows), p.next != "", p.filter.Text != "" || p.filter.Kind != ""
	p.mu.Unlock()
	switch {
	case n == 0:
		p.count.SetText(countText(0, filtered, "people"))
	case more:
		p.count.SetText(i18n.T("people.count_more", map[string]string{"Count": i18n.Number(n)}))
	default:
		p.count.SetText(countText(n, filtered, "people"))
	}
	if first {
		p.list.scrollToTop()
	}
	p.list.Refresh()
}

func (p *peoplePage) length() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.rows)
}

func (p *peoplePage) at(i int) (data.Person, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if i < 0 || i >= len(p.rows) {
		return data.Person{}, false
	}
	return p.rows[i], true
}

func (p *peoplePage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	x, ok := p.at(id)
	if !ok {
		return
	}
	if id >= p.length()-20 {
		p.more()
	}
	phone := phoneText(x.Phone)
	setRow(o, x.Name, i18n.T("role."+x.Role), p.sh.neighbourhoodName(deref(x.NeighbourhoodID)), phone, x.Organisation)
}
