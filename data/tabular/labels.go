// Package tabular turns the app's lists (meetings, people, concerns, action
// items, projects) into tables a spreadsheet opens: XLSX through excelize
// (right to left, Persian headers, Jalali dates with a Gregorian column, a
// frozen header row, fitted column widths) and CSV in UTF-8 with a byte
// order mark. It also reads the register of people back from such a file
// (ImportPeople). It has no Fyne in it, so the window and the command line
// share it.
//
// The headers and value labels come from the app's own translation files
// (assets/i18n), read here directly: app/i18n would bring Fyne along.
package tabular

import (
	"encoding/json"

	"mahalleh/assets"
)

// Languages of an export's headers and labels.
const (
	Persian = "fa"
	English = "en"
)

var texts = loadTexts()

func loadTexts() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range []string{Persian, English} {
		m := map[string]string{}
		b, err := assets.Translations.ReadFile("i18n/" + l + ".json")
		if err == nil {
			err = json.Unmarshal(b, &m)
		}
		if err != nil {
			m = map[string]string{} // caught by TestLabelsExist: every key then shows itself
		}
		out[l] = m
	}
	return out
}

// lang returns l if it is a language of the app, else Persian (the default).
func lang(l string) string {
	if l == English {
		return English
	}
	return Persian
}

// label returns the text of key in language l; a missing key shows itself,
// so that it is noticed.
func label(l, key string) string {
	if s, ok := texts[lang(l)][key]; ok {
		return s
	}
	return key
}

// valueLabel is the label of an enumerated value ("kind.council" →
// «نشست شورایاری»); an empty value stays empty and an unknown one shows as stored.
func valueLabel(l, prefix, value string) string {
	if value == "" {
		return ""
	}
	if s, ok := texts[lang(l)][prefix+"."+value]; ok {
		return s
	}
	return value
}

// Translate is the text of key in language l from the app's translation files,
// for other Fyne-free writers of tables and documents (the report's files).
func Translate(l, key string) string { return label(l, key) }

// ValueLabel is the label of an enumerated value (prefix "kind", value
// "council"), as the lists' exports write it.
func ValueLabel(l, prefix, value string) string { return valueLabel(l, prefix, value) }
