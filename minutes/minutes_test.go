package minutes

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mahalleh/pdf/pdftest"
)

// writeMinutes prints the minutes of meeting id to a file and returns its
// path; MINUTES_OUT=dir keeps a copy to look at.
func writeMinutes(t *testing.T, m *Meeting, lang string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "minutes-"+lang+".pdf")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, m, lang); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("MINUTES_OUT"); dir != "" {
		b, _ := os.ReadFile(file)
		os.WriteFile(filepath.Join(dir, t.Name()+"-"+lang+".pdf"), b, 0o644)
	}
	return file
}

func TestTry(t *testing.T) {
	s, sm := openSeed(t, 0)
	m, err := Load(context.Background(), s, sm.id)
	if err != nil {
		t.Fatal(err)
	}
	file := writeMinutes(t, m, "fa")
	text := strings.Join(pdftest.Text(t, file), "\f")
	t.Log(text)
}
