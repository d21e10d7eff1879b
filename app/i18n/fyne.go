package i18n

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// fyneKeys are the strings Fyne's own widgets ask its lang package for: the
// buttons of its dialogs, an entry's context menu, the file dialog. Fyne
// ships no Persian, and it picks its language from the operating system,
// not from the app; followFyne makes its widgets speak the UI language.
var fyneKeys = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
	"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent"}

// followFyne hands Fyne the UI language's strings for its own widgets, under
// the language Fyne chose from the system and under its fallback, English,
// so whichever it uses shows them.
func followFyne(l string) {
	m := map[string]string{}
	for _, k := range fyneKeys {
		if s, ok := strs[l][k]; ok {
			m[k] = s
		}
	}
	b, err := json.Marshal(m)
	if err != nil || len(m) == 0 {
		return
	}
	targets := []fyne.Locale{"en"}
	if sys := lang.SystemLocale().LanguageString(); sys != "" && sys != "en" {
		targets = append(targets, fyne.Locale(sys))
	}
	for _, loc := range targets {
		_ = lang.AddTranslationsForLocale(b, loc)
	}
}
