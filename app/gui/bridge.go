package gui

import "fyne.io/fyne/v2"

// onUI runs fn on Fyne's UI goroutine. Work done in other goroutines (the
// store, sync) hands its results to widgets only through here.
func onUI(fn func()) { fyne.Do(fn) }
