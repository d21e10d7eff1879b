package gui

import (
	"context"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
	"mahalleh/data/report"
)

// reportsPage is the performance report (گزارش عملکرد) of a Jalali month,
// season or year for the office's district: the meetings held each month
// and, per department, the concerns and action items, drawn as bars that
// an officer reads at a glance (the figures stand beside each bar).
type reportsPage struct {
	sh     *shell
	period jalali.Period
	name   *rtl.Label // the period's name
	body   *fyne.Container

	rep          *report.Report // the report shown, which the buttons write
	excel, print *widget.Button
	result       string // what the last export said (tests)
}

var (
	barOpen    = color.NRGBA{R: 0xE6, G: 0x8A, B: 0x00, A: 0xFF} // open, overdue: needs attention
	barClosed  = color.NRGBA{R: 0x2E, G: 0x8B, B: 0x57, A: 0xFF} // closed, done
	barMeeting = color.NRGBA{R: 0x2B, G: 0x6C, B: 0xB0, A: 0xFF}
)

func newReportsPage(sh *shell) *reportsPage {
	today := jalali.FromTime(sh.now().In(jalali.Tehran()))
	r := &reportsPage{sh: sh, period: jalali.Containing(jalali.PeriodYear, today),
		name: rtl.NewLabelWithStyle("", fyne.TextStyle{Bold: true}), body: container.NewVBox()}
	r.load()
	return r
}

func (r *reportsPage) title() string   { return i18n.T("nav.reports") }
func (r *reportsPage) section() string { return "reports" }
func (r *reportsPage) refresh()        { r.load() }

func (r *reportsPage) content() fyne.CanvasObject {
	kinds := []jalali.PeriodKind{jalali.PeriodMonth, jalali.PeriodSeason, jalali.PeriodYear}
	var opts []string
	for _, k := range []string{"report.month", "report.season", "report.year"} {
		opts = append(opts, i18n.T(k))
	}
	pick := rtl.NewSelect(opts, func(s string) {
		for i, o := range opts {
			if o == s && r.period.Kind != kinds[i] {
				r.period = jalali.Containing(kinds[i], r.period.Start)
				r.load()
			}
		}
	})
	pick.SetSelected(opts[2])
	prev := widget.NewButton(i18n.T("report.prev"), func() { r.period = r.period.Prev(); r.load() })
	next := widget.NewButton(i18n.T("report.next"), func() { r.period = r.period.Next(); r.load() })
	top := container.NewVBox(rtl.HBox(prev, r.name, next, rtl.Spacer(), pick), r.buttons(), widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(r.body)))
}

func (r *reportsPage) periodName() string {
	if i18n.Language() == i18n.English {
		return r.period.NameEnglish()
	}
	return r.period.Name()
}

func (r *reportsPage) load() {
	r.name.SetText(r.periodName())
	p, district, now := r.period, r.sh.profile.District, r.sh.now()
	r.sh.background(func() {
		rep, err := report.Compute(context.Background(), r.sh.store, report.Scope{District: district}, p, now)
		onUI(func() {
			r.body.RemoveAll()
			r.rep = rep
			if err != nil {
				r.body.Add(rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)})))
				return
			}
			r.show(rep)
		})
	})
}

// show lays the report out: a summary line, the months, the departments.
func (r *reportsPage) show(rep *report.Report) {
	en := i18n.Language() == i18n.English
	r.body.Add(rtl.NewText(i18n.T("report.summary", map[string]string{"N": num(rep.Meetings)})))
	r.body.Add(heading(i18n.T("report.meetings_by_month")))
	var labels []string
	var vals []int
	for _, m := range rep.Months {
		name := jalali.MonthName(m.Month)
		if en {
			name = jalali.MonthNameEnglish(m.Month)
		}
		labels, vals = append(labels, name), append(vals, m.Meetings)
	}
	r.body.Add(atStart(columnChart(labels, vals)))
	r.body.Add(heading(i18n.T("report.by_department")))
	r.body.Add(container.NewPadded(atStart(legend(barOpen, i18n.T("report.open")), legend(barClosed, i18n.T("report.closed")))))
	most := 1
	for _, d := range rep.Departments {
		most = max(most, d.ConcernsOpen+d.ConcernsClosed, d.ActionsOpen+d.ActionsOverdue+d.ActionsDone)
	}
	if len(rep.Departments) == 0 {
		r.body.Add(rtl.NewText(i18n.T("report.nothing")))
	}
	for _, d := range rep.Departments {
		name := d.NameFa
		if en {
			name = d.NameEn
		}
		r.body.Add(rtl.NewLabelWithStyle(name, fyne.TextStyle{Bold: true}))
		r.body.Add(barRow(i18n.T("report.concerns"), most, d.ConcernsOpen, d.ConcernsClosed))
		r.body.Add(barRow(i18n.T("report.actions", map[string]string{"N": num(d.ActionsOverdue)}), most, d.ActionsOpen+d.ActionsOverdue, d.ActionsDone))
	}
}

func num(n int) string {
	if i18n.Language() == i18n.English {
		return strconv.Itoa(n)
	}
	return persian.FormatInt(int64(n))
}

func heading(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), rtl.NewLabelWithStyle(s, fyne.TextStyle{Bold: true}))
}

func legend(c color.Color, s string) fyne.CanvasObject {
	sw := canvas.NewRectangle(c)
	sw.SetMinSize(fyne.NewSize(14, 14))
	return rtl.HBox(container.NewCenter(sw), rtl.NewLabel(s))
}

// barRow is a caption, then two bars one after the other (open, closed)
// whose lengths are their share of most, each followed by its figure;
// mirrored in Persian, so the bars grow from the right.
func barRow(caption string, most, open, closed int) fyne.CanvasObject {
	const full = 360
	cap := rtl.NewLabel(caption)
	cap.AlignUI = true // a column of captions on the UI's start side
	objs := []fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(190, 28), cap)}
	for _, b := range []struct {
		c color.Color
		n int
	}{{barOpen, open}, {barClosed, closed}} {
		if b.n == 0 {
			continue
		}
		rect := canvas.NewRectangle(b.c)
		rect.SetMinSize(fyne.NewSize(float32(full*b.n/most)+2, 16))
		objs = append(objs, container.NewCenter(rect), rtl.NewLabel(num(b.n)))
	}
	return atStart(objs...) // on the start side: in Persian the captions stand at the right, where the eye begins
}

// columnChart is one column per label, as tall as its share of the
// largest value, the figure above it and the label below.
func columnChart(labels []string, vals []int) fyne.CanvasObject {
	const tall = 140
	most := 1
	for _, v := range vals {
		most = max(most, v)
	}
	var cols []fyne.CanvasObject
	for i, v := range vals {
		b := canvas.NewRectangle(barMeeting)
		b.SetMinSize(fyne.NewSize(34, float32(tall*v/most)+1))
		label := rtl.NewLabel(labels[i])
		col := container.NewVBox(layout.NewSpacer(), container.NewCenter(rtl.NewLabel(num(v))), container.NewCenter(b),
			container.NewCenter(label))
		width := max(64, label.MinSize().Width+4) // Ordibehesht is wider than اردیبهشت
		cols = append(cols, container.NewGridWrap(fyne.NewSize(width, tall+80), col))
	}
	return rtl.HBox(cols...)
}
