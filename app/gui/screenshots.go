package gui

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/datepicker"
	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/jalali"
)

// ScreenNames are the screens Screenshots renders, one PNG each, with the
// same names in every language.
var ScreenNames = []string{"welcome", "meetings", "meeting_editor", "attendee_picker", "people", "person_editor", "date_picker", "sync", "conflicts", "trash",
	"home", "actions", "action_log", "concerns", "projects", "reports", "settings", "calendar_month", "calendar_week", "reminders", "attachments"}

// Screenshots renders every main screen of the store at dbPath to PNG files
// in outDir, in language, with Fyne's headless driver: anyone can see the
// app without a display. It only reads the store. It returns the files
// written.
func Screenshots(dbPath, outDir, language string) (files []string, err error) {
	// Fyne's headless driver wants UI work off the process's main
	// goroutine, as the window's own driver does it.
	done := make(chan struct{})
	go func() {
		defer close(done)
		files, err = screenshots(dbPath, outDir, language)
	}()
	<-done
	return files, err
}

func screenshots(dbPath, outDir, language string) ([]string, error) {
	s, err := data.Open(dbPath)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("screenshots: %w", err)
	}
	a := test.NewApp()
	defer a.Quit()
	a.Settings().SetTheme(rtl.NewTheme(theme.VariantLight))
	i18n.SetLanguage(language)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1180, 760))
	sh := newShell(a, w, s)
	sh.background = func(fn func()) { fn() }
	sh.syncer.timers = false
	sh.instant = true
	ctx := context.Background()
	sh.loadProfile(ctx)

	var files []string
	shoot := func(name string) error {
		path := filepath.Join(outDir, name+".png")
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("screenshots: %w", err)
		}
		defer f.Close()
		settle(w)
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			return fmt.Errorf("screenshots: %s: %w", name, err)
		}
		files = append(files, path)
		return nil
	}
	for _, name := range ScreenNames {
		if err := sh.stage(ctx, name); err != nil {
			return files, err
		}
		if err := shoot(name); err != nil {
			return files, err
		}
	}
	return files, nil
}

// stage puts the window in the state a screenshot shows.
func (sh *shell) stage(ctx context.Context, name string) error {
	for _, o := range sh.win.Canvas().Overlays().List() {
		sh.win.Canvas().Overlays().Remove(o)
	}
	latest, err := sh.store.ListMeetings(ctx, data.Filter{}, data.Page{Limit: 1})
	if err != nil {
		return err
	}
	meetingID := ""
	if len(latest.Rows) > 0 {
		meetingID = latest.Rows[0].ID
	}
	switch name {
	case "welcome":
		sh.win.SetContent(newWelcome(sh).content())
	case "meetings":
		sh.showMain()
		sh.openSection("meetings") // the main window starts on Home
	case "meeting_editor", "attendee_picker":
		sh.showMain()
		ed := newMeetingEditor(sh, meetingID)
		sh.open(ed)
		if name == "attendee_picker" && ed.att != nil {
			test.Type(ed.att.picker, pickerLetters(ctx, sh))
		}
	case "people":
		sh.showMain()
		sh.openSection("people")
	case "person_editor":
		sh.showMain()
		people, _, err := sh.store.ListPeople(ctx, data.Filter{District: sh.profile.District}, data.Page{Limit: 1})
		if err != nil {
			return err
		}
		p := data.Person{Role: "resident"}
		if len(people) > 0 {
			p = people[0]
		}
		sh.open(newPersonEditor(sh, p))
	case "date_picker":
		sh.showMain()
		sh.open(newMeetingEditor(sh, meetingID))
		datepicker.ShowDialog(sh.win, jalali.FromTime(time.Now().In(jalali.Tehran())), func(jalali.Date) {})
	case "trash":
		sh.showMain()
		sh.openSection("trash")
	case "sync":
		sh.showMain()
		sh.openSection("sync")
	case "conflicts":
		sh.showMain()
		sh.open(newConflictsPage(sh))
	case "settings":
		sh.showMain()
		sh.openSection("settings")
	case "reports":
		sh.showMain()
		sh.openSection("reports")
	case "home", "actions", "concerns", "projects":
		sh.showMain()
		sh.openSection(name)
	case "calendar_month", "calendar_week", "reminders", "attachments":
		sh.showMain()
		sh.stageFollowUp(name, latest.Rows)
	case "action_log":
		sh.showMain()
		return sh.stageActionLog(ctx)
	}
	return nil
}

// stageActionLog opens an action item in progress (one with a follow-up
// log in a demo store), or any action item.
func (sh *shell) stageActionLog(ctx context.Context) error {
	for _, status := range []string{"in_progress", ""} {
		rows, _, err := sh.store.ListActionRows(ctx, data.ActionFilter{District: sh.profile.District, Status: status}, data.Page{Limit: 1}, sh.today())
		if err != nil {
			return err
		}
		if len(rows) > 0 {
			sh.open(newActionPage(sh, rows[0].ID))
			return nil
		}
	}
	return nil
}

// pickerLetters are the first letters of a name in the register, as an
// officer would type them to find that person.
func pickerLetters(ctx context.Context, sh *shell) string {
	people, _, _ := sh.store.ListPeople(ctx, data.Filter{District: sh.profile.District}, data.Page{Limit: 3})
	if len(people) == 0 {
		return "ع"
	}
	r := []rune(people[len(people)-1].Name)
	return string(r[:min(3, len(r))])
}

// settle lays the window out again from the top, as the desktop driver
// does on the next frame: a wrapped text learns its width in the first
// layout and only then knows its height, and the headless driver never
// makes that second pass by itself.
func settle(w fyne.Window) {
	for range 2 {
		relayout(w.Content())
		for _, o := range w.Canvas().Overlays().List() {
			relayout(o)
		}
	}
}

func relayout(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}
