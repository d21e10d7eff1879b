package gui

import (
	"context"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/sync/client"
)

// Preference keys of the window (Fyne's Preferences, per user).
const (
	prefLanguage = "language"
	prefTheme    = "theme" // "light" or "dark"
)

// settingsPage is where an officer changes the language and the theme, their
// own name, sees where the data lives, makes a backup or restores one, and
// sees the device's enrolment with HQ.
type settingsPage struct {
	sh       *shell
	language *choice
	themes   *choice
	officer  *rtl.Entry
	saveBtn  *widget.Button
	backup   *backupBox
	syncInfo *rtl.Text
	root     fyne.CanvasObject
}

func newSettingsPage(sh *shell) *settingsPage {
	p := &settingsPage{sh: sh, officer: textEntry(), syncInfo: rtl.NewText("")}
	p.language = newChoice("settings.lang.", []string{i18n.Persian, i18n.English}, false)
	p.language.set(i18n.Language())
	p.language.OnChanged = func(string) {
		if p.language.value() != i18n.Language() {
			sh.switchLanguage()
		}
	}
	p.themes = newChoice("settings.theme.", []string{"light", "dark"}, false)
	p.themes.set(sh.themeName())
	p.themes.OnChanged = func(string) { sh.setTheme(p.themes.value()) }
	p.officer.SetText(sh.profile.Officer)
	p.saveBtn = widget.NewButtonWithIcon(i18n.T("settings.officer.save"), theme.DocumentSaveIcon(), p.saveOfficer)
	p.backup = newBackupBox(sh)

	folder := filepath.Dir(sh.store.Path())
	openFolder := widget.NewButtonWithIcon(i18n.T("settings.folder.open"), theme.FolderOpenIcon(), func() {
		sh.openURL(storage.NewFileURI(folder).String())
	})
	district := i18n.Number(sh.profile.District)
	form := rtl.Form(
		rtl.NewLabel(i18n.T("settings.language")), p.language,
		rtl.NewLabel(i18n.T("settings.theme")), p.themes,
		rtl.NewLabel(i18n.T("settings.officer")), p.officer,
		rtl.NewLabel(i18n.T("settings.district")), rtl.NewLabel(district),
	)
	body := container.NewVBox(
		sectionTitle(i18n.T("settings.general")), form, atStart(p.saveBtn),
		widget.NewSeparator(), sectionTitle(i18n.T("settings.folder")),
		rtl.NewLabel("\u2066"+sh.store.Path()+"\u2069"), atStart(openFolder), // a path reads left to right
		widget.NewSeparator(), sectionTitle(i18n.T("settings.backup")), p.backup.content(),
		widget.NewSeparator(), sectionTitle(i18n.T("settings.sync")), p.syncInfo,
		atStart(widget.NewButtonWithIcon(i18n.T("settings.sync.open"), theme.ViewRefreshIcon(), func() { sh.openSection("sync") })),
	)
	p.root = container.NewPadded(container.NewVScroll(body))
	p.refresh()
	return p
}

func (p *settingsPage) title() string              { return i18n.T("nav.settings") }
func (p *settingsPage) section() string            { return "settings" }
func (p *settingsPage) content() fyne.CanvasObject { return p.root }

// refresh shows the device's enrolment: server, device, district, role.
func (p *settingsPage) refresh() {
	p.sh.background(func() {
		st, err := client.StatusOf(context.Background(), p.sh.store)
		onUI(func() {
			switch {
			case err != nil:
				p.syncInfo.SetText(errText(err))
			case p.sh.demo:
				p.syncInfo.SetText(i18n.T("sync.demo"))
			case !st.Enrolled:
				p.syncInfo.SetText(i18n.T("settings.sync.none"))
			default:
				p.syncInfo.SetText(i18n.T("settings.sync.info", map[string]string{"Server": st.Server, "Device": st.DeviceID,
					"District": i18n.Number(st.District), "Role": i18n.T("sync.role." + st.Role)}))
			}
		})
	})
}

// saveOfficer keeps the officer's name, which signs every record they write.
func (p *settingsPage) saveOfficer() {
	name := trimmed(p.officer.Text)
	if name == "" {
		p.sh.say(i18n.T("welcome.name.required"))
		return
	}
	prof := p.sh.profile
	prof.Officer = name
	p.sh.background(func() {
		err := p.sh.store.SetProfile(context.Background(), prof)
		onUI(func() {
			if err != nil {
				p.sh.say(errText(err))
				return
			}
			p.sh.profile = prof
			p.sh.say(i18n.T("settings.officer.saved"))
		})
	})
}

// setTheme switches between the light and the dark theme at once and
// remembers the choice.
func (sh *shell) setTheme(name string) {
	variant := theme.VariantLight
	if name == "dark" {
		variant = theme.VariantDark
	} else {
		name = "light"
	}
	sh.app.Preferences().SetString(prefTheme, name)
	sh.app.Settings().SetTheme(rtl.NewTheme(variant))
}

func (sh *shell) themeName() string {
	if sh.app.Preferences().StringWithFallback(prefTheme, "light") == "dark" {
		return "dark"
	}
	return "light"
}

// openURL hands a file or web address to the system; a failure is said.
func (sh *shell) openURL(raw string) {
	u, err := url.Parse(raw)
	if err == nil {
		err = sh.app.OpenURL(u)
	}
	if err != nil {
		sh.say(i18n.T("error.open_url", map[string]string{"Err": err.Error()}))
	}
}

// sectionTitle is the bold title of a part of a screen.
func sectionTitle(text string) fyne.CanvasObject {
	return rtl.NewLabelWithStyle(text, fyne.TextStyle{Bold: true})
}
