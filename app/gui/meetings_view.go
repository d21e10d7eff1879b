package gui

import (
	"context"
	gosync "sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// ui is the window's state: the store and the widgets of the meetings list.
type ui struct {
	app   fyne.App
	win   fyne.Window
	store *data.Store

	// background runs store work off the UI goroutine (go fn()); tests
	// replace it to run fn at once, since Fyne's test driver does not
	// serialise fyne.Do calls from several goroutines the way a real one does.
	background func(fn func())

	mu     gosync.Mutex // guards rows
	rows   []data.MeetingRow
	gen    atomic.Int64 // the latest reload; older results are dropped
	table  *rtl.MirroredTable
	status *rtl.Label
	search *rtl.Entry
}

// The meetings table's logical columns; the table mirrors them in Persian.
var meetingColumns = []struct {
	key   string
	width float32
}{
	{"col.date", 100}, {"col.title", 370}, {"col.neighbourhood", 140}, {"col.kind", 170}, {"col.attendees", 70}, {"col.concerns", 90},
}

// userTextColumns hold what officers typed (titles, names): their direction
// comes from their own first letter, so a Persian title reads right to left
// in the English UI too.
var userTextColumns = map[int]bool{1: true, 2: true}

func newUI(a fyne.App, w fyne.Window, s *data.Store) *ui {
	return &ui{app: a, win: w, store: s, background: func(fn func()) { go fn() }}
}

// build makes the window's content: a header, the search box, the table.
func (u *ui) build() fyne.CanvasObject {
	title := rtl.NewLabelWithStyle(i18n.T("app.title")+" — "+i18n.T("meetings.title"), fyne.TextStyle{Bold: true})
	langBtn := widget.NewButton(i18n.T("lang.switch"), u.switchLanguage)
	u.search = rtl.NewEntry()
	u.search.PlaceHolder = i18n.T("search.placeholder")
	u.search.OnChanged = func(text string) { u.background(func() { u.reload(context.Background(), text) }) }
	u.status = rtl.NewLabel(i18n.T("meetings.loading"))
	u.table = rtl.NewMirroredTable(u.rowCount, len(meetingColumns), u.cell)
	u.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		col := rtl.Column(id.Col, len(meetingColumns))
		l := o.(*rtl.Label)
		if l.Auto != userTextColumns[col] {
			l.Auto = userTextColumns[col]
			l.Text = ""
		}
		l.SetText(u.cell(id.Row, col))
	}
	u.table.ShowHeaderRow = true
	u.table.CreateHeader = func() fyne.CanvasObject { return rtl.NewCell() }
	u.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			rtl.SetCell(o, i18n.T(meetingColumns[rtl.Column(id.Col, len(meetingColumns))].key))
		}
	}
	for i, c := range meetingColumns {
		u.table.SetColumnWidth(i, c.width)
	}
	header := rtl.Border(nil, nil, title, langBtn)
	top := container.NewVBox(header, u.search)
	return rtl.Border(top, u.status, nil, nil, container.New(&fillTitle{u.table}, u.table))
}

func (u *ui) rowCount() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.rows)
}

// cell is the text of one table cell, at a logical column.
func (u *ui) cell(row, col int) string {
	u.mu.Lock()
	if row >= len(u.rows) {
		u.mu.Unlock()
		return ""
	}
	m := u.rows[row]
	u.mu.Unlock()
	switch col {
	case 0:
		return formatDate(m.StartsAt)
	case 1:
		return m.Title
	case 2:
		return m.NeighbourhoodName
	case 3:
		return i18n.T("kind." + m.Kind)
	case 4:
		return i18n.Number(m.Attendees)
	default:
		return i18n.Number(m.Concerns)
	}
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

// start prepares the store (demo data on first start) and loads the list;
// it runs on its own goroutine.
func (u *ui) start(ctx context.Context) {
	if err := firstStart(ctx, u.store); err != nil {
		u.showError("error.open", err)
		return
	}
	u.reload(ctx, "")
}

// reload reads the latest meetings (filtered by the search box) off the UI
// goroutine and hands them to the table through the bridge.
func (u *ui) reload(ctx context.Context, text string) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	gen := u.gen.Add(1)
	list, err := u.store.ListMeetings(ctx, data.Filter{Text: text}, data.Page{Limit: 200})
	if err != nil {
		u.showError("error.load", err)
		return
	}
	onUI(func() {
		if gen != u.gen.Load() {
			return // a newer search is on its way
		}
		u.mu.Lock()
		u.rows = list.Rows
		u.mu.Unlock()
		u.table.Refresh()
		if len(list.Rows) == 0 {
			u.status.SetText(i18n.T("meetings.empty"))
		} else {
			u.status.SetText(i18n.T("meetings.count", map[string]string{"Count": i18n.Number(len(list.Rows))}))
		}
	})
}

func (u *ui) showError(key string, err error) {
	msg := err.Error()
	if de, ok := err.(*data.Error); ok && i18n.Language() == i18n.Persian {
		msg = de.Persian()
	}
	onUI(func() { u.status.SetText(i18n.T(key, map[string]string{"Err": msg})) })
}

// switchLanguage flips Persian/English, remembers it, and rebuilds the window.
func (u *ui) switchLanguage() {
	next := i18n.English
	if i18n.Language() == i18n.English {
		next = i18n.Persian
	}
	u.app.Preferences().SetString("language", next)
	i18n.SetLanguage(next)
	u.win.SetTitle(i18n.T("app.title"))
	u.win.SetContent(u.build())
	u.background(func() { u.reload(context.Background(), "") })
}

// fillTitle gives the title column whatever width the other columns leave,
// so the table fills the window instead of leaving a blank strip on the
// start side (the right, in Persian).
type fillTitle struct{ table *rtl.MirroredTable }

func (f *fillTitle) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	others := float32(0)
	for i, c := range meetingColumns {
		if i != 1 {
			others += c.width
		}
	}
	if w := size.Width - others - 24; w > meetingColumns[1].width { // 24: the scroll bar and cell padding
		f.table.SetColumnWidth(1, w)
	}
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (f *fillTitle) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }
