package minutes

import (
	"bytes"
	"encoding/json"
	"text/template"

	"mahalleh/assets"
	"mahalleh/data/persian"
)

// labels are the document's fixed texts in one language, from the same
// flat files as the UI (assets/i18n): app/i18n cannot be used here, since it
// holds the UI's current language and imports Fyne.
type labels struct {
	lang string
	strs map[string]string
}

func loadLabels(lang string) (*labels, error) {
	if lang != "en" {
		lang = "fa"
	}
	b, err := assets.Translations.ReadFile("i18n/" + lang + ".json")
	if err != nil {
		return nil, err
	}
	l := &labels{lang: lang, strs: map[string]string{}}
	return l, json.Unmarshal(b, &l.strs)
}

// t returns the text of key filled from data; a missing key shows itself.
func (l *labels) t(key string, data ...any) string {
	s, ok := l.strs[key]
	if !ok {
		return key
	}
	if len(data) > 0 {
		var b bytes.Buffer
		if tp, err := template.New(key).Parse(s); err == nil && tp.Execute(&b, data[0]) == nil {
			s = b.String()
		}
	}
	return s
}

// opt returns the label of an enum value (prefix.value), or the value itself
// when it has none, and "" for "".
func (l *labels) opt(prefix, v string) string {
	if v == "" {
		return ""
	}
	if s, ok := l.strs[prefix+"."+v]; ok {
		return s
	}
	return v
}

// digits writes generated numbers (row numbers, dates, pages) in the
// document's digits; what people typed is printed as they typed it.
func (l *labels) digits(s string) string {
	if l.lang == "fa" {
		return persian.Digits(s)
	}
	return persian.LatinDigits(s)
}

func (l *labels) rtl() bool { return l.lang == "fa" }
