package gui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"mahalleh/app/i18n"
)

// mahalleh screenshots writes every main screen, one PNG each, with the
// same names in Persian and English, at the window's size.
func TestScreenshotsOfEveryScreen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shots.db")
	s, _ := testStore(t, path, true)
	s.Close()
	defer i18n.SetLanguage(i18n.Persian)
	names := map[string][]string{}
	for _, language := range []string{"fa", "en"} {
		dir := filepath.Join(t.TempDir(), language)
		files, err := Screenshots(path, dir, language)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			r, err := os.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(r)
			r.Close()
			if err != nil {
				t.Fatalf("%s is not a PNG: %v", f, err)
			}
			if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 700 {
				t.Errorf("%s is %dx%d, want the whole window", f, b.Dx(), b.Dy())
			}
			names[language] = append(names[language], filepath.Base(f))
		}
	}
	if len(names["fa"]) != len(ScreenNames) || len(names["en"]) != len(ScreenNames) {
		t.Fatalf("screens written: %v, want %d in each language", names, len(ScreenNames))
	}
	for i := range names["fa"] {
		if names["fa"][i] != names["en"][i] || names["fa"][i] != ScreenNames[i]+".png" {
			t.Errorf("file %d is %s in Persian and %s in English, want %s.png", i, names["fa"][i], names["en"][i], ScreenNames[i])
		}
	}
}
