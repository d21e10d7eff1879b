package gui

import (
	gosync "sync"
	"time"
)

// Delays after the last keystroke before typing is acted on.
const (
	searchDelay = 250 * time.Millisecond // a list's search box
	pickerDelay = 120 * time.Millisecond // the attendee picker
)

// debouncer runs an action once typing pauses: each call of run puts the
// action off by delay again, and it then runs on the UI goroutine. Tests
// (shell.instant) run it at once, so they see each step's result.
type debouncer struct {
	sh    *shell
	delay time.Duration
	mu    gosync.Mutex // guards timer
	timer *time.Timer
}

func (d *debouncer) run(fn func()) {
	if d.sh.instant {
		fn()
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { onUI(fn) })
}

// stop drops an action that has not run yet.
func (d *debouncer) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
}
