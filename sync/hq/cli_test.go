package hq

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mahalleh/data"
	"mahalleh/sync/hq/sqlitehq"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hq.db")
	code, out, errs := runCLI("enrol-code", "--db", db, "--district", "14", "--officer", "Zahra Ahmadi")
	if code != 0 || !regexp.MustCompile(`Enrolment code: [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}`).MatchString(out) || !strings.Contains(out, "Expires:") {
		t.Fatalf("enrol-code: %d %q %q", code, out, errs)
	}
	for _, bad := range [][]string{
		{"enrol-code", "--db", db, "--district", "23", "--officer", "x"},
		{"enrol-code", "--db", db, "--district", "0", "--officer", "x"},
		{"enrol-code", "--db", db, "--district", "0", "--officer", "x", "--role", "officer"},
		{"enrol-code", "--db", db, "--district", "14"},
		{"enrol-code", "--db", db, "--officer", "x"},
		{"enrol-code", "--db", db, "--district", "14", "--officer", "x", "--role", "admin"},
		{"enrol-code", "--db", db, "--district", "fourteen"},
		{"export", "--db", db, "--district", "14", "--format", "csv", "--out", filepath.Join(dir, "x")},
		{"export", "--db", db, "--district", "14"},
		{"export", "--db", db, "--out", filepath.Join(dir, "x")},
		{"revoke", "--db", db},
		{"devices", "--db", db, "extra"},
		{"serve", "--db", db, "--tls-cert", "c.pem"},
		{"frobnicate"},
		{},
	} {
		if code, _, errs := runCLI(bad...); code != 2 || (len(bad) > 0 && errs == "") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", bad, code, errs)
		}
	}
	if code, _, _ := runCLI("enrol-code", "--db", db, "--district", "0", "--officer", "HQ analyst", "--role", "hq"); code != 0 {
		t.Error("hq code for district 0 refused")
	}
	for _, cmd := range []string{"serve", "enrol-code", "devices", "revoke", "export"} {
		if code, out, _ := runCLI(cmd, "--help"); code != 0 || !strings.Contains(out, "--db") && !strings.Contains(out, "-db") {
			t.Errorf("%s --help: %d %q", cmd, code, out)
		}
	}

	st, err := sqlitehq.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI("devices", "--db", db)
	if code != 0 || !strings.Contains(out, "No devices") {
		t.Fatalf("devices with none enrolled: %d %q", code, out)
	}
	srv := httptest.NewServer(NewServer(st, nil))
	env := &hqEnv{t: t, store: st, srv: srv}
	dev := env.enrol(3, "officer", "Reza Karimi")
	srv.Close()
	st.Close()
	code, out, _ = runCLI("devices", "--db", db)
	if code != 0 || !strings.Contains(out, dev.DeviceID) || !strings.Contains(out, "Reza Karimi") || !strings.Contains(out, "LAST SYNC") {
		t.Fatalf("devices: %d %q", code, out)
	}
	if code, out, _ := runCLI("revoke", dev.DeviceID, "--db", db); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: %d %q", code, out)
	}
	_, out, _ = runCLI("devices", "--db", db)
	if line := out[strings.Index(out, dev.DeviceID):]; strings.HasSuffix(strings.TrimSpace(strings.Split(line, "\n")[0]), "-") {
		t.Fatalf("revoked device shows no revocation time: %q", line)
	}
	if code, _, errs := runCLI("revoke", "no-such-device", "--db", db); code != 1 || !strings.Contains(errs, "no device") {
		t.Fatalf("revoke unknown: %d %q", code, errs)
	}
	outPath := filepath.Join(dir, "d14.json")
	if code, _, errs := runCLI("export", "--db", db, "--district", "14", "--format", "json", "--out", outPath); code != 0 {
		t.Fatalf("export: %d %q", code, errs)
	}
	f, err := os.Open(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := data.ReadExport(f)
	if err != nil || len(doc["departments"]) != 10 {
		t.Fatalf("export is not a valid Mahalleh export with the 10 departments: %v", err)
	}
	if code, _, errs := runCLI("export", "--db", db, "--district", "14", "--format", "json", "--out", filepath.Join(dir, "no", "such", "dir", "x.json")); code != 1 || errs == "" {
		t.Fatalf("export to a missing folder: %d %q", code, errs)
	}
}
