// Package i18n holds the UI language: Persian (the default) or English, and
// the strings of each, from the flat JSON files in assets/i18n.
//
// Fyne's lang package picks the language from the operating system's
// locale, but an officer on an English Windows still works in Persian, and
// switches at will; so the choice is the app's, made here. The same files
// are also handed to lang.AddTranslationsFS so Fyne's own widgets find them.
package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	gosync "sync"
	"text/template"

	"fyne.io/fyne/v2/lang"

	"mahalleh/app/rtl"
	"mahalleh/assets"
	"mahalleh/data/persian"
)

// Languages the UI speaks.
const (
	Persian = "fa"
	English = "en"
)

var (
	mu      gosync.RWMutex
	current = Persian
	strs    = map[string]map[string]string{}
)

func init() {
	for _, l := range []string{Persian, English} {
		b, err := assets.Translations.ReadFile("i18n/" + l + ".json")
		if err != nil {
			panic(err) // embedded at build time: cannot be missing
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("assets/i18n/%s.json: %v", l, err)) // caught by TestTranslations
		}
		strs[l] = m
	}
	_ = lang.AddTranslationsFS(assets.Translations, "i18n")
}

// SetLanguage switches the UI language and the layout direction with it.
func SetLanguage(l string) {
	if l != English {
		l = Persian
	}
	mu.Lock()
	current = l
	mu.Unlock()
	followFyne(l)
	if l == Persian {
		rtl.SetDirection(rtl.RTL)
	} else {
		rtl.SetDirection(rtl.LTR)
	}
}

// Language returns the current UI language.
func Language() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// T returns the string for key in the current language, filled from data
// (a map or struct for {{.Name}} placeholders; format numbers with Number
// first). A missing key shows itself, so it is noticed.
func T(key string, data ...any) string {
	mu.RLock()
	s, ok := strs[current][key]
	mu.RUnlock()
	if !ok {
		return key
	}
	if len(data) > 0 {
		var b bytes.Buffer
		if t, err := template.New(key).Parse(s); err == nil && t.Execute(&b, data[0]) == nil {
			s = b.String()
		}
	}
	return s
}

// Keys returns the keys of a language, for tests that compare languages.
func Keys(l string) []string {
	var out []string
	for k := range strs[l] {
		out = append(out, k)
	}
	return out
}

// Number formats n for the current language: Persian digits and separators
// in Persian, plain digits in English.
func Number(n int) string {
	if Language() == Persian {
		return persian.FormatInt(int64(n))
	}
	return fmt.Sprint(n)
}
