package gui

import (
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Keystrokes close together run the action once, after the pause.
func TestDebouncerRunsOnceAfterThePause(t *testing.T) {
	test.NewTempApp(t)
	d := &debouncer{sh: &shell{}, delay: 20 * time.Millisecond}
	var runs atomic.Int32
	done := make(chan struct{}, 3)
	for range 3 {
		d.run(func() { runs.Add(1); done <- struct{}{} })
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the action never ran")
	}
	d.stop()
	if n := runs.Load(); n != 1 {
		t.Fatalf("three quick calls ran the action %d times, want once", n)
	}
}
