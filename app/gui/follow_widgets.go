package gui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
)

// Pieces shared by the follow-up screens (Home, action items, concerns,
// projects).

// linkRow is an entry that opens its record: a flat button under a row of
// cells, since a button's own label does not reorder mixed Persian and
// Latin text (the cells do).
type linkRow struct {
	btn  *widget.Button
	text string // the first cell's text, for tests to find the entry
	obj  fyne.CanvasObject
}

// newLinkRow builds an entry of the given cells laid out by cols.
func newLinkRow(cols *columns, userText map[int]bool, open func(), texts ...string) *linkRow {
	row := newRow(cols, userText)
	setRow(row, texts...)
	btn := widget.NewButton("", open)
	btn.Importance = widget.LowImportance
	l := &linkRow{btn: btn, obj: container.NewStack(btn, container.NewPadded(row))}
	if len(texts) > 0 {
		l.text = texts[0]
	}
	return l
}

// tint colours one cell of a link row (an overdue deadline in red).
func (l *linkRow) tint(i int, c color.Color) {
	row := l.obj.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
	if lb, ok := row.Objects[i].(*rtl.Label); ok {
		lb.Color = c
		lb.Refresh()
	}
}

// panel is a titled box of the Home screen with a count at its end.
func panel(title, count string, body ...fyne.CanvasObject) fyne.CanvasObject {
	head := rtl.NewLabelWithStyle(title, fyne.TextStyle{Bold: true})
	n := rtl.NewLabelWithStyle(count, fyne.TextStyle{Bold: true})
	n.TextSize = 20
	top := rtl.Border(nil, nil, head, n)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 8
	box := container.NewVBox(append([]fyne.CanvasObject{top, widget.NewSeparator()}, body...)...)
	return container.NewStack(bg, container.NewPadded(box))
}

// note is a quiet line in a panel ("nothing here").
func note(text string) *rtl.Label {
	l := rtl.NewLabel(text)
	l.Color = theme.Color(theme.ColorNamePlaceHolder)
	return l
}

// progressBar shows a percentage as a bar filled from the start side (the
// right in Persian), with the number beside it; Fyne's own bar always fills
// from the left.
func progressBar(pct int) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton))
	bg.CornerRadius = 3
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	fill.CornerRadius = 3
	bar := container.New(&barLayout{pct: max(0, min(100, pct))}, bg, fill)
	label := rtl.NewLabel(percentText(pct))
	return rtl.Border(nil, nil, nil, atLeast(label, 48, 0), bar)
}

type barLayout struct{ pct int }

func (b *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := float32(10)
	y := (size.Height - h) / 2
	objs[0].Move(fyne.NewPos(0, y))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	w := size.Width * float32(b.pct) / 100
	x := float32(0)
	if rtl.IsRTL() {
		x = size.Width - w
	}
	objs[1].Move(fyne.NewPos(x, y))
	objs[1].Resize(fyne.NewSize(w, h))
}

func (b *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(80, 16) }

// percentText is "۴۵٪" in Persian, "45%" in English.
func percentText(n int) string {
	if i18n.Language() == i18n.Persian {
		return persian.FormatPercent(n)
	}
	return i18n.Number(n) + "%"
}

// dueText shows a stored deadline (Gregorian YYYY-MM-DD) as a Jalali date,
// or says there is none.
func dueText(due string) string {
	t, err := time.Parse("2006-01-02", due)
	if err != nil {
		return i18n.T("action.no_due")
	}
	d, _ := jalali.FromGregorian(t.Year(), int(t.Month()), t.Day())
	return jalaliText(d)
}

// jalaliText is a Jalali date in the UI's digits.
func jalaliText(d jalali.Date) string {
	if i18n.Language() == i18n.Persian {
		return jalali.FormatShort(d)
	}
	return jalali.FormatShortLatin(d)
}

// longDate is "چهارشنبه ۹ مهر ۱۴۰۴" or "Wednesday 9 Mehr 1404".
func longDate(d jalali.Date) string {
	if i18n.Language() == i18n.Persian {
		return jalali.FormatLong(d)
	}
	return jalali.FormatLongEnglish(d)
}

// today is the officer's civil day (Tehran) as the store compares
// deadlines: midnight UTC of that day.
func (sh *shell) today() time.Time {
	return jalali.FromTime(sh.now().In(jalali.Tehran())).Time(time.UTC)
}

// departmentName is a department's name in the UI language ("" for none).
func (sh *shell) departmentName(id string) string {
	for _, d := range sh.depts {
		if d.ID == id {
			if i18n.Language() == i18n.English {
				return d.NameEn
			}
			return d.NameFa
		}
	}
	return ""
}

// actionStatusText is an action item's status, with "overdue" when it is.
func actionStatusText(a data.ActionRow) string {
	s := i18n.T("action_status." + a.Status)
	if a.Overdue {
		return i18n.T("action.overdue_with", map[string]string{"Status": s})
	}
	return s
}

// scopeChoice is the neighbourhood filter of the follow-up lists: the
// office's neighbourhoods (the default when the profile names some), the
// whole district, or one neighbourhood.
type scopeChoice struct {
	*choice
	office []string
}

const officeScope = "office"

func newScopeChoice(sh *shell) *scopeChoice {
	ids, names := sh.neighbourhoodChoices()
	c := &scopeChoice{office: sh.profile.Neighbourhoods}
	values, labels := []string{""}, []string{i18n.T("filter.neighbourhood")}
	if len(c.office) > 0 {
		values, labels = append(values, officeScope), append(labels, i18n.T("filter.office"))
	}
	c.choice = &choice{values: append(values, ids...)}
	c.choice.Select = rtl.NewSelect(append(labels, names...), nil)
	if len(c.office) > 0 {
		c.set(officeScope)
	} else {
		c.set("")
	}
	return c
}

// neighbourhoods is the filter's value as the store takes it.
func (c *scopeChoice) neighbourhoods() []string {
	switch v := c.value(); v {
	case "":
		return nil
	case officeScope:
		return c.office
	default:
		return []string{v}
	}
}

// filterChoice is a select of stored values with a first "any" option
// labelled anyLabel.
func filterChoice(prefix string, values []string, anyLabel string) *choice {
	c := newChoice(prefix, values, true)
	c.Select.Options[0] = anyLabel
	c.SetSelectedIndex(0)
	return c
}

// refFilter is a select over records with a first "any" option.
func refFilter(ids, names []string, anyLabel string) *choice {
	c := newRefChoice(ids, names)
	c.Select.Options[0] = anyLabel
	c.SetSelectedIndex(0)
	return c
}

// boldHeader fills a list's header row with bold captions.
func boldHeader(cols *columns, captions ...string) fyne.CanvasObject {
	header := newRow(cols, nil)
	setRow(header, captions...)
	for _, c := range header.Objects {
		c.(*rtl.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	return header
}
