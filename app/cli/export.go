package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"mahalleh/data"
)

func runExport(args []string, stdout, stderr io.Writer) int {
	if f := peekFormat(args); f == "xlsx" || f == "csv" {
		return runListExport(args, stdout, stderr) // the lists as people read them: export_lists.go
	}
	fs := NewFlags("export", "--db FILE --format json|csv|xlsx --out PATH", stdout)
	db := fs.String("db", "", "the store to export (must exist)")
	format := fs.String("format", "json", "json (a backup import can read); csv or xlsx: the lists as people read them, with their own options (export --format xlsx --help)")
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
