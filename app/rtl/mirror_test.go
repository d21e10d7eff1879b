package rtl

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func box() *canvas.Rectangle {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(20, 20))
	return r
}

func TestMirrorLayouts(t *testing.T) {
	newTestApp(t)
	for _, d := range []Direction{RTL, LTR} {
		withDir(t, d)
		first, second := box(), box()
		row := HBox(first, second)
		start, end, center := box(), box(), box()
		border := Border(nil, nil, start, end, center)
		label, field := box(), box()
		form := Form(label, field)
		for _, o := range []fyne.CanvasObject{row, border, form} {
			w := test.NewWindow(o)
			w.Resize(fyne.NewSize(200, 60))
			w.Close()
		}
		rtl := d == RTL
		if (first.Position().X > second.Position().X) != rtl {
			t.Errorf("dir %d: HBox first at %v, second at %v", d, first.Position(), second.Position())
		}
		if (start.Position().X > end.Position().X) != rtl {
			t.Errorf("dir %d: Border start at %v, end at %v", d, start.Position(), end.Position())
		}
		if (label.Position().X > field.Position().X) != rtl {
			t.Errorf("dir %d: Form label at %v, field at %v", d, label.Position(), field.Position())
		}
		if got := Column(0, 4); got != map[bool]int{true: 3, false: 0}[rtl] {
			t.Errorf("dir %d: Column(0,4) = %d", d, got)
		}
	}
}
