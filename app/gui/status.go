package gui

import (
	"context"
	"strings"

	"mahalleh/app/i18n"
	"mahalleh/sync/client"
)

// refreshStatus shows where the store stands with HQ in the status line at
// the bottom of every screen: the last sync as people say it ("۵ دقیقه
// پیش"), the changes waiting, the conflicts and refused changes waiting for
// a person, and the last error in words; during a round, how far it got.
func (sh *shell) refreshStatus() {
	sh.background(func() {
		st, err := client.StatusOf(context.Background(), sh.store)
		text := sh.statusLine(st, err)
		onUI(func() {
			if sh.status != nil {
				sh.status.SetText(text)
			}
		})
	})
}

func (sh *shell) statusLine(st client.Status, err error) string {
	switch {
	case sh.demo:
		return i18n.T("status.demo")
	case err != nil:
		return errText(err)
	}
	var parts []string
	if sh.syncer != nil {
		if busy, p := sh.syncer.busy(); busy {
			parts = append(parts, progressText(p))
		}
	}
	if !st.Enrolled {
		parts = append(parts, i18n.T("status.not_enrolled"))
	} else if st.LastSync.IsZero() {
		parts = append(parts, i18n.T("sync.never"))
	} else {
		parts = append(parts, i18n.T("status.last_sync", map[string]string{"Ago": ago(sh.now().Sub(st.LastSync))}))
	}
	parts = append(parts, i18n.T("status.pending", map[string]string{"N": i18n.Number(st.Pending)}))
	if st.Conflicts > 0 {
		parts = append(parts, i18n.T("status.conflicts", map[string]string{"N": i18n.Number(st.Conflicts)}))
	}
	if st.Refused > 0 {
		parts = append(parts, i18n.T("status.refused", map[string]string{"N": i18n.Number(st.Refused)}))
	}
	if e := lastErrorOf(st); e != "" {
		parts = append(parts, i18n.T("status.error", map[string]string{"Err": e}))
	}
	return strings.Join(parts, i18n.T("status.sep"))
}

// lastErrorOf is the last round's error in the UI language, "" after a good one.
func lastErrorOf(st client.Status) string {
	if i18n.Language() == i18n.Persian && st.LastErrorFa != "" {
		return st.LastErrorFa
	}
	return st.LastError
}

// progressText says how far a round has got: "ارسال ۱۲۰ از ۴۰۰ تغییر".
func progressText(p client.Progress) string {
	phase := string(p.Phase)
	if phase == "" || phase == string(client.PhaseDone) {
		return i18n.T("sync.running")
	}
	args := map[string]string{"Done": i18n.Number(p.Done), "Total": i18n.Number(p.Total)}
	if p.Total > 0 {
		return i18n.T("sync.phase."+phase+".of", args)
	}
	return i18n.T("sync.phase."+phase, args)
}

// afterSync brings the window up to date after a round: the status line,
// the district's neighbourhoods and departments (they arrive with the first
// round), and a list on screen that HQ's changes may have touched. An
// editor is left alone: the officer's typing is never replaced under them.
func (sh *shell) afterSync(rep client.Report, err error) {
	onUI(func() {
		sh.refreshStatus()
		if err != nil || rep.Pulled == 0 {
			return
		}
		sh.loadProfile(context.Background())
		cur := sh.current()
		if _, editing := cur.(leaveGuard); editing {
			return
		}
		if _, isSync := cur.(syncObserver); isSync {
			return
		}
		if r, ok := cur.(refresher); ok {
			r.refresh()
		}
	})
}
