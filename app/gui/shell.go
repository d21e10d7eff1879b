package gui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// page is one screen shown in the shell's body.
type page interface {
	title() string
	content() fyne.CanvasObject
	section() string // the navigation entry it belongs to
}

// Optional abilities of a page, reached by the window's keyboard shortcuts.
type (
	saver      interface{ save() }        // Ctrl+S
	canceller  interface{ cancel() }      // Esc
	searcher   interface{ focusSearch() } // Ctrl+F
	refresher  interface{ refresh() }     // shown again after Back
	leaveGuard interface {
		// leave is asked before the page is left; it calls proceed when
		// leaving is fine (after asking about unsaved changes, say).
		leave(proceed func())
	}
)

// Sections of the navigation, in reading order. Part 2 adds Home, Action
// items, Concerns, Projects, Calendar, Sync and Settings here.
var sections = []string{"home", "actions", "concerns", "projects", "meetings", "calendar", "reminders", "people", "reports", "sync", "trash", "settings"}

// shell is the window's frame: navigation on the start side (right in
// Persian), the current page, back/forward, and a status line at the bottom
// that part 2 fills with the sync state.
type shell struct {
	app   fyne.App
	win   fyne.Window
	store *data.Store
	// background runs store work off the UI goroutine (go fn()); tests
	// replace it to run fn at once.
	background func(fn func())
	now        func() time.Time
	// Tests: instant skips the typing delays (search, picker); answer, when
	// set, answers confirmation dialogs by their title instead of a person.
	instant  bool
	demoSize int // meetings in a first-start demo store
	answer   func(title string) bool
	// lastDialog is the person form of the last "new person" dialog, which
	// tests fill in and confirm.
	lastDialog *personForm
	welcome    *welcome // the first-start screen last built
	sticky     bool     // the status line holds a message for the next page
	syncer     *autoSync
	syncing    bool // the automatic rounds have been started

	profile data.Profile
	demo    bool
	nbhs    []data.Neighbourhood // the district's, for pickers and filters
	depts   []data.Department

	pages   []page // the back stack; the last one is shown
	forward []page
	body    *fyne.Container
	heading *rtl.Label
	status  *rtl.Label
	back    *widget.Button
	fwd     *widget.Button
	nav     map[string]*widget.Button
	rem     *reminders // what is due, checked on start and by a ticker (reminders.go)
}

func newShell(a fyne.App, w fyne.Window, s *data.Store) *shell {
	sh := &shell{app: a, win: w, store: s, background: func(fn func()) { go fn() }, now: time.Now, demoSize: DemoSize}
	sh.syncer = newAutoSync(sh)
	s.OnWrite(sh.syncer.saved)
	return sh
}

// start shows the first-start welcome on a new store, the meetings otherwise.
func (sh *shell) start(ctx context.Context) {
	done, err := sh.store.FirstStartDone(ctx)
	if err == nil && !done {
		done, err = sh.holdsWork(ctx)
	}
	if err != nil {
		sh.win.SetContent(rtl.NewLabel(i18n.T("error.open", map[string]string{"Err": errText(err)})))
		return
	}
	if !done {
		sh.win.SetContent(newWelcome(sh).content())
		return
	}
	sh.loadProfile(ctx)
	sh.showMain()
}

// holdsWork tells a store made before the first-start screen existed (or by
// the command line) from a new one: it has meetings or is enrolled.
func (sh *shell) holdsWork(ctx context.Context) (bool, error) {
	list, err := sh.store.ListMeetings(ctx, data.Filter{}, data.Page{Limit: 1})
	if err != nil {
		return false, err
	}
	scope, _ := sh.store.SyncScope(ctx)
	if len(list.Rows) == 0 && !scope.Enrolled {
		return false, nil
	}
	return true, sh.store.SetFirstStartDone(ctx)
}

func (sh *shell) loadProfile(ctx context.Context) {
	sh.profile, _ = sh.store.Profile(ctx)
	if sh.profile.District == 0 {
		sh.profile.District = 14
	}
	sh.demo, _ = sh.store.IsDemo(ctx)
	sh.nbhs, _ = sh.store.Neighbourhoods(ctx, sh.profile.District)
	sh.nbhs = officeFirst(sh.nbhs, sh.profile.Neighbourhoods)
	sh.depts, _ = sh.store.Departments(ctx)
}

// neighbourhoodChoices are the district's neighbourhoods for a select.
func (sh *shell) neighbourhoodChoices() (ids, names []string) {
	for _, n := range sh.nbhs {
		ids, names = append(ids, n.ID), append(names, n.Name)
	}
	return ids, names
}

// departmentChoices are the departments, named in the UI language.
func (sh *shell) departmentChoices() (ids, names []string) {
	for _, d := range sh.depts {
		name := d.NameFa
		if i18n.Language() == i18n.English {
			name = d.NameEn
		}
		ids, names = append(ids, d.ID), append(names, name)
	}
	return ids, names
}

// neighbourhoodName is the name of a neighbourhood id ("" when unknown).
func (sh *shell) neighbourhoodName(id string) string {
	for _, n := range sh.nbhs {
		if n.ID == id {
			return n.Name
		}
	}
	return ""
}

// author is who the store records as the maker of a change.
func (sh *shell) author() string {
	if sh.profile.Officer != "" {
		return sh.profile.Officer
	}
	return "officer"
}

// showMain builds the frame and opens the meetings.
func (sh *shell) showMain() {
	sh.pages, sh.forward = nil, nil
	sh.heading = rtl.NewLabelWithStyle("", fyne.TextStyle{Bold: true})
	sh.status = rtl.NewLabel("")
	sh.back = widget.NewButtonWithIcon("", backIcon(), sh.goBack)
	sh.fwd = widget.NewButtonWithIcon("", forwardIcon(), sh.goForward)
	langBtn := widget.NewButton(i18n.T("lang.switch"), sh.switchLanguage)
	top := rtl.Border(nil, nil, rtl.HBox(sh.back, sh.fwd), rtl.HBox(sh.bell(), langBtn), sh.heading)
	var header fyne.CanvasObject = top
	if sh.demo {
		header = container.NewVBox(sh.demoBanner(), top)
	}
	sh.body = container.NewStack()
	frame := rtl.Border(header, container.NewVBox(widget.NewSeparator(), sh.status), sh.navigation(), nil, sh.body)
	sh.win.SetContent(frame)
	sh.installKeys()
	sh.open(newHomePage(sh))
	sh.refreshStatus()
	if !sh.syncing {
		sh.syncing = sh.syncer.start()
	}
}

// navigation is the column of sections on the start side.
func (sh *shell) navigation() fyne.CanvasObject {
	sh.nav = map[string]*widget.Button{}
	box := container.NewVBox()
	for _, sec := range sections {
		sec := sec
		b := widget.NewButtonWithIcon(i18n.T("nav."+sec), sectionIcon(sec), func() { sh.openSection(sec) })
		b.Alignment = widget.ButtonAlignLeading
		if rtl.IsRTL() {
			b.Alignment = widget.ButtonAlignTrailing
		}
		sh.nav[sec] = b
		box.Add(b)
	}
	return container.NewHBox(container.NewPadded(box), widget.NewSeparator())
}

func (sh *shell) openSection(sec string) {
	switch sec {
	case "people":
		sh.open(newPeoplePage(sh))
	case "trash":
		sh.open(newTrashPage(sh))
	case "reports":
		sh.open(newReportsPage(sh))
	case "sync":
		sh.open(newSyncPage(sh))
	case "settings":
		sh.open(newSettingsPage(sh))
	case "home":
		sh.open(newHomePage(sh))
	case "actions":
		sh.open(newActionsPage(sh, "active"))
	case "concerns":
		sh.open(newConcernsPage(sh, ""))
	case "projects":
		sh.open(newProjectsPage(sh))
	case "calendar":
		sh.open(newCalendarPage(sh))
	case "reminders":
		sh.open(newRemindersPage(sh))
	default:
		sh.open(newMeetingsPage(sh))
	}
}

// open shows p, after the current page agrees to be left.
func (sh *shell) open(p page) {
	sh.leaving(func() {
		sh.pages = append(sh.pages, p)
		sh.forward = nil
		sh.show(p)
	})
}

// replace swaps the current page for p (a saved new meeting becomes the
// meeting's own editor) without asking.
func (sh *shell) replace(p page) {
	if len(sh.pages) > 0 {
		sh.pages[len(sh.pages)-1] = p
	} else {
		sh.pages = append(sh.pages, p)
	}
	sh.show(p)
}

func (sh *shell) leaving(proceed func()) {
	if cur := sh.current(); cur != nil {
		if g, ok := cur.(leaveGuard); ok {
			g.leave(proceed)
			return
		}
	}
	proceed()
}

func (sh *shell) current() page {
	if len(sh.pages) == 0 {
		return nil
	}
	return sh.pages[len(sh.pages)-1]
}

func (sh *shell) show(p page) {
	sh.body.Objects = []fyne.CanvasObject{p.content()}
	sh.body.Refresh()
	sh.heading.SetText(p.title())
	for sec, b := range sh.nav {
		if sec == p.section() {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	sh.updateArrows()
	if sh.sticky {
		sh.sticky = false // the message of what just happened stays one page
	} else {
		sh.refreshStatus()
	}
	sh.win.SetTitle(i18n.T("app.title") + " — " + p.title())
}

func (sh *shell) updateArrows() {
	if len(sh.pages) > 1 {
		sh.back.Enable()
	} else {
		sh.back.Disable()
	}
	if len(sh.forward) > 0 {
		sh.fwd.Enable()
	} else {
		sh.fwd.Disable()
	}
}

// goBack returns to the previous page (Alt+Left, or the back button).
func (sh *shell) goBack() {
	if len(sh.pages) < 2 {
		return
	}
	sh.leaving(func() {
		last := sh.pages[len(sh.pages)-1]
		sh.pages = sh.pages[:len(sh.pages)-1]
		sh.forward = append(sh.forward, last)
		sh.reshow()
	})
}

func (sh *shell) goForward() {
	if len(sh.forward) == 0 {
		return
	}
	sh.leaving(func() {
		next := sh.forward[len(sh.forward)-1]
		sh.forward = sh.forward[:len(sh.forward)-1]
		sh.pages = append(sh.pages, next)
		sh.reshow()
	})
}

// close leaves the current page for the one before it (after saving or
// cancelling an editor); it does not ask again.
func (sh *shell) close() {
	if len(sh.pages) < 2 {
		sh.replace(newMeetingsPage(sh))
		return
	}
	sh.pages = sh.pages[:len(sh.pages)-1]
	sh.forward = nil
	sh.reshow()
}

func (sh *shell) reshow() {
	p := sh.current()
	sh.show(p)
	if r, ok := p.(refresher); ok {
		r.refresh()
	}
}

// installKeys binds the window's keyboard: Ctrl+N new meeting, Ctrl+F
// search, Ctrl+S save, Esc cancel, Alt+Left/Right back and forward (mirrored
// in Persian: Alt+Right goes back).
func (sh *shell) installKeys() {
	c := sh.win.Canvas()
	bind := func(key fyne.KeyName, mod fyne.KeyModifier, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { fn() })
	}
	bind(fyne.KeyN, fyne.KeyModifierShortcutDefault, func() { sh.open(newMeetingEditor(sh, "")) })
	bind(fyne.KeyS, fyne.KeyModifierShortcutDefault, func() {
		if s, ok := sh.current().(saver); ok {
			s.save()
		}
	})
	bind(fyne.KeyF, fyne.KeyModifierShortcutDefault, func() {
		if s, ok := sh.current().(searcher); ok {
			s.focusSearch()
		}
	})
	backKey, fwdKey := fyne.KeyLeft, fyne.KeyRight
	if rtl.IsRTL() {
		backKey, fwdKey = fwdKey, backKey
	}
	bind(backKey, fyne.KeyModifierAlt, sh.goBack)
	bind(fwdKey, fyne.KeyModifierAlt, sh.goForward)
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name != fyne.KeyEscape {
			return
		}
		if cc, ok := sh.current().(canceller); ok {
			cc.cancel()
		}
	})
}

// say puts a short message in the status line (saved, deleted, restored…).
func (sh *shell) say(text string) {
	onUI(func() {
		sh.sticky = true
		if sh.status != nil {
			sh.status.SetText(text)
		}
	})
}

// switchLanguage flips Persian/English, remembers it, and rebuilds the
// window on the same screen. An open meeting stays open: its draft is
// written first and brought back by the new editor, so nothing typed is
// lost and nothing is saved that the officer did not save.
func (sh *shell) switchLanguage() {
	reopen := func() {}
	if ed, ok := sh.current().(*meetingEditor); ok {
		ed.flushDraft()
		ed.dirty = false
		id := ed.id
		if ed.isNew {
			id = ""
		}
		reopen = func() { sh.open(newMeetingEditor(sh, id)) }
	}
	sh.leaving(func() {
		next := i18n.English
		if i18n.Language() == i18n.English {
			next = i18n.Persian
		}
		sh.app.Preferences().SetString(prefLanguage, next)
		i18n.SetLanguage(next)
		sec := "home"
		if p := sh.current(); p != nil {
			sec = p.section()
		}
		sh.showMain()
		if sec != "home" {
			sh.openSection(sec)
		}
		reopen()
	})
}

// Icons that point along the reading direction.
func backIcon() fyne.Resource {
	if rtl.IsRTL() {
		return theme.NavigateNextIcon()
	}
	return theme.NavigateBackIcon()
}

func forwardIcon() fyne.Resource {
	if rtl.IsRTL() {
		return theme.NavigateBackIcon()
	}
	return theme.NavigateNextIcon()
}

func sectionIcon(sec string) fyne.Resource {
	switch sec {
	case "people":
		return theme.AccountIcon()
	case "trash":
		return theme.DeleteIcon()
	case "reports":
		return theme.GridIcon()
	case "sync":
		return theme.ViewRefreshIcon()
	case "settings":
		return theme.SettingsIcon()
	case "home":
		return theme.HomeIcon()
	case "actions":
		return theme.ConfirmIcon()
	case "concerns":
		return theme.WarningIcon()
	case "projects":
		return theme.ListIcon()
	case "calendar":
		return theme.CalendarIcon()
	case "reminders":
		return bellIcon
	default:
		return theme.DocumentIcon()
	}
}

// errText is an error as the officer should read it: the store's and the
// sync client's errors carry a Persian message beside the English one.
func errText(err error) string {
	var fa interface{ Persian() string }
	if errors.As(err, &fa) && i18n.Language() == i18n.Persian && fa.Persian() != "" {
		return fa.Persian()
	}
	return err.Error()
}

// officeFirst puts the neighbourhoods the office serves first, in the order
// the store gave them, then the rest of the district.
func officeFirst(all []data.Neighbourhood, mine []string) []data.Neighbourhood {
	ours := map[string]bool{}
	for _, id := range mine {
		ours[id] = true
	}
	var first, rest []data.Neighbourhood
	for _, n := range all {
		if ours[n.ID] {
			first = append(first, n)
		} else {
			rest = append(rest, n)
		}
	}
	return append(first, rest...)
}
