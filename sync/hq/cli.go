package hq

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	msync "mahalleh/sync"
	"mahalleh/sync/hq/pghq"
	"mahalleh/sync/hq/sqlitehq"
)

// Exit statuses of mahalleh-hq.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const mainUsage = `mahalleh-hq: the HQ server of Mahalleh, and its administration.

Usage:
  mahalleh-hq serve       [--addr HOST:PORT] [--tls-cert FILE --tls-key FILE] [--insecure-http]
                          (default 127.0.0.1:8443; plain HTTP only on loopback)
  mahalleh-hq enrol-code  --district N --officer NAME [--role officer|supervisor|hq]
  mahalleh-hq devices
  mahalleh-hq revoke      DEVICE
  mahalleh-hq export      --district N --format json --out PATH
  mahalleh-hq reference   import --district N FILE.csv|FILE.xlsx [--dry-run]
  mahalleh-hq reference   list [--district N]
  mahalleh-hq actions     --district N [--status open|in_progress|done|cancelled] [--overdue]
  mahalleh-hq action      show ID
  mahalleh-hq action      set-status ID --status S --note TEXT --by NAME
                          (devices of the district receive it on their next sync)
  mahalleh-hq report      --period 1404-07|1404-Q3|1404 [--district N] --out PATH.xlsx|PATH.pdf [--lang fa|en] [--force]

Every command takes --db FILE (SQLite, default mahalleh-hq.db) or
--postgres URL (postgres://user:password@host:5432/dbname).
"mahalleh-hq COMMAND --help" explains a command.
`

// command is one subcommand: its flags are added to fs, run does the work.
type command struct {
	summary string
	flags   func(fs *flag.FlagSet) func(ctx context.Context, env *cliEnv) error
}

// cliEnv is what a running command has: its output and its open store.
type cliEnv struct {
	stdout, stderr io.Writer
	args           []string // positional arguments
	open           func(ctx context.Context) (Store, error)
}

var commands = map[string]command{
	"serve":      {"run the HQ server", serveFlags},
	"enrol-code": {"make a one-time enrolment code for a device", enrolCodeFlags},
	"devices":    {"list enrolled devices", devicesFlags},
	"revoke":     {"revoke a device's access", revokeFlags},
	"export":     {"export a district's records as JSON", exportFlags},
	"reference":  {"import a district's subdistricts and neighbourhoods from CSV or XLSX, or list them", referenceFlags},
	"actions":    {"list a district's action items, by deadline", actionsFlags},
	"action":     {"show an action item with its whole follow-up log, or set its status with a note", actionFlags},
	"report":     {"write the performance report of a Jalali month, season or year across districts, as XLSX or PDF", reportFlags},
}

// usageError is bad input on the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Main runs mahalleh-hq with args (without the program name) and returns
// its exit status: 0 success, 1 failure, 2 bad usage.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprint(stdout, mainUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "mahalleh-hq: unknown command %q\n\n%s", args[0], mainUsage)
		return exitUsage
	}
	name := args[0]
	fs := flag.NewFlagSet("mahalleh-hq "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "mahalleh-hq.db", "the HQ database: a SQLite `FILE`")
	pgURL := fs.String("postgres", "", "the HQ database on PostgreSQL: a `URL` (instead of --db)")
	run := cmd.flags(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "mahalleh-hq %s: %s\n\nFlags:\n", name, cmd.summary)
		fs.PrintDefaults()
	}
	// The flag package would print the usage itself on every parse error and
	// on --help (to stderr, so twice with ours): it stays quiet, and the
	// usage goes to stdout for --help, to stderr after the problem otherwise.
	fs.SetOutput(io.Discard)
	positional, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	}
	if err != nil {
		fs.SetOutput(stderr)
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return exitUsage
	}
	fs.SetOutput(stderr)
	env := &cliEnv{stdout: stdout, stderr: stderr, args: positional}
	env.open = func(ctx context.Context) (Store, error) {
		if *pgURL != "" {
			return pghq.Open(ctx, *pgURL)
		}
		return sqlitehq.Open(*dbPath)
	}
	err = run(context.Background(), env)
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "mahalleh-hq %s: %s\n(mahalleh-hq %s --help explains the flags)\n", name, ue.msg, name)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "mahalleh-hq %s: %v\n", name, err)
		return exitFailure
	}
	return exitOK
}

// parseInterspersed lets flags come after positional arguments
// ("revoke ID --db F" as well as "revoke --db F ID").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// withStore opens the store for fn and closes it after.
func (env *cliEnv) withStore(ctx context.Context, fn func(Store) error) error {
	st, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

func noArgs(env *cliEnv) error {
	if len(env.args) > 0 {
		return usagef("unexpected argument %q", env.args[0])
	}
	return nil
}

func enrolCodeFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	district := fs.Int("district", -1, "the device's district, `N` = 1 to 22 (0 for the hq role)")
	officer := fs.String("officer", "", "the `NAME` of the officer who will use the device")
	role := fs.String("role", msync.RoleOfficer, "officer, supervisor or hq")
	return func(ctx context.Context, env *cliEnv) error {
		if err := noArgs(env); err != nil {
			return err
		}
		if *district == -1 {
			return usagef("--district is required (1 to 22; 0 for the hq role)")
		}
		if err := checkEnrolment(*district, strings.TrimSpace(*officer), *role); err != nil {
			return usageError{err.Error()}
		}
		return env.withStore(ctx, func(st Store) error {
			code, err := NewEnrolCode(ctx, st, *district, *officer, *role)
			if err != nil {
				return err
			}
			expires := now().Add(EnrolCodeLife)
			fmt.Fprintf(env.stdout, "Enrolment code: %s\nFor: %s (%s, %s)\nExpires: %s (in 7 days; it works once)\n",
				code, strings.TrimSpace(*officer), *role, districtName(*district), expires.Format("2006-01-02 15:04 MST"))
			return nil
		})
	}
}

func districtName(d int) string {
	if d == 0 {
		return "all districts"
	}
	return Districts[d-1].NameEn
}

func devicesFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	return func(ctx context.Context, env *cliEnv) error {
		if err := noArgs(env); err != nil {
			return err
		}
		return env.withStore(ctx, func(st Store) error {
			devs, err := Devices(ctx, st)
			if err != nil {
				return err
			}
			if len(devs) == 0 {
				fmt.Fprintln(env.stdout, "No devices are enrolled yet (mahalleh-hq enrol-code makes a code for one).")
				return nil
			}
			tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tOFFICER\tDISTRICT\tROLE\tENROLLED\tLAST SYNC\tREVOKED")
			for _, d := range devs {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", d.ID, d.Officer, d.District, d.Role,
					stamp(&d.CreatedAt), stamp(d.LastSyncAt), stamp(d.RevokedAt))
			}
			return tw.Flush()
		})
	}
}

func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func revokeFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	return func(ctx context.Context, env *cliEnv) error {
		if len(env.args) != 1 {
			return usagef("give exactly one DEVICE id (mahalleh-hq devices lists them)")
		}
		return env.withStore(ctx, func(st Store) error {
			if err := Revoke(ctx, st, env.args[0]); err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "Device %s is revoked: HQ refuses it from its next request.\n", env.args[0])
			return nil
		})
	}
}

func exportFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	district := fs.Int("district", -1, "the district `N` to export, 1 to 22 (0: all)")
	format := fs.String("format", "json", "the file format: json")
	out := fs.String("out", "", "the `PATH` of the file to write")
	return func(ctx context.Context, env *cliEnv) error {
		if err := noArgs(env); err != nil {
			return err
		}
		switch {
		case *district < 0 || *district > len(Districts):
			return usagef("--district is required: 1 to 22, or 0 for all districts")
		case *format != "json":
			return usagef("--format must be json (the HQ exports JSON only), not %q", *format)
		case *out == "":
			return usagef("--out PATH is required")
		}
		return env.withStore(ctx, func(st Store) error {
			return writeFileAtomic(*out, func(w io.Writer) error { return Export(ctx, st, *district, w) })
		})
	}
}

// writeFileAtomic writes to a temporary file beside path and renames it, so
// a failed export never leaves half a file where a whole one was.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return fmt.Errorf("cannot write in the folder of %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
