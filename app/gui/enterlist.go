package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// enterList is a widget.List whose focused row also opens with Enter (the
// List itself selects with Space only), so lists work without a mouse.
type enterList struct {
	widget.List
	rendered bool
}

// CreateRenderer notes that the list is drawn, so it can be scrolled.
func (l *enterList) CreateRenderer() fyne.WidgetRenderer {
	l.rendered = true
	return l.List.CreateRenderer()
}

func newEnterList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *enterList {
	l := &enterList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey turns Enter into the List's own "select the focused row".
func (l *enterList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		k = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	l.List.TypedKey(k)
}

// scrollToTop shows the first row; before the list is on a canvas (its
// first rows arrived before it was drawn) there is nothing to scroll.
func (l *enterList) scrollToTop() {
	if l.rendered {
		l.ScrollToTop()
	}
}
