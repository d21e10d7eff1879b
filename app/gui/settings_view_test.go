package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mahalleh/app/i18n"
)

// Settings: the dark theme applies at once and is remembered, the officer's
// new name is kept by the store, and the language switches without a restart.
func TestSettingsThemeNameAndLanguage(t *testing.T) {
	s, _ := testStore(t, "", true)
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("settings")
	p := sh.current().(*settingsPage)

	choose(t, p.themes.Select, i18n.T("settings.theme.dark"))
	bg := sh.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if r, g, b, _ := bg.RGBA(); r+g+b > 3*0x8000 {
		t.Fatalf("after choosing the dark theme the background is %v", bg)
	}
	if sh.app.Preferences().String(prefTheme) != "dark" {
		t.Fatal("the theme is not remembered")
	}

	retype(p.officer, "مریم رضایی")
	test.Tap(p.saveBtn)
	prof, err := s.Profile(context.Background())
	if err != nil || prof.Officer != "مریم رضایی" || prof.District != 14 {
		t.Fatalf("the store's profile is %+v (%v), want the new name in district 14", prof, err)
	}

	choose(t, p.language.Select, i18n.T("settings.lang.en"))
	if i18n.Language() != i18n.English || sh.nav["settings"].Text != "Settings" {
		t.Fatalf("after choosing English the language is %s and the navigation says %q", i18n.Language(), sh.nav["settings"].Text)
	}
	if _, still := sh.current().(*settingsPage); !still {
		t.Fatalf("after switching the language the window shows %T, want the settings", sh.current())
	}
}

// Fyne's own widgets (its dialogs' buttons) speak the UI language.
func TestFyneDialogsSpeakTheUILanguage(t *testing.T) {
	test.NewTempApp(t)
	i18n.SetLanguage(i18n.Persian)
	defer i18n.SetLanguage(i18n.Persian)
	if got := lang.L("Cancel"); got != "انصراف" {
		t.Errorf("in Persian Fyne's Cancel reads %q", got)
	}
	i18n.SetLanguage(i18n.English)
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("in English Fyne's Cancel reads %q", got)
	}
}

// A backup made from the settings restores into an empty store with every
// meeting the test wrote; a damaged file restores nothing and says so.
func TestBackupAndRestoreFromSettings(t *testing.T) {
	s, _ := testStore(t, "", true)
	want := meetingTitles(t, s)
	sh, _ := testShell(t, s, i18n.Persian)
	sh.openSection("settings")
	p := sh.current().(*settingsPage)
	path := filepath.Join(t.TempDir(), "backup.json")
	p.backup.backupTo(path)
	if !strings.Contains(p.backup.message.Text, path) {
		t.Fatalf("after the backup the settings say %q", p.backup.message.Text)
	}

	empty, _ := testStore(t, "", false) // the register, no meetings
	sh2, _ := testShell(t, empty, i18n.Persian)
	sh2.openSection("settings")
	p2 := sh2.current().(*settingsPage)
	p2.backup.restoreFrom(path)
	if got := meetingTitles(t, empty); strings.Join(got, "|") != strings.Join(want, "|") || len(got) == 0 {
		t.Fatalf("the restored store holds %q, want %q", got, want)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	writeFile(t, bad, "{\"format\": \"mahalleh-export\", \"version\": 1, \"meetings\": [")
	other, _ := testStore(t, "", false)
	sh3, _ := testShell(t, other, i18n.Persian)
	sh3.openSection("settings")
	p3 := sh3.current().(*settingsPage)
	p3.backup.restoreFrom(bad)
	if got := meetingTitles(t, other); len(got) != 0 {
		t.Fatalf("a damaged backup wrote %q", got)
	}
	if p3.backup.message.Text == i18n.T("settings.backup.working") || strings.Contains(p3.backup.message.Text, "انجام شد") {
		t.Fatalf("a damaged backup's message is %q", p3.backup.message.Text)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
