package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"mahalleh/data"
	"mahalleh/data/demo"
	"mahalleh/data/tabular"
)

// hinted adds what to do next to an error's messages.
func hinted(err error, fa, en string) error {
	var de *data.Error
	if errors.As(err, &de) {
		c := *de
		c.MsgFa = strings.TrimSuffix(c.Persian(), ".") + ". " + fa
		c.Msg = strings.TrimSuffix(c.Msg, ".") + "; " + en
		return &c
	}
	return err
}

// openExisting opens a store that must already exist: export and conflicts
// must never create an empty store because of a typo in --db.
func openExisting(path string) (*data.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fail("پایگاه داده «%s» پیدا نشد. مسیر --db را بررسی کنید.",
			"database %s not found; check the --db path.", path)
	}
	s, err := data.Open(path)
	if err != nil {
		return nil, hinted(err, "مطمئن شوید --db به پایگاه داده محله اشاره می‌کند.", "make sure --db names a Mahalleh store.")
	}
	return s, nil
}

// signalContext is cancelled by Ctrl-C, so that a long demo or import stops
// between transactions instead of being killed in the middle of one.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("demo", "--db FILE [--size N] [--seed S]", stdout)
	db := fs.String("db", "", "the store to fill (created if missing)")
	size := fs.Int("size", 500, "how many meetings to make (each with attendees, agenda, concerns, decisions, action items)")
	seed := fs.Int64("seed", 1404, "the same seed gives the same data")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	if *db == "" {
		return missingDB(stderr, "demo")
	}
	if *size < 0 || fs.NArg() > 0 {
		return UsageError(stderr, "demo", "--size باید عدد صفر یا بیشتر باشد و آرگومان اضافه مجاز نیست", "--size must be zero or more, and no other arguments are taken")
	}
	s, err := data.Open(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx, stop := signalContext()
	defer stop()
	last := time.Now()
	st, err := demo.Fill(ctx, s, *size, *seed, demo.WithProgress(func(done, total int) {
		if time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "%d/%d meetings\n", done, total)
		}
	}))
	if err != nil {
		return Fail(stderr, hinted(err, "جلسه‌هایی که پیش از خطا نوشته شدند در پایگاه داده مانده‌اند.", "the meetings written before the error are kept."))
	}
	fmt.Fprintf(stdout, "demo: %s\n", st)
	if st.Skipped > 0 {
		fmt.Fprintf(stdout, "demo: %d records were already there (same seed) and were left alone\n", st.Skipped)
	}
	fmt.Fprintf(stdout, "demo: done in %s\n", st.Elapsed.Round(time.Millisecond))
	return ExitOK
}

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("import", "--db FILE [--dry-run] [--district N] PATH (a JSON backup, or people from .xlsx/.csv)", stdout)
	db := fs.String("db", "", "the store to import into (created if missing)")
	author := fs.String("author", "import", "who the change log says made the import")
	dryRun := fs.Bool("dry-run", false, "check the file and list what is wrong; write nothing")
	district := fs.Int("district", 0, "people: the district whose register they join (0: the store's)")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	if *db == "" {
		return missingDB(stderr, "import")
	}
	if fs.NArg() != 1 {
		return UsageError(stderr, "import", "یک و فقط یک پرونده پشتیبان (JSON) را نام ببرید", "name exactly one JSON backup file")
	}
	path := fs.Arg(0)
	if tabular.IsSpreadsheet(path) {
		return importPeople(*db, path, *author, *district, *dryRun, stdout, stderr) // import_people.go
	}
	f, err := os.Open(path)
	if err != nil {
		return Fail(stderr, fail("پرونده «%s» پیدا نشد یا خوانده نمی‌شود. مسیر را بررسی کنید.", "file %s not found or unreadable; check the path.", path))
	}
	defer f.Close()
	const nothing, nothingEn = "هیچ چیزی وارد نشد؛ پرونده را بررسی یا از نو خروجی بگیرید.", "nothing was imported; check the file or export it again."
	if *dryRun { // the whole file is checked as a restore would, nothing written
		if _, err := data.CheckExport(f); err != nil {
			return Fail(stderr, hinted(err, nothing, nothingEn))
		}
		fmt.Fprintln(stdout, "import: the backup reads correctly; nothing written (--dry-run)")
		return ExitOK
	}
	_, statErr := os.Stat(*db)
	s, err := data.Open(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	ctx, stop := signalContext()
	defer stop()
	res, err := s.Import(ctx, f, *author, data.OnProgress(progressLine(stderr, "import")))
	s.Close()
	if err != nil {
		if statErr != nil { // the store was made for this import: take it away again
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(*db + suffix)
			}
		}
		return Fail(stderr, hinted(err, nothing, nothingEn))
	}
	fmt.Fprintf(stdout, "import: %d added, %d updated, %d unchanged\n", res.Added, res.Updated, res.Unchanged)
	return ExitOK
}

// progressLine prints "op: done/total records" to w every two seconds
// and at the end, for a backup or restore that takes minutes.
func progressLine(w io.Writer, op string) func(done, total int) {
	last := time.Now()
	return func(done, total int) {
		if done == total || time.Since(last) >= 2*time.Second {
			last = time.Now()
			fmt.Fprintf(w, "%s: %d/%d records\n", op, done, total)
		}
	}
}

func runConflicts(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("conflicts", "--db FILE [--all]", stdout)
	db := fs.String("db", "", "the store to read")
	all := fs.Bool("all", false, "include conflicts already resolved")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	if *db == "" {
		return missingDB(stderr, "conflicts")
	}
	if fs.NArg() > 0 {
		return extraArgs(stderr, "conflicts", fs)
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	state := "open"
	if *all {
		state = ""
	}
	list, err := s.Conflicts(context.Background(), state)
	if err != nil {
		return Fail(stderr, err)
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "no sync conflicts are waiting (تعارضی در انتظار تصمیم نیست)")
		return ExitOK
	}
	printConflicts(stdout, list)
	return ExitOK
}

func printConflicts(w io.Writer, list []data.Conflict) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tENTITY\tRECORD\tFIELD\tKEPT\tLOST\tLOST BY\tWHEN")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.State, c.Entity, c.RecordID, c.Field,
			short(c.KeptValue), short(c.LostValue), c.LostBy, c.CreatedAt)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d conflicts; open them in the app to choose the text to keep.\n", len(list))
}

// short shows the start of a long text on one line.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}
