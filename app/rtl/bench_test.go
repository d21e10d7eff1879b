package rtl

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// cpuTime is the CPU time this process has used (user + system). The
// benchmarks report it per op as well because this 2-core machine is
// shared, and wall time then overstates the cost.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU starts the CPU clock; call the result when the loop is done.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// rowTexts are mixed Persian rows like those of the meetings list.
func rowTexts(n int) []string {
	forms := []string{
		"نشست با معتمدان محله %d در تاریخ 1404/07/%02d برگزار شد",
		"پیگیری مطالبه‌ی ساکنین کوچه %d درباره‌ی پارک «لاله» (مهلت: 1404/08/%02d)",
		"Field visit: بازدید از سرای محله %d با شورایار، ساعت 10:%02d",
		"اقدام %d: آسفالت خیابان شهید %02d — مسئول: معاونت عمرانی",
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(forms[i%len(forms)], i+1, i%30+1)
	}
	return out
}

// BenchmarkListLayout50Rows lays out (wrap + bidi + measure) the 50
// visible rows of a list at row width: the work of one frame in which
// every row is new to the widget. Shaped words stay cached across
// frames, as they do in the running app.
func BenchmarkListLayout50Rows(b *testing.B) {
	newTestApp(b)
	texts := rowTexts(50)
	runes := make([][]rune, len(texts))
	for i, s := range texts {
		runes[i] = []rune(s)
	}
	o := Options{Dir: RTL, Style: Style{Size: 14}, MaxWidth: 380}
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		for _, r := range runes {
			NewLayout(r, o)
		}
	}
}

// BenchmarkListLayout50RowsCold is the same with the shaping cache
// emptied every frame: the first time rows are seen.
func BenchmarkListLayout50RowsCold(b *testing.B) {
	newTestApp(b)
	texts := rowTexts(50)
	o := Options{Dir: RTL, Style: Style{Size: 14}, MaxWidth: 380}
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		shared.mu.Lock()
		clear(shared.cache)
		shared.mu.Unlock()
		for _, s := range texts {
			NewLayout([]rune(s), o)
		}
	}
}

// benchTable scrolls a 2000-row, 4-column table one screen per
// iteration, so that every visible cell gets new text.
func benchTable(b *testing.B, cell func() fyne.CanvasObject, set func(fyne.CanvasObject, string)) {
	newTestApp(b)
	texts := rowTexts(2000)
	t := widget.NewTable(func() (int, int) { return len(texts), 4 }, cell,
		func(id widget.TableCellID, o fyne.CanvasObject) { set(o, texts[(id.Row+id.Col*7)%len(texts)]) })
	for c := 0; c < 4; c++ {
		t.SetColumnWidth(c, 200)
	}
	w := test.NewWindow(t)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	row := 0
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		row = (row + 17) % (len(texts) - 20)
		t.ScrollTo(widget.TableCellID{Row: row})
	}
}

func BenchmarkTableScrollRTLCell(b *testing.B) {
	benchTable(b, func() fyne.CanvasObject { return NewCell() }, SetCell)
}

func BenchmarkTableScrollWidgetLabel(b *testing.B) {
	benchTable(b, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(o fyne.CanvasObject, s string) { o.(*widget.Label).SetText(s) })
}

func BenchmarkTableScrollWidgetLabelNoTruncation(b *testing.B) {
	benchTable(b, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(o fyne.CanvasObject, s string) { o.(*widget.Label).SetText(s) })
}
