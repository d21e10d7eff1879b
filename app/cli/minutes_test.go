package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mahalleh/data"
	"mahalleh/data/demo"
	"mahalleh/pdf/pdftest"
)

// TestMinutesCommand prints a demo meeting's minutes from the command line,
// reads the title back from the PDF, refuses to replace the file without
// --force, and says what is wrong with a bad id or missing flags.
func TestMinutesCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := demo.Fill(ctx, s, 3, 1404); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListMeetings(ctx, data.Filter{}, data.Page{Limit: 1})
	if err != nil || len(list.Rows) == 0 {
		t.Fatalf("no demo meeting: %v", err)
	}
	mt := list.Rows[0].Meeting
	s.Close()
	out := filepath.Join(dir, "minutes.pdf")
	run := func(args ...string) (int, string) {
		var o, e bytes.Buffer
		code := Main(append([]string{"minutes"}, args...), &o, &e)
		return code, o.String() + e.String()
	}
	if code, msg := run("--db", db, "--meeting", mt.ID, "--out", out); code != ExitOK {
		t.Fatalf("minutes: exit %d: %s", code, msg)
	}
	text := strings.Join(pdftest.Text(t, out), "")
	if !strings.Contains(pdftest.Words(text), pdftest.Words(mt.Title)) {
		t.Errorf("the title %q is not in the minutes:\n%s", mt.Title, text)
	}
	before, _ := os.ReadFile(out)
	if code, msg := run("--db", db, "--meeting", mt.ID, "--out", out, "--lang", "en"); code != ExitFailure || !strings.Contains(msg, "--force") {
		t.Errorf("a second run over the file: exit %d, want 1 and a hint about --force: %s", code, msg)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Error("the existing file was changed without --force")
	}
	if code, msg := run("--db", db, "--meeting", mt.ID, "--out", out, "--lang", "en", "--force"); code != ExitOK {
		t.Errorf("--force: exit %d: %s", code, msg)
	}
	if !strings.Contains(strings.Join(pdftest.Text(t, out), ""), "Minutes of meeting") {
		t.Error("--lang en did not print English labels")
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--db", db, "--meeting", "no-such-id", "--out", filepath.Join(dir, "x.pdf")}, ExitFailure, "meeting"},
		{[]string{"--db", db, "--out", filepath.Join(dir, "x.pdf")}, ExitUsage, "--meeting"},
		{[]string{"--db", db, "--meeting", mt.ID}, ExitUsage, "--out"},
		{[]string{"--db", db, "--meeting", mt.ID, "--out", filepath.Join(dir, "x.pdf"), "--lang", "de"}, ExitUsage, "fa or en"},
		{[]string{"--db", filepath.Join(dir, "none.db"), "--meeting", mt.ID, "--out", filepath.Join(dir, "x.pdf")}, ExitFailure, "not found"},
	} {
		if code, msg := run(c.args...); code != c.code || !strings.Contains(msg, c.want) {
			t.Errorf("minutes %v: exit %d, want %d with %q: %s", c.args, code, c.code, c.want, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed run left a file behind")
	}
}
