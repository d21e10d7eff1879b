package gui

import (
	"context"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/sync/client"
)

// syncPage is sync with HQ in the window: enrolment with a code from HQ
// for a new real store, then "sync now", what is waiting, how the last
// round went, and the changes HQ refused with retry and discard.
type syncPage struct {
	sh       *shell
	state    *rtl.Text
	message  *rtl.Text
	progress *widget.ProgressBarInfinite
	refused  *fyne.Container
	body     *fyne.Container
	server   *rtl.Entry
	code     *rtl.Entry
	syncBtn  *widget.Button
	enrolBtn *widget.Button
	root     fyne.CanvasObject
}

func newSyncPage(sh *shell) *syncPage {
	p := &syncPage{sh: sh, state: rtl.NewText(""), message: rtl.NewText(""), progress: widget.NewProgressBarInfinite(),
		refused: container.NewVBox(), body: container.NewVBox(), server: rtl.NewEntry(), code: rtl.NewEntry()}
	p.progress.Stop()
	p.progress.Hide()
	p.server.PlaceHolder, p.code.PlaceHolder = "https://hq.example.ir", i18n.T("sync.code.placeholder")
	p.server.Auto, p.code.Auto = true, true
	p.enrolBtn = widget.NewButtonWithIcon(i18n.T("sync.enrol"), theme.LoginIcon(), p.enrol)
	p.syncBtn = widget.NewButtonWithIcon(i18n.T("sync.now"), theme.ViewRefreshIcon(), p.syncNow)
	p.enrolBtn.Importance, p.syncBtn.Importance = widget.HighImportance, widget.HighImportance
	refusedBox := container.NewVBox(widget.NewSeparator(), rtl.NewLabelWithStyle(i18n.T("sync.refused.title"), fyne.TextStyle{Bold: true}), p.refused)
	if sh.demo {
		refusedBox.Hide() // a demo store never pushes, so HQ never refuses
	}
	p.root = container.NewPadded(container.NewVScroll(container.NewVBox(p.body, p.message, p.progress, refusedBox)))
	p.refresh()
	return p
}

func (p *syncPage) title() string              { return i18n.T("nav.sync") }
func (p *syncPage) section() string            { return "sync" }
func (p *syncPage) content() fyne.CanvasObject { return p.root }

// refresh reads the sync status and the refused changes and shows them.
func (p *syncPage) refresh() {
	p.sh.background(func() {
		ctx := context.Background()
		st, err := client.StatusOf(ctx, p.sh.store)
		refused, rerr := p.sh.store.RefusedChanges(ctx)
		onUI(func() {
			if err = firstErr(err, rerr); err != nil {
				p.message.SetText(errText(err))
				return
			}
			p.show(st)
			p.showRefused(refused)
		})
	})
}

// show puts the part of the screen that fits the store: a demo store is
// never enrolled, a real one is enrolled once, then synced.
func (p *syncPage) show(st client.Status) {
	p.body.RemoveAll()
	switch {
	case p.sh.demo:
		p.body.Add(rtl.NewText(i18n.T("sync.demo")))
		p.body.Add(atStart(widget.NewButton(i18n.T("demo.empty"), p.sh.confirmEmptyDemo)))
	case !st.Enrolled:
		p.body.Add(rtl.NewText(i18n.T("sync.not_enrolled")))
		p.body.Add(rtl.Form(rtl.NewLabel(i18n.T("sync.server")), p.server, rtl.NewLabel(i18n.T("sync.code")), p.code))
		p.body.Add(atStart(p.enrolBtn))
	default:
		p.state.SetText(statusText(st, p.sh.now()))
		p.body.Add(p.state)
		p.body.Add(atStart(p.syncBtn))
	}
	p.body.Refresh()
}

// statusText says where the store stands with HQ, in the UI language.
func statusText(st client.Status, now time.Time) string {
	last := i18n.T("sync.never")
	if !st.LastSync.IsZero() {
		last = formatDate(data.FormatTime(st.LastSync)) + " " + clockOf(st.LastSync) + " (" + ago(now.Sub(st.LastSync)) + ")"
	}
	text := i18n.T("sync.state", map[string]string{"District": i18n.Number(st.District), "Officer": st.Officer,
		"Role": i18n.T("sync.role." + st.Role), "Last": last, "Pending": i18n.Number(st.Pending),
		"Refused": i18n.Number(st.Refused), "Conflicts": i18n.Number(st.Conflicts)})
	lastErr := st.LastError
	if i18n.Language() == i18n.Persian && st.LastErrorFa != "" {
		lastErr = st.LastErrorFa
	}
	if lastErr != "" {
		text += "\n" + i18n.T("sync.last_error", map[string]string{"Err": lastErr})
	}
	return text
}

// ago is a duration as people say it: "۵ دقیقه پیش", "3 hours ago".
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return i18n.T("ago.now")
	case d < time.Hour:
		return i18n.T("ago.minutes", map[string]string{"N": i18n.Number(int(d.Minutes()))})
	case d < 48*time.Hour:
		return i18n.T("ago.hours", map[string]string{"N": i18n.Number(int(d.Hours()))})
	}
	return i18n.T("ago.days", map[string]string{"N": i18n.Number(int(d.Hours() / 24))})
}

// enrol exchanges HQ's one-time code for this device's token; the
// district's neighbourhoods and departments then arrive with the first sync.
func (p *syncPage) enrol() {
	server, code := trimmed(p.server.Text), trimmed(p.code.Text)
	if server == "" || code == "" {
		p.message.SetText(i18n.T("sync.enrol.missing"))
		return
	}
	p.busy(true)
	name, _ := os.Hostname()
	p.sh.background(func() {
		en, err := client.Enrol(context.Background(), p.sh.store, server, code, name)
		onUI(func() {
			p.busy(false)
			if err != nil {
				p.message.SetText(errText(err))
				return
			}
			p.message.SetText(i18n.T("sync.enrolled", map[string]string{"District": i18n.Number(en.District), "Officer": en.Officer}))
			p.sh.loadProfile(context.Background())
			p.refresh()
		})
	})
}

// syncNow runs one round off the UI goroutine and says how it went.
func (p *syncPage) syncNow() {
	p.busy(true)
	p.sh.background(func() {
		ctx := context.Background()
		c, err := client.New(p.sh.store, client.Options{})
		var rep client.Report
		if err == nil {
			rep, err = c.Sync(ctx, nil)
		}
		onUI(func() {
			p.busy(false)
			if err != nil {
				p.message.SetText(errText(err))
			} else {
				p.message.SetText(i18n.T("sync.done", map[string]string{"Pushed": i18n.Number(rep.Pushed),
					"Pulled": i18n.Number(rep.Pulled), "Refused": i18n.Number(rep.Refused)}))
			}
			p.sh.loadProfile(context.Background()) // neighbourhoods may have arrived
			p.refresh()
			p.sh.refreshStatus()
		})
	})
}

func (p *syncPage) busy(on bool) {
	if on {
		p.message.SetText("")
		p.progress.Show()
		p.progress.Start()
		p.syncBtn.Disable()
		p.enrolBtn.Disable()
		return
	}
	p.progress.Stop()
	p.progress.Hide()
	p.syncBtn.Enable()
	p.enrolBtn.Enable()
}

// showRefused lists the changes HQ refused: what, why, and the choice to
// send it again (after fixing the record) or to drop it.
func (p *syncPage) showRefused(list []data.RefusedChange) {
	p.refused.RemoveAll()
	if len(list) == 0 {
		p.refused.Add(rtl.NewLabel(i18n.T("sync.refused.none")))
	}
	for _, r := range list {
		r := r
		why := r.Message
		if i18n.Language() == i18n.Persian && r.MessageFa != "" {
			why = r.MessageFa
		}
		retry := widget.NewButton(i18n.T("sync.retry"), func() { p.act(p.sh.store.RetryRefused, r.ChangeID) })
		discard := widget.NewButton(i18n.T("sync.discard"), func() { p.act(p.sh.store.DiscardRefused, r.ChangeID) })
		what := rtl.NewLabelWithStyle(i18n.T("sync.refused.what", map[string]string{"Entity": i18n.T("entity." + r.Entity), "ID": r.RecordID}), fyne.TextStyle{Bold: true})
		p.refused.Add(container.NewVBox(rtl.Border(nil, nil, what, rtl.HBox(retry, discard)), rtl.NewText(why), widget.NewSeparator()))
	}
	p.refused.Refresh()
}

func (p *syncPage) act(fn func(context.Context, string) error, changeID string) {
	p.sh.background(func() {
		err := fn(context.Background(), changeID)
		onUI(func() {
			if err != nil {
				p.message.SetText(errText(err))
			}
			p.refresh()
			p.sh.refreshStatus()
		})
	})
}
