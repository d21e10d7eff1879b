package gui

import (
	"os"
	"path/filepath"
	"testing"

	"mahalleh/app/i18n"
)

// The settings and the sync screen of a laptop not yet enrolled (its enrol
// form), in both languages, as goldens. The store lives at a fixed path,
// because the settings show it.
func TestSettingsAndSyncGolden(t *testing.T) {
	dir := filepath.Join(os.TempDir(), "mahalleh-golden")
	os.RemoveAll(dir)
	t.Cleanup(func() { os.RemoveAll(dir) })
	s, _ := testStore(t, filepath.Join(dir, "store.db"), true)
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			sh, w := testShell(t, s, language)
			sh.openSection("settings")
			assertScreen(t, w, "settings_"+language+".png", nil)
			sh.openSection("sync")
			assertScreen(t, w, "sync_enrol_"+language+".png", nil)
		})
	}
}
