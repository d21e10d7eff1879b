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
// for a new real store, then where the store stands, "sync now" with a
// progress bar and counts, the conflicts and the changes HQ refused, and
// enrolling again when HQ no longer knows this device.
type syncPage struct {
	sh        *shell
	state     *rtl.Text
	message   *rtl.Text
	progress  *widget.ProgressBar
	working   *widget.ProgressBarInfinite
	counts    *rtl.Label
	refused   *fyne.Container
	body      *fyne.Container
	server    *rtl.Entry
	code      *rtl.Entry
	syncBtn   *widget.Button
	enrolBtn  *widget.Button
	conflicts *widget.Button
	root      fyne.CanvasObject
	status    client.Status
}

func newSyncPage(sh *shell) *syncPage {
	p := &syncPage{sh: sh, state: rtl.NewText(""), message: rtl.NewText(""), progress: widget.NewProgressBar(),
		working: widget.NewProgressBarInfinite(), counts: rtl.NewLabel(""),
		refused: container.NewVBox(), body: container.NewVBox(), server: rtl.NewEntry(), code: rtl.NewEntry()}
	p.working.Stop()
	p.working.Hide()
	p.progress.Hide()
	p.server.PlaceHolder, p.code.PlaceHolder = "https://hq.example.ir", i18n.T("sync.code.placeholder")
	p.server.Auto, p.code.Auto = true, true
	p.enrolBtn = widget.NewButtonWithIcon(i18n.T("sync.enrol"), theme.LoginIcon(), p.enrol)
	p.syncBtn = widget.NewButtonWithIcon(i18n.T("sync.now"), theme.ViewRefreshIcon(), p.syncNow)
	p.conflicts = widget.NewButtonWithIcon("", theme.WarningIcon(), func() { sh.open(newConflictsPage(sh)) })
	p.enrolBtn.Importance, p.syncBtn.Importance = widget.HighImportance, widget.HighImportance
	refusedBox := container.NewVBox(widget.NewSeparator(), rtl.NewLabelWithStyle(i18n.T("sync.refused.title"), fyne.TextStyle{Bold: true}), p.refused)
	if sh.demo {
		refusedBox.Hide() // a demo store never pushes, so HQ never refuses
	}
	bars := container.NewVBox(p.counts, p.progress, p.working)
	p.root = container.NewPadded(container.NewVScroll(container.NewVBox(p.body, bars, p.message, refusedBox)))
	p.refresh()
	if busy, pr := sh.syncer.busy(); busy {
		p.syncProgress(pr)
	}
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
			p.status = st
			p.show(st)
			p.showRefused(refused)
		})
	})
}

// show puts the part of the screen that fits the store: a demo store is
// never enrolled, a real one is enrolled once, then synced; a device HQ no
// longer knows is offered enrolling again, its unsent work kept.
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
		p.body.Add(atStart(rtl.HBox(p.syncBtn, p.conflicts)))
		p.conflicts.SetText(i18n.T("sync.conflicts.open", map[string]string{"N": i18n.Number(st.Conflicts)}))
		if st.Conflicts == 0 {
			p.conflicts.Hide()
		} else {
			p.conflicts.Show()
		}
		if p.sh.syncer.deviceRefused() {
			p.offerReenrol(st)
		}
	}
	p.body.Refresh()
}

// offerReenrol is shown when HQ revoked or does not know this device: a new
// code from HQ enrols it again, and what was not sent goes with the next round.
func (p *syncPage) offerReenrol(st client.Status) {
	if p.server.Text == "" {
		p.server.SetText(st.Server)
	}
	p.body.Add(widget.NewSeparator())
	warn := warningText()
	showWarning(warn, i18n.T("sync.revoked"))
	p.body.Add(warn)
	p.body.Add(rtl.Form(rtl.NewLabel(i18n.T("sync.server")), p.server, rtl.NewLabel(i18n.T("sync.code")), p.code))
	p.enrolBtn.SetText(i18n.T("sync.reenrol"))
	p.body.Add(atStart(p.enrolBtn))
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
	enrol := client.Enrol
	if p.status.Enrolled {
		enrol = client.Reenrol // HQ gave a new code for a revoked or replaced device
	}
	p.sh.background(func() {
		en, err := enrol(context.Background(), p.sh.store, server, code, name)
		onUI(func() {
			p.busy(false)
			if err != nil {
				p.message.SetText(errText(err))
				return
			}
			p.code.SetText("")
			p.message.SetText(i18n.T("sync.enrolled", map[string]string{"District": i18n.Number(en.District), "Officer": en.Officer}))
			p.sh.loadProfile(context.Background())
			p.sh.syncer.resume()
			if !p.sh.syncing {
				p.sh.syncing = p.sh.syncer.start()
			}
			p.refresh()
		})
	})
}

// syncNow runs a round at once, off the UI goroutine; syncProgress and
// syncDone show it.
func (p *syncPage) syncNow() {
	p.busy(true)
	p.sh.syncer.now()
}

// syncProgress shows how far the round got: a bar when the total is known
// (the push), counts and a moving bar when it is not (the pull).
func (p *syncPage) syncProgress(pr client.Progress) {
	p.busy(true)
	p.counts.SetText(progressText(pr))
	if pr.Total > 0 {
		p.working.Stop()
		p.working.Hide()
		p.progress.Show()
		p.progress.SetValue(float64(pr.Done) / float64(pr.Total))
		return
	}
	p.progress.Hide()
	p.working.Show()
	p.working.Start()
}

// syncDone says how the round went, in words.
func (p *syncPage) syncDone(rep client.Report, err error) {
	p.busy(false)
	if err != nil {
		p.message.SetText(errText(err))
	} else {
		p.message.SetText(i18n.T("sync.done", map[string]string{"Pushed": i18n.Number(rep.Pushed),
			"Pulled": i18n.Number(rep.Pulled), "Refused": i18n.Number(rep.Refused)}))
	}
	p.sh.loadProfile(context.Background()) // neighbourhoods may have arrived
	p.refresh()
}

func (p *syncPage) busy(on bool) {
	if on {
		p.message.SetText("")
		p.syncBtn.Disable()
		p.enrolBtn.Disable()
		if !p.progress.Visible() {
			p.working.Show()
			p.working.Start()
		}
		return
	}
	p.counts.SetText("")
	p.working.Stop()
	p.working.Hide()
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
