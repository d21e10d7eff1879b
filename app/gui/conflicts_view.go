package gui

import (
	"context"
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

// conflictsPage lists the sync conflicts waiting for a person: two people
// changed the same text, one version was kept in the record and the other
// set aside. Each shows both versions side by side with who wrote each and
// when; the officer keeps one, or merges them by editing, and the decision
// syncs to HQ like any change.
type conflictsPage struct {
	sh   *shell
	list *fyne.Container
	root fyne.CanvasObject
	// merge holds the open merge editor of each conflict (tests type in it).
	merge map[string]*rtl.Entry
}

func newConflictsPage(sh *shell) *conflictsPage {
	p := &conflictsPage{sh: sh, list: container.NewVBox(), merge: map[string]*rtl.Entry{}}
	intro := rtl.NewText(i18n.T("conflicts.intro"))
	p.root = container.NewPadded(container.NewVScroll(container.NewVBox(intro, widget.NewSeparator(), p.list)))
	p.refresh()
	return p
}

func (p *conflictsPage) title() string              { return i18n.T("conflicts.title") }
func (p *conflictsPage) section() string            { return "sync" }
func (p *conflictsPage) content() fyne.CanvasObject { return p.root }

func (p *conflictsPage) refresh() {
	p.sh.background(func() {
		ctx := context.Background()
		open, err := p.sh.store.Conflicts(ctx, "open")
		var sides []data.ConflictSides
		for _, c := range open {
			if err != nil {
				break
			}
			var cs data.ConflictSides
			cs, err = p.sh.store.Sides(ctx, c)
			sides = append(sides, cs)
		}
		onUI(func() { p.show(sides, err) })
	})
}

func (p *conflictsPage) show(sides []data.ConflictSides, err error) {
	p.list.RemoveAll()
	p.merge = map[string]*rtl.Entry{}
	switch {
	case err != nil:
		p.list.Add(rtl.NewText(errText(err)))
	case len(sides) == 0:
		p.list.Add(rtl.NewText(i18n.T("conflicts.none")))
	}
	for _, cs := range sides {
		p.list.Add(p.card(cs))
		p.list.Add(widget.NewSeparator())
	}
	p.list.Refresh()
}

// card is one conflict: what it is about, the two versions side by side
// (the kept one on the start side), and the ways to decide it.
func (p *conflictsPage) card(cs data.ConflictSides) fyne.CanvasObject {
	what := i18n.T("conflicts.what", map[string]string{"Entity": i18n.T("entity." + cs.Entity),
		"Title": cs.RecordTitle, "Field": fieldName(cs.Field)})
	head := rtl.NewLabelWithStyle(what, fyne.TextStyle{Bold: true})
	kept := p.side(i18n.T("conflicts.kept"), cs.KeptValue, cs.KeptBy, cs.KeptAt,
		i18n.T("conflicts.keep_kept"), func() { p.resolve(cs.ID, cs.KeptValue) })
	lost := p.side(i18n.T("conflicts.lost"), cs.LostValue, cs.LostBy, cs.LostAt,
		i18n.T("conflicts.keep_lost"), func() { p.resolve(cs.ID, cs.LostValue) })
	cols := container.NewGridWithColumns(2, kept, lost)
	if rtl.IsRTL() {
		cols = container.NewGridWithColumns(2, lost, kept) // the grid runs left to right
	}
	merged := textArea()
	merged.SetText(cs.KeptValue + "\n" + cs.LostValue)
	p.merge[cs.ID] = merged
	mergeBox := container.NewVBox(rtl.NewLabel(i18n.T("conflicts.merge.hint")), merged,
		atStart(widget.NewButtonWithIcon(i18n.T("conflicts.merge.save"), theme.ConfirmIcon(), func() { p.resolve(cs.ID, merged.Text) })))
	mergeBox.Hide()
	mergeBtn := widget.NewButtonWithIcon(i18n.T("conflicts.merge"), theme.DocumentCreateIcon(), func() { mergeBox.Show() })
	box := container.NewVBox(head)
	if cs.RecordGone {
		box.Add(warningShown(i18n.T("conflicts.gone")))
	}
	box.Add(cols)
	box.Add(atStart(mergeBtn))
	box.Add(mergeBox)
	return box
}

// side is one version: whose, when, the text, and "keep this one".
func (p *conflictsPage) side(label, value, by string, at time.Time, keep string, onKeep func()) fyne.CanvasObject {
	who := i18n.T("conflicts.by", map[string]string{"By": nonEmpty(by, "—"), "When": whenText(at)})
	text := rtl.NewText(nonEmpty(value, i18n.T("conflicts.empty")))
	btn := widget.NewButtonWithIcon(keep, theme.ConfirmIcon(), onKeep)
	return widget.NewCard("", "", container.NewVBox(
		rtl.NewLabelWithStyle(label, fyne.TextStyle{Bold: true}), rtl.NewLabel(who), text, atStart(btn)))
}

// resolve settles one conflict with value and says so; the status line's
// count goes down and the decision goes to HQ with the next round.
func (p *conflictsPage) resolve(id, value string) {
	p.sh.background(func() {
		err := client.ResolveIn(context.Background(), p.sh.store, id, value, p.sh.author())
		onUI(func() {
			p.refresh()
			if err != nil {
				p.sh.say(errText(err))
				return
			}
			p.sh.refreshStatus()
		})
	})
}

// fieldName is a field as the screens label it.
func fieldName(field string) string {
	if s := i18n.T("field." + field); s != "field."+field {
		return s
	}
	return field
}

func whenText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return formatDate(data.FormatTime(t)) + " " + clockOf(t)
}

func nonEmpty(s, fallback string) string {
	if trimmed(s) == "" {
		return fallback
	}
	return s
}

// warningShown is a warningText showing msg.
func warningShown(msg string) *rtl.Text {
	t := warningText()
	showWarning(t, msg)
	return t
}
