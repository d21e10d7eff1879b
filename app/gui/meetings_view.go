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
	"mahalleh/data/jalali"
	"mahalleh/data/tabular"
)

// The meetings list's logical columns, their widths and which hold text
// the officer typed (its direction is its own, not the UI's).
var (
	meetingCols     = &columns{widths: []float32{100, 300, 140, 175, 70, 85}, flex: 1}
	meetingUserText = map[int]bool{1: true, 2: true}
)

// meetingsPage is the list of meetings: search, filters, true count, paging.
type meetingsPage struct {
	sh     *shell
	search *rtl.Entry
	nbh    *choice
	kind   *choice
	from   *dateField
	to     *dateField
	count  *rtl.Label
	list   *enterList
	rows   *pager[data.MeetingRow]
	typing *debouncer // the search waits for a pause in typing
	export *exporter  // the list as shown, to XLSX or CSV
}

func newMeetingsPage(sh *shell) *meetingsPage {
	p := &meetingsPage{sh: sh, typing: &debouncer{sh: sh, delay: searchDelay}}
	p.build()
	p.reload()
	return p
}

func (p *meetingsPage) title() string   { return i18n.T("nav.meetings") }
func (p *meetingsPage) section() string { return "meetings" }
func (p *meetingsPage) focusSearch()    { p.sh.win.Canvas().Focus(p.search) }
func (p *meetingsPage) refresh()        { p.reload() }

func (p *meetingsPage) build() {
	p.search = textEntry()
	p.search.PlaceHolder = i18n.T("search.placeholder")
	p.search.OnChanged = func(string) { p.debounce() }
	p.search.OnKey = func(k *fyne.KeyEvent) bool {
		if k.Name == fyne.KeyDown {
			p.sh.win.Canvas().Focus(p.list)
			return true
		}
		return false
	}
	ids, names := p.sh.neighbourhoodChoices()
	p.nbh = newRefChoice(ids, names)
	p.nbh.PlaceHolder = i18n.T("filter.neighbourhood")
	p.nbh.OnChanged = func(string) { p.reload() }
	p.kind = newChoice("kind.", data.MeetingKinds, true)
	p.kind.PlaceHolder = i18n.T("filter.kind")
	p.kind.OnChanged = func(string) { p.reload() }
	p.from, p.to = newDateField(p.sh.win), newDateField(p.sh.win)
	p.from.entry.PlaceHolder, p.to.entry.PlaceHolder = i18n.T("filter.from"), i18n.T("filter.to")
	p.from.change, p.to.change = p.debounce, p.debounce
	p.count = rtl.NewLabel(i18n.T("list.loading"))
	p.list = newEnterList(p.length, func() fyne.CanvasObject { return newRow(meetingCols, meetingUserText) }, p.updateRow)
	p.rows = &pager[data.MeetingRow]{sh: p.sh, list: p.list}
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if row, ok := p.row(id); ok {
			p.sh.open(newMeetingEditor(p.sh, row.ID))
		}
	}
}

func (p *meetingsPage) content() fyne.CanvasObject {
	newBtn := widget.NewButtonWithIcon(i18n.T("meeting.new"), theme.ContentAddIcon(), func() { p.sh.open(newMeetingEditor(p.sh, "")) })
	newBtn.Importance = widget.HighImportance
	filters := rtl.Row(p.nbh, p.kind, p.from.obj, p.to.obj)
	header := newRow(meetingCols, nil)
	setRow(header, i18n.T("col.date"), i18n.T("col.title"), i18n.T("col.neighbourhood"), i18n.T("col.kind"), i18n.T("col.attendees"), i18n.T("col.concerns"))
	for _, c := range header.Objects {
		c.(*rtl.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	p.export = newExporter(p.sh, tabular.Meetings, func() (tabular.Options, bool) {
		f, ok := p.filterNow()
		return tabular.Options{Filter: f}, ok
	})
	top := container.NewVBox(rtl.Border(nil, nil, nil, rtl.HBox(p.export.button, newBtn), p.search), filters, p.count, header, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.list))
}

// filterNow reads the filters from the widgets; ok is false when a date is
// not a date (its message is then shown under it).
func (p *meetingsPage) filterNow() (data.Filter, bool) {
	f := data.Filter{District: p.sh.profile.District, Text: p.search.Text, Kind: p.kind.value(), NeighbourhoodID: p.nbh.value()}
	from, ok1 := p.from.check(false)
	to, ok2 := p.to.check(false)
	if !ok1 || !ok2 {
		return f, false
	}
	if !p.from.empty() {
		f.From = from.Time(jalali.Tehran())
	}
	if !p.to.empty() {
		f.To = to.AddDays(1).Time(jalali.Tehran())
	}
	return f, true
}

// debounce reloads once typing pauses.
func (p *meetingsPage) debounce() { p.typing.run(p.reload) }

// reload starts a new query from the first page, with the true count.
func (p *meetingsPage) reload() {
	f, ok := p.filterNow()
	if !ok {
		return
	}
	filtered := f != (data.Filter{District: f.District})
	fetch := func(ctx context.Context, after string) ([]data.MeetingRow, string, error) {
		list, err := p.sh.store.ListMeetings(ctx, f, data.Page{Limit: pageSize, After: after})
		return list.Rows, list.Next, err
	}
	count := func(ctx context.Context) (int, error) { return p.sh.store.CountMeetings(ctx, f) }
	p.rows.start(fetch, count, func(total int, err error) {
		if err != nil {
			p.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
			return
		}
		p.count.SetText(countText(total, filtered, "meetings"))
	})
}

// countText is the line above a list: the true count (or that it is being
// taken), or why it is empty.
func countText(n int, filtered bool, what string) string {
	switch {
	case n == counting:
		return i18n.T("list.counting")
	case n == 0 && filtered:
		return i18n.T(what + ".none_found")
	case n == 0:
		return i18n.T(what + ".empty")
	}
	return i18n.T(what+".count", map[string]string{"Count": i18n.Number(n)})
}

func (p *meetingsPage) length() int { return p.rows.length() }

func (p *meetingsPage) row(i int) (data.MeetingRow, bool) { return p.rows.at(i) }

func (p *meetingsPage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	m, ok := p.row(id)
	if !ok {
		return
	}
	p.rows.near(id)
	setRow(o, formatDate(m.StartsAt), m.Title, m.NeighbourhoodName, i18n.T("kind."+m.Kind),
		i18n.Number(m.Attendees), i18n.Number(m.Concerns))
}

// formatDate shows a stored instant as a Jalali date in Tehran.
func formatDate(stored string) string {
	t, err := data.ParseTime(stored)
	if err != nil {
		return ""
	}
	d := jalali.FromTime(t.In(jalali.Tehran()))
	if i18n.Language() == i18n.Persian {
		return jalali.FormatShort(d)
	}
	return jalali.FormatShortLatin(d)
}
