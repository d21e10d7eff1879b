package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
)

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("export", "--db FILE --format json|csv|xlsx --out PATH", stdout)
	db := fs.String("db", "", "the store to export (must exist)")
	format := fs.String("format", "json", "json (a backup import can read), csv (a folder of one file per record type) or xlsx (one sheet per record type)")
	out := fs.String("out", "", "where to write; for json, - means standard output")
	district := fs.Int("district", 0, "only this district's records (0: all)")
	force := fs.Bool("force", false, "replace --out if it exists")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	switch {
	case *db == "":
		return missingDB(stderr, "export")
	case *out == "":
		return UsageError(stderr, "export", "گزینه --out (مسیر خروجی) لازم است", "--out PATH is required")
	case *format != "json" && *format != "csv" && *format != "xlsx":
		return UsageError(stderr, "export", "قالب «"+*format+"» پشتیبانی نمی‌شود؛ json یا csv یا xlsx", "unknown format "+*format+"; use json, csv or xlsx")
	case *out == "-" && *format != "json":
		return UsageError(stderr, "export", "فقط خروجی json را می‌توان به خروجی استاندارد فرستاد", "only json can be written to standard output")
	case fs.NArg() > 0:
		return extraArgs(stderr, "export", fs)
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx := context.Background()
	switch *format {
	case "json":
		err = exportJSON(ctx, s, *district, *out, *force, stdout, stderr)
	case "csv":
		err = exportTables(ctx, s, *district, *out, writeCSVFolder)
	case "xlsx":
		err = exportTables(ctx, s, *district, *out, writeWorkbook)
	}
	if err != nil {
		return Fail(stderr, err)
	}
	if *out != "-" {
		fmt.Fprintf(stdout, "export: wrote %s (%s)\n", *out, *format)
	}
	return ExitOK
}

// exportJSON writes the backup document to a temporary file beside out and
// renames it into place, so a failed export never leaves half a backup. A
// name ending in .gz is compressed; an existing file is replaced only with
// --force (yesterday's good backup is not lost to a typo).
func exportJSON(ctx context.Context, s *data.Store, district int, out string, force bool, stdout, stderr io.Writer) error {
	progress := data.OnProgress(progressLine(stderr, "export"))
	if out == "-" {
		return s.Export(ctx, stdout, district, progress)
	}
	if _, err := os.Stat(out); err == nil && !force {
		return fail("«%s» از پیش هست. نام دیگری بدهید یا با --force آن را جایگزین کنید.",
			"%s already exists; give another name, or --force to replace it.", out)
	}
	opts := []data.BackupOption{progress}
	if strings.HasSuffix(out, ".gz") {
		opts = append(opts, data.Gzip())
	}
	return atomicWrite(out, func(w io.Writer) error { return s.Export(ctx, w, district, opts...) })
}

func atomicWrite(out string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return cannotWrite(out)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return cannotWrite(out)
	}
	if err := tmp.Close(); err != nil {
		return cannotWrite(out)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return cannotWrite(out)
	}
	return nil
}

func cannotWrite(out string) error {
	return fail("نوشتن در «%s» ممکن نشد. پوشه را بررسی کنید و جای خالی دیسک را ببینید.",
		"cannot write %s; check the folder exists and is writable, and that the disk has room.", out)
}

// table is one entity's records as text cells, header first.
type table struct {
	name string
	rows [][]string
}

// tables reads the export document back into one table per entity, in
// registry order, columns in registry order: the CSV and XLSX exports hold
// exactly what the JSON backup holds.
func tables(ctx context.Context, s *data.Store, district int) ([]table, error) {
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, district); err != nil {
		return nil, err
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		return nil, err
	}
	out := make([]table, 0, len(data.Entities))
	for i := range data.Entities {
		e := &data.Entities[i]
		fields := e.AllFields()
		header := make([]string, len(fields))
		for j, f := range fields {
			header[j] = f.Name
		}
		dec := json.NewDecoder(bytes.NewReader(doc[e.Name]))
		dec.UseNumber()
		var recs []map[string]any
		if err := dec.Decode(&recs); err != nil {
			return nil, err
		}
		t := table{name: e.Name, rows: [][]string{header}}
		for _, r := range recs {
			row := make([]string, len(fields))
			for j, f := range fields {
				row[j] = cell(r[f.Name])
			}
			t.rows = append(t.rows, row)
		}
		out = append(out, t)
	}
	return out, nil
}

func cell(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func exportTables(ctx context.Context, s *data.Store, district int, out string, write func(string, []table) error) error {
	ts, err := tables(ctx, s, district)
	if err != nil {
		return err
	}
	return write(out, ts)
}

// writeCSVFolder writes one UTF-8 CSV per entity (with a byte order mark, so
// that Excel shows Persian text right) into the folder out. A folder, not a
// zip: an officer opens each file with a double click in Excel or
// LibreOffice, which a zip would first make them extract. The folder is
// built beside out under a temporary name and renamed when complete.
func writeCSVFolder(out string, ts []table) error {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fail("پوشه «%s» خالی نیست. یک پوشه تازه یا خالی برای خروجی CSV نام ببرید.",
			"folder %s is not empty; name a new or empty folder for the CSV export.", out)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return cannotWrite(out)
	}
	defer os.RemoveAll(tmp)
	for _, t := range ts {
		var b bytes.Buffer
		b.WriteString("\ufeff")
		w := csv.NewWriter(&b)
		w.WriteAll(neutralised(t))
		if err := os.WriteFile(filepath.Join(tmp, t.name+".csv"), b.Bytes(), 0o644); err != nil {
			return cannotWrite(out)
		}
	}
	os.Remove(out) // an empty folder may stand where the export goes
	if err := os.Rename(tmp, out); err != nil {
		return cannotWrite(out)
	}
	return nil
}

// formulaStarts are the first characters that make Excel and LibreOffice
// read a CSV cell as a formula (=HYPERLINK(...) in a person's notes would
// run when the officer opens the file).
const formulaStarts = "=+-@\t\r"

// neutralised returns the rows of t for a CSV file: a text field's cell that
// starts like a formula gets a leading apostrophe, which the spreadsheet
// shows as text and hides. Numbers, times and ids are left alone (they never
// start so, but a number's minus sign must stay a number). XLSX needs none
// of this: its cells are typed strings, never formulas.
func neutralised(t table) [][]string {
	e := data.EntityByName(t.name)
	if e == nil || len(t.rows) == 0 {
		return t.rows
	}
	fields := e.AllFields()
	out := make([][]string, len(t.rows))
	out[0] = t.rows[0]
	for i, row := range t.rows[1:] {
		n, copied := row, false
		for j, c := range row {
			if j < len(fields) && fields[j].Kind == data.KindText && c != "" && strings.ContainsRune(formulaStarts, rune(c[0])) {
				if !copied {
					n, copied = slices.Clone(row), true
				}
				n[j] = "'" + c
			}
		}
		out[i+1] = n
	}
	return out
}

// writeWorkbook writes one sheet per entity, named with the entity's English
// name (sheet names are what scripts and formulas refer to), with the field
// names as the header row.
func writeWorkbook(out string, ts []table) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range ts {
		if i == 0 {
			f.SetSheetName("Sheet1", t.name)
		} else if _, err := f.NewSheet(t.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(t.name)
		if err != nil {
			return err
		}
		for r, row := range t.rows {
			vals := make([]any, len(row))
			for j, c := range row {
				vals[j] = c
			}
			addr, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(addr, vals); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return atomicWrite(out, func(w io.Writer) error {
		if _, err := f.WriteTo(w); err != nil {
			return cannotWrite(out)
		}
		return nil
	})
}
