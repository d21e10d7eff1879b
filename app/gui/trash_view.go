package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// trashPage lists deleted meetings and people; each can be restored, and a
// meeting comes back with what was recorded in it.
type trashPage struct {
	sh    *shell
	box   *fyne.Container
	count *rtl.Label
	more  *widget.Button
	next  string
}

func newTrashPage(sh *shell) *trashPage {
	t := &trashPage{sh: sh, box: container.NewVBox(), count: rtl.NewLabel(i18n.T("list.loading"))}
	t.more = widget.NewButton(i18n.T("list.more"), func() { t.load(t.next) })
	t.more.Hide()
	t.load("")
	return t
}

func (t *trashPage) title() string   { return i18n.T("nav.trash") }
func (t *trashPage) section() string { return "trash" }
func (t *trashPage) refresh()        { t.box.RemoveAll(); t.load("") }

func (t *trashPage) content() fyne.CanvasObject {
	top := container.NewVBox(rtl.NewText(i18n.T("trash.intro")), t.count, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(t.box, t.more))))
}

func (t *trashPage) load(after string) {
	t.sh.background(func() {
		rows, next, err := t.sh.store.ListDeleted(context.Background(), "", data.Page{Limit: 50, After: after})
		onUI(func() {
			if err != nil {
				t.count.SetText(i18n.T("error.load", map[string]string{"Err": errText(err)}))
				return
			}
			for _, d := range rows {
				t.box.Add(t.row(d))
			}
			t.next = next
			if next == "" {
				t.more.Hide()
			} else {
				t.more.Show()
			}
			t.showCount()
		})
	})
}

func (t *trashPage) showCount() {
	if len(t.box.Objects) == 0 {
		t.count.SetText(i18n.T("trash.empty"))
	} else {
		t.count.SetText(i18n.T("trash.count", map[string]string{"Count": i18n.Number(len(t.box.Objects))}))
	}
}

func (t *trashPage) row(d data.Deleted) fyne.CanvasObject {
	what := i18n.T("trash.meeting")
	if d.Entity == "people" {
		what = i18n.T("trash.person")
	}
	label := rtl.NewLabel(what + ": " + d.Title + " — " + i18n.T("trash.deleted_at", map[string]string{"When": formatDate(d.DeletedAt)}))
	label.Truncate = true
	var row *fyne.Container
	restore := widget.NewButtonWithIcon(i18n.T("trash.restore"), theme.ContentUndoIcon(), func() {
		t.sh.background(func() {
			ctx := context.Background()
			err := t.sh.store.Restore(ctx, t.sh.author(), d.Entity, d.ID)
			onUI(func() {
				if err != nil {
					t.count.SetText(errText(err))
					return
				}
				t.box.Remove(row)
				t.showCount()
				t.sh.say(i18n.T("trash.restored", map[string]string{"Title": d.Title}))
			})
		})
	})
	row = rtl.Border(nil, nil, nil, restore, label)
	return row
}
