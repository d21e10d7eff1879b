package gui

import (
	"context"
	gosync "sync"
	"time"

	"mahalleh/sync/client"
)

// How often the window syncs by itself. An officer should never have to
// think about sync: a round runs soon after start, soon after each save,
// and every few minutes; when HQ cannot be reached the wait doubles up to
// a quarter of an hour, so a laptop offline in a community centre spends
// nothing on it, and the first round after the connection is back finishes
// the work.
const (
	syncFirstDelay = 3 * time.Second
	syncAfterSave  = 10 * time.Second
	syncInterval   = 3 * time.Minute
	syncBackoff0   = 30 * time.Second
	syncBackoffMax = 15 * time.Minute
	statusTick     = 30 * time.Second // "۵ دقیقه پیش" stays true
)

// syncObserver is a page that shows a round as it runs (the sync screen).
type syncObserver interface {
	syncProgress(client.Progress)
	syncDone(client.Report, error)
}

// autoSync runs the sync rounds of the window, automatic and asked for, one
// at a time and never on the UI goroutine.
type autoSync struct {
	sh *shell
	// timers is false in tests: rounds then run only when a test calls
	// tick (the timer firing) or now (the button), and wait says what the
	// timer would have been set to.
	timers bool
	opts   client.Options

	mu       gosync.Mutex
	running  bool
	halted   bool // HQ refused the device: no automatic round until enrolled again
	refused  bool // the last round ended with HQ not knowing this device (revoked, unknown)
	failures int
	wait     time.Duration
	timer    *time.Timer
	ticker   *time.Ticker
	cancel   context.CancelFunc
	progress *client.Progress // the round under way, nil between rounds
}

func newAutoSync(sh *shell) *autoSync { return &autoSync{sh: sh, timers: true} }

// start schedules the first round and keeps the status line's "ago"
// fresh. It reports false for a demo store, which never syncs.
func (a *autoSync) start() bool {
	if a.sh.demo {
		return false
	}
	a.schedule(syncFirstDelay)
	if a.timers {
		a.ticker = time.NewTicker(statusTick)
		go func() {
			for range a.ticker.C {
				a.sh.refreshStatus()
			}
		}()
	}
	return true
}

// stop ends the timers and a round under way (the window is closing).
func (a *autoSync) stop() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.timer != nil {
		a.timer.Stop()
	}
	if a.ticker != nil {
		a.ticker.Stop()
	}
	if a.cancel != nil {
		a.cancel()
	}
	a.halted = true
}

// saved is told of every save: what was written goes to HQ shortly.
func (a *autoSync) saved() {
	a.mu.Lock()
	soon := a.failures == 0 && !a.halted && (a.wait == 0 || a.wait > syncAfterSave)
	a.mu.Unlock()
	if soon {
		a.schedule(syncAfterSave)
	}
}

// deviceRefused reports whether HQ turned this device away in the last round.
func (a *autoSync) deviceRefused() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.refused
}

// resume lets automatic rounds run again (after an enrolment).
func (a *autoSync) resume() {
	a.mu.Lock()
	a.halted, a.refused, a.failures = false, false, 0
	a.mu.Unlock()
	a.schedule(syncFirstDelay)
}

func (a *autoSync) schedule(d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.halted {
		return
	}
	a.wait = d
	if !a.timers {
		return
	}
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(d, a.tick)
}

// tick is the timer firing: an automatic round.
func (a *autoSync) tick() { a.round(false) }

// now is "Sync now": a round at once, even after HQ refused the device (so
// that the officer sees why again).
func (a *autoSync) now() { a.sh.background(func() { a.round(true) }) }

// busy reports whether a round is under way, and how far it got.
func (a *autoSync) busy() (bool, client.Progress) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.progress == nil {
		return false, client.Progress{}
	}
	return true, *a.progress
}

// round runs one sync round on the calling goroutine.
func (a *autoSync) round(manual bool) {
	a.mu.Lock()
	if a.running || (a.halted && !manual) {
		a.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	a.running, a.cancel, a.progress = true, cancel, &client.Progress{}
	a.mu.Unlock()

	c, err := client.New(a.sh.store, a.opts)
	if client.KindOf(err) == client.KindNotEnrolled {
		a.finish(cancel)
		return // nothing to do until the officer enrols
	}
	a.notify(func(o syncObserver) { o.syncProgress(client.Progress{}) })
	var rep client.Report
	if err == nil {
		rep, err = c.Sync(ctx, func(p client.Progress) {
			a.mu.Lock()
			a.progress = &p
			a.mu.Unlock()
			a.notify(func(o syncObserver) { o.syncProgress(p) })
			a.sh.refreshStatus()
		})
	}
	a.finish(cancel)
	a.schedule(a.next(err))
	a.sh.afterSync(rep, err)
	a.notify(func(o syncObserver) { o.syncDone(rep, err) })
}

func (a *autoSync) finish(cancel context.CancelFunc) {
	cancel()
	a.mu.Lock()
	a.running, a.cancel, a.progress = false, nil, nil
	a.mu.Unlock()
}

// next is the wait before the following automatic round, given how this
// one ended.
func (a *autoSync) next(err error) time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch client.KindOf(err) {
	case 0:
		a.failures, a.refused = 0, false
		return syncInterval
	case client.KindOffline, client.KindServer, client.KindBusy:
		wait := syncBackoff0 << a.failures
		if wait > syncBackoffMax || wait <= 0 {
			wait = syncBackoffMax
		}
		a.failures++
		return wait
	case client.KindUnauthorized:
		a.halted, a.refused = true, true // revoked or unknown: the sync screen offers enrolling again
		return 0
	}
	a.failures = 0
	return syncInterval
}

// notify hands something to the shown page if it follows sync rounds.
func (a *autoSync) notify(fn func(syncObserver)) {
	onUI(func() {
		if o, ok := a.sh.current().(syncObserver); ok {
			fn(o)
		}
	})
}
