// Package gui is Mahalleh's desktop window. It builds the screens from the
// widgets of app/rtl, reads and writes through package data, and never
// touches a widget from another goroutine except through the bridge
// (bridge.go). The shell (shell.go) holds the navigation and the status
// line; each screen has its own file.
package gui

import (
	"context"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/assets"
	"mahalleh/data"
)

// AppID identifies Mahalleh to the operating system (preferences, data folder).
const AppID = "ir.tehran.mahalleh"

// wmClass is the title the window is created with. GLFW makes a window's
// title at creation its X11 class (WM_CLASS), and desktops match that class
// against the desktop entry's StartupWMClass (FyneApp.toml's Name) to show
// the window under its launcher with its icon. Created with its Persian
// title, the window's class was "محله" and a dock showed it as a second,
// generic icon; so it is created under this name and given its title in the
// UI language back as soon as it exists.
const wmClass = "Mahalleh"

// DefaultDBPath is the store in the user's data folder:
// ~/.local/share/mahalleh on Linux, %AppData%\mahalleh on Windows.
func DefaultDBPath() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".local", "share")
		}
	}
	if appData := os.Getenv("APPDATA"); appData != "" {
		dir = appData
	}
	return filepath.Join(dir, "mahalleh", "mahalleh.db")
}

// Run opens the store at dbPath ("" for the default) and shows the window
// until it is closed.
func Run(dbPath string) error {
	if dbPath == "" {
		dbPath = DefaultDBPath()
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	language := a.Preferences().StringWithFallback(prefLanguage, i18n.Persian)
	if env := os.Getenv("MAHALLEH_LANG"); env != "" {
		language = env // for screenshots and support calls
	}
	i18n.SetLanguage(language)
	variant := theme.VariantLight
	if a.Preferences().String(prefTheme) == "dark" {
		variant = theme.VariantDark
	}
	a.Settings().SetTheme(rtl.NewTheme(variant))
	w := a.NewWindow(i18n.T("app.title"))
	store, err := data.Open(dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	sh := newShell(a, w, store)
	w.Resize(fyne.NewSize(1180, 760))
	sh.start(context.Background())
	sh.startReminders()
	w.SetCloseIntercept(func() {
		// An editor writes its draft now, so closing loses nothing typed.
		if ed, ok := sh.current().(*meetingEditor); ok {
			ed.flushDraft()
		}
		sh.syncer.stop()
		w.Close()
	})
	title := w.Title()
	w.SetTitle(wmClass)
	w.Show() // creates the window now: this is the main goroutine
	w.SetTitle(title)
	a.Run()
	return nil
}

// checkDisplay refuses to start on a Linux or BSD machine with no graphical
// session: GLFW would otherwise panic deep inside the driver.
func checkDisplay() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return &data.Error{Op: "open window", Code: data.ErrInvalid,
		Msg:   "there is no graphical display (DISPLAY is not set); start Mahalleh from the desktop, or use its commands (mahalleh --help)",
		MsgFa: "نمایشگر گرافیکی در دسترس نیست؛ محله را از میز کار باز کنید یا از فرمان‌های آن استفاده کنید (mahalleh --help)"}
}
