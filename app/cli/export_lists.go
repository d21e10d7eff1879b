package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
	"mahalleh/data/tabular"
)

// peekFormat returns the value of --format in args without parsing them,
// so that runExport can hand the spreadsheet formats to runListExport,
// which takes its own options (--list and the filters).
func peekFormat(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, p := range []string{"--format", "-format"} {
			if a == p && i+1 < len(args) {
				return args[i+1]
			}
			if v, ok := strings.CutPrefix(a, p+"="); ok {
				return v
			}
		}
	}
	return ""
}

// refuseOverwrite is the --force rule of every command that writes a file:
// an existing file is left alone unless force is set (shared by the list
// export and, when merged, the JSON export).
func refuseOverwrite(path string, force bool) error { return tabular.CheckNew(path, force) }

// runListExport writes one list (or, for XLSX without --list, every list)
// as a person reads it: the same filters as the list's screen, Persian or
// English headers, Jalali dates and a Gregorian column.
func runListExport(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("export", "--db FILE --format xlsx|csv [--list meetings|people|concerns|actions|projects] [filters] --out PATH [--force] [--lang fa|en]", stdout)
	db := fs.String("db", "", "the store to export (must exist)")
	format := fs.String("format", "xlsx", "xlsx (a workbook) or csv (one list, UTF-8 with a byte order mark)")
	list := fs.String("list", "", "meetings, people, concerns, actions or projects (xlsx without --list: every list, one sheet each)")
	out := fs.String("out", "", "the file to write; an existing file is refused unless --force")
	force := fs.Bool("force", false, "replace --out if it exists")
	lang := fs.String("lang", "fa", "the language of headers and labels: fa or en")
	q := fs.String("q", "", "only records matching this text (as the list's search box)")
	hood := fs.String("neighbourhood", "", "only this neighbourhood (its id or its name)")
	district := fs.Int("district", 0, "only this district (0: every district of the store)")
	kind := fs.String("kind", "", "meetings: the kind; people: the role")
	status := fs.String("status", "", "concerns, actions, projects: the status (actions also: overdue)")
	from := fs.String("from", "", "from this Jalali date, e.g. 1404-01-01 (meetings, concerns; actions: the deadline)")
	to := fs.String("to", "", "up to and including this Jalali date")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	lists := tabular.Lists
	if *list != "" {
		l, ok := tabular.ParseList(*list)
		if !ok {
			return UsageError(stderr, "export", "فهرست «"+*list+"» شناخته نشد؛ meetings یا people یا concerns یا actions یا projects", "unknown list "+*list+"; use meetings, people, concerns, actions or projects")
		}
		lists = []tabular.List{l}
	}
	switch {
	case *db == "":
		return missingDB(stderr, "export")
	case *out == "" || *out == "-":
		return UsageError(stderr, "export", "گزینه --out (مسیر پرونده خروجی) لازم است", "--out PATH is required (a file, not standard output)")
	case *format != "xlsx" && *format != "csv":
		return UsageError(stderr, "export", "قالب «"+*format+"» پشتیبانی نمی‌شود؛ xlsx یا csv", "unknown format "+*format+"; use xlsx or csv")
	case *format == "csv" && *list == "":
		return UsageError(stderr, "export", "برای csv با --list فهرستی را نام ببرید (هر پرونده CSV یک فهرست)", "csv needs --list: a CSV file holds one list")
	case *lang != "fa" && *lang != "en":
		return UsageError(stderr, "export", "زبان «"+*lang+"» پشتیبانی نمی‌شود؛ fa یا en", "unknown language "+*lang+"; use fa or en")
	case fs.NArg() > 0:
		return extraArgs(stderr, "export", fs)
	}
	f := data.Filter{Text: *q, District: *district, Kind: *kind, Status: *status}
	var err error
	if f.From, f.To, err = jalaliRange(*from, *to); err != nil {
		return Fail(stderr, err)
	}
	if err := refuseOverwrite(*out, *force); err != nil {
		return Fail(stderr, err)
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx, stop := signalContext()
	defer stop()
	if f.NeighbourhoodID, err = neighbourhoodID(ctx, s, *hood); err != nil {
		return Fail(stderr, err)
	}
	last := time.Now()
	o := tabular.Options{Lang: *lang, Filter: f, Progress: func(done, total int) {
		if time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "export: %d/%d rows read\n", done, total)
		}
	}}
	if err := tabular.Export(ctx, s, *out, tabular.Format(*format), lists, *force, o); err != nil {
		return Fail(stderr, err)
	}
	fmt.Fprintf(stdout, "export: wrote %s (%s)\n", *out, *format)
	return ExitOK
}

// jalaliRange reads --from and --to (Jalali dates, any digits) as the
// half-open range the store's filters take: --to is included.
func jalaliRange(from, to string) (time.Time, time.Time, error) {
	var out [2]time.Time
	for i, s := range []string{from, to} {
		if s == "" {
			continue
		}
		d, err := jalali.Parse(s)
		if err != nil {
			return out[0], out[1], fail("تاریخ «%s» خوانده نشد؛ آن را به شکل ۱۴۰۴-۰۱-۰۱ بنویسید.", "cannot read the date %q; write it as 1404-01-01.", s)
		}
		if i == 1 {
			d = d.AddDays(1)
		}
		out[i] = d.Time(jalali.Tehran())
	}
	return out[0], out[1], nil
}

// neighbourhoodID accepts a neighbourhood's id or its name.
func neighbourhoodID(ctx context.Context, s *data.Store, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	hs, err := s.Neighbourhoods(ctx, 0)
	if err != nil {
		return "", err
	}
	for _, h := range hs {
		if h.ID == v || persian.Normalize(h.Name) == persian.Normalize(v) {
			return h.ID, nil
		}
	}
	return "", fail("محله «%s» در این پایگاه داده نیست؛ شناسه یا نام محله را بررسی کنید.", "no neighbourhood %q in this store; check its id or name.", v)
}
