// Package minutes prints the official minutes (صورتجلسه) of a meeting as an
// A4 PDF that a district office signs: the municipality, district and
// neighbourhood header, the title, the Jalali date with its weekday, the
// time and place, the attendees with their roles and a column to sign in,
// the agenda, the summary of the discussion, the concerns raised, the
// decisions, and the action items with who is responsible and by when.
//
// It is Fyne-free (the CLI and the GUI both call it); the PDF comes from
// mahalleh/pdf, which shapes Persian with go-text and orders it with the
// project's UAX #9.
package minutes

import (
	"io"
	"strings"

	"mahalleh/app/bidi"
	"mahalleh/pdf"
)

// Page geometry in points: 15 mm side margins, room for the footer.
const (
	marginSide   = 42.5
	marginTop    = 40
	marginBottom = 62
)

// doc is one minutes document being laid out.
type doc struct {
	*pdf.Flow
	m                                *Meeting
	l                                *labels
	reg, bold                        *pdf.Font
	body, small, strong, head, title pdf.Style
}

// Write renders the minutes of m in lang ("fa" or "en") as a PDF to w.
func Write(w io.Writer, m *Meeting, lang string) error {
	d, err := newDoc(m, lang)
	if err != nil {
		return err
	}
	d.build()
	d.decorate()
	_, err = d.Flow.Doc.WriteTo(w)
	return err
}

// Pages lays out the minutes of m and returns the page count, for tests
// and for the GUI's message.
func Pages(m *Meeting, lang string) (int, error) {
	d, err := newDoc(m, lang)
	if err != nil {
		return 0, err
	}
	d.build()
	return d.Flow.Doc.Pages(), nil
}

func newDoc(m *Meeting, lang string) (*doc, error) {
	l, err := loadLabels(lang)
	if err != nil {
		return nil, err
	}
	reg, bold, err := pdf.Vazirmatn()
	if err != nil {
		return nil, err
	}
	pd := pdf.New(pdf.A4Width, pdf.A4Height)
	pd.RTL = l.rtl()
	pd.Title = l.t("minutes.heading") + " — " + m.Meeting.Title
	pd.AddFont(reg)
	pd.AddFont(bold)
	f := &pdf.Flow{Doc: pd, RTL: l.rtl(), Dir: bidi.Auto,
		Left: marginSide, Right: pdf.A4Width - marginSide,
		Top: marginTop, Bottom: pdf.A4Height - marginBottom}
	if l.rtl() {
		f.Dir = bidi.RTL
	}
	f.NewPage()
	return &doc{Flow: f, m: m, l: l, reg: reg, bold: bold,
		body:   pdf.Style{Font: reg, Size: 10.5},
		small:  pdf.Style{Font: reg, Size: 8.5},
		strong: pdf.Style{Font: bold, Size: 10.5},
		head:   pdf.Style{Font: bold, Size: 12},
		title:  pdf.Style{Font: bold, Size: 15},
	}, nil
}

// build lays out every part, in the order of a district office's minutes.
func (d *doc) build() {
	d.letterhead()
	d.details()
	d.attendees()
	d.numbered("minutes.agenda", d.agendaTexts())
	d.discussion()
	d.concerns()
	d.numbered("minutes.decisions", d.decisionTexts())
	d.actions()
	d.signatures()
}

// decorate draws on every page, once their number is known: a frame and
// the footer with "page n of N".
func (d *doc) decorate() {
	n := d.Flow.Doc.Pages()
	for i := 0; i < n; i++ {
		p := d.Flow.Doc.Page(i)
		p.Box(marginSide-12, marginTop-14, pdf.A4Width-2*marginSide+24, pdf.A4Height-marginTop-marginBottom+34, 0.8, 0.3)
		label := d.l.digits(d.l.t("minutes.page", map[string]any{"N": i + 1, "Of": n}))
		y := pdf.A4Height - marginBottom + 36
		for _, ln := range d.small.Lines(label, 0, d.Dir) {
			p.Text(ln, (pdf.A4Width-ln.Width)/2, y)
		}
		stamp := d.l.t("minutes.heading") + " " + d.shortDate()
		for _, ln := range d.small.Lines(stamp, 0, d.Dir) {
			x := marginSide
			if d.RTL {
				x = pdf.A4Width - marginSide - ln.Width
			}
			p.Text(ln, x, y)
		}
	}
}

// heading starts a section: a shaded bar with its name, kept with at
// least the first lines of what follows.
func (d *doc) heading(key string) {
	d.Gap(10)
	h := pdf.Leading(d.head) + 6
	d.Need(h + 3*pdf.Leading(d.body))
	d.Page.Fill(d.Left, d.Y, d.Width(), h, 0.88)
	d.Place(d.Lines(d.head, d.l.t(key), d.Width()-16), d.Left+8, d.Width()-16, d.Y+3, pdf.AlignStart)
	d.Y += h + 5
}

// numbered prints a section of numbered points with a hanging indent, or
// "none recorded" when there are none.
func (d *doc) numbered(key string, items []string) {
	d.heading(key)
	if len(items) == 0 {
		d.Text(d.body, d.l.t("minutes.none"), pdf.AlignStart, 8)
		return
	}
	const numW = 22
	for i, it := range items {
		lines := d.Lines(d.body, it, d.Width()-numW-8)
		d.Need(pdf.Leading(d.body))
		num := d.Lines(d.strong, d.l.digits(itoa(i+1))+".", numW)
		x := d.Left
		if d.RTL {
			x = d.Right - numW - 8
		} else {
			x += 8
		}
		d.Place(num, x, numW, d.Y, pdf.AlignStart)
		tx := d.Left
		if !d.RTL {
			tx = d.Left + numW + 8
		}
		for _, ln := range lines {
			d.Need(pdf.Leading(d.body))
			d.Y += d.Place([]pdf.Line{ln}, tx, d.Width()-numW-8, d.Y, pdf.AlignStart)
		}
		d.Y += 2
	}
}

// discussion prints the minutes text, paragraph by paragraph.
func (d *doc) discussion() {
	d.heading("minutes.discussion")
	text := strings.TrimSpace(d.m.Meeting.Minutes)
	if text == "" {
		d.Text(d.body, d.l.t("minutes.none"), pdf.AlignStart, 8)
		return
	}
	for _, para := range strings.Split(text, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			d.Text(d.body, para, pdf.AlignStart, 8)
			d.Y += 4
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
