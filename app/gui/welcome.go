package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/demo"
)

// DemoSize is how many meetings "try it with demo data" makes: enough to
// search, filter and page through, small enough to be ready in seconds.
const DemoSize = 300

// welcome is the first-start screen: the language, who the officer is, and
// a choice between trying the app with demo data and starting for real.
type welcome struct {
	sh       *shell
	name     *rtl.Entry
	district *rtl.Select
	nameErr  *rtl.Label
	progress *widget.ProgressBarInfinite
	buttons  *fyne.Container
	root     fyne.CanvasObject
	next     *widget.Button // the neighbourhoods step's "continue"
}

func newWelcome(sh *shell) *welcome {
	w := &welcome{sh: sh}
	sh.welcome = w // for tests
	return w
}

func (w *welcome) content() fyne.CanvasObject {
	title := rtl.NewLabelWithStyle(i18n.T("welcome.title"), fyne.TextStyle{Bold: true})
	title.TextSize = 22
	intro := rtl.NewText(i18n.T("welcome.intro"))
	langBtn := widget.NewButton(i18n.T("lang.switch"), func() {
		next := i18n.English
		if i18n.Language() == i18n.English {
			next = i18n.Persian
		}
		w.sh.app.Preferences().SetString(prefLanguage, next)
		i18n.SetLanguage(next)
		w.sh.win.SetContent(newWelcome(w.sh).content())
	})
	w.name = textEntry()
	w.name.PlaceHolder = i18n.T("welcome.name.placeholder")
	w.nameErr = errorLabel()
	var districts []string
	for d := 1; d <= 22; d++ {
		districts = append(districts, i18n.T("district", map[string]string{"N": i18n.Number(d)}))
	}
	w.district = rtl.NewSelect(districts, nil)
	w.district.SetSelectedIndex(13)
	form := rtl.Form(
		rtl.NewLabel(i18n.T("welcome.language")), atStart(langBtn),
		rtl.NewLabel(i18n.T("welcome.name")), container.NewVBox(w.name, w.nameErr),
		rtl.NewLabel(i18n.T("welcome.district")), w.district,
	)
	tryBtn := widget.NewButton(i18n.T("welcome.demo"), w.tryDemo)
	realBtn := widget.NewButton(i18n.T("welcome.real"), w.startReal)
	realBtn.Importance = widget.HighImportance
	w.buttons = rtl.HBox(realBtn, tryBtn)
	w.progress = widget.NewProgressBarInfinite()
	w.progress.Hide()
	w.progress.Stop()
	box := container.NewVBox(title, intro, widget.NewSeparator(), form,
		rtl.NewText(i18n.T("welcome.choice")), w.buttons, w.progress)
	w.root = container.NewCenter(container.NewGridWrap(fyne.NewSize(620, 460), box))
	return w.root
}

// profile checks the form; it shows the message beside the name when empty.
func (w *welcome) profile() (data.Profile, bool) {
	p := data.Profile{Officer: w.name.Text, District: w.district.SelectedIndex() + 1}
	if trimmed(p.Officer) == "" {
		w.nameErr.SetText(i18n.T("welcome.name.required"))
		w.nameErr.Show()
		return p, false
	}
	w.nameErr.Hide()
	return p, true
}

// tryDemo fills the store with District 14's demo data, marks it as a demo,
// and opens the meetings.
func (w *welcome) tryDemo() {
	p, ok := w.profile()
	if !ok {
		return
	}
	p.District = demo.District
	w.busy(true)
	w.sh.background(func() {
		ctx := context.Background()
		_, err := demo.Fill(ctx, w.sh.store, w.sh.demoSize, 1404)
		if err == nil {
			err = w.finish(ctx, p)
		}
		onUI(func() { w.done(err) })
	})
}

// startReal saves the profile and opens the sync screen to enrol: the store
// stays empty until HQ sends the district's neighbourhoods and departments.
func (w *welcome) startReal() {
	p, ok := w.profile()
	if !ok {
		return
	}
	w.busy(true)
	w.sh.background(func() {
		err := w.finish(context.Background(), p)
		onUI(func() {
			w.done(err)
			if err == nil {
				w.sh.openSection("sync") // enrolment with HQ's code is the next step
			}
		})
	})
}

func (w *welcome) finish(ctx context.Context, p data.Profile) error {
	if err := w.sh.store.SetProfile(ctx, p); err != nil {
		return err
	}
	return w.sh.store.SetFirstStartDone(ctx)
}

func (w *welcome) busy(on bool) {
	if on {
		w.buttons.Hide()
		w.progress.Show()
		w.progress.Start()
		return
	}
	w.progress.Stop()
	w.progress.Hide()
	w.buttons.Show()
}

func (w *welcome) done(err error) {
	w.busy(false)
	if err != nil {
		dialog.ShowError(personError(err), w.sh.win)
		return
	}
	w.sh.loadProfile(context.Background())
	if len(w.sh.nbhs) == 0 {
		w.sh.showMain()
		return
	}
	w.sh.win.SetContent(w.neighbourhoods())
}

// neighbourhoods is the welcome's second step: which of the district's
// neighbourhoods this office serves. New meetings start in the first one,
// and pickers list them first. None ticked means the whole district.
func (w *welcome) neighbourhoods() fyne.CanvasObject {
	checks := container.NewGridWithColumns(3)
	picked := map[string]bool{}
	for _, n := range w.sh.nbhs {
		n := n
		chk := widget.NewCheck("", func(on bool) { picked[n.ID] = on })
		checks.Add(atStart(chk, rtl.NewLabel(n.Name)))
	}
	next := widget.NewButton(i18n.T("welcome.continue"), func() {
		p := w.sh.profile
		p.Neighbourhoods = nil
		for _, n := range w.sh.nbhs {
			if picked[n.ID] {
				p.Neighbourhoods = append(p.Neighbourhoods, n.ID)
			}
		}
		w.sh.background(func() {
			err := w.sh.store.SetProfile(context.Background(), p)
			onUI(func() {
				if err != nil {
					dialog.ShowError(personError(err), w.sh.win)
					return
				}
				w.sh.loadProfile(context.Background())
				w.sh.showMain()
			})
		})
	})
	next.Importance = widget.HighImportance
	w.next = next
	title := rtl.NewLabelWithStyle(i18n.T("welcome.neighbourhoods"), fyne.TextStyle{Bold: true})
	box := container.NewBorder(container.NewVBox(title, rtl.NewText(i18n.T("welcome.neighbourhoods.help"))), atStart(next), nil, nil,
		container.NewVScroll(checks))
	return container.NewPadded(box)
}

// demoBanner says, on every screen of a demo store, that it is one, and
// offers to empty it and start for real.
func (sh *shell) demoBanner() fyne.CanvasObject {
	msg := rtl.NewLabel(i18n.T("demo.banner"))
	msg.Truncate = true
	empty := widget.NewButton(i18n.T("demo.empty"), sh.confirmEmptyDemo)
	return container.NewStack(tintedBackground(), rtl.Border(nil, nil, nil, empty, msg))
}

func (sh *shell) confirmEmptyDemo() {
	sh.confirm(i18n.T("demo.empty"), i18n.T("demo.empty.confirm"), func(ok bool) {
		if !ok {
			return
		}
		sh.background(func() {
			err := sh.store.EmptyDemo(context.Background())
			onUI(func() {
				if err != nil {
					dialog.ShowError(personError(err), sh.win)
					return
				}
				sh.demo = false
				sh.win.SetContent(newWelcome(sh).content())
			})
		})
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
