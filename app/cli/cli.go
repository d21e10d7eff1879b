// Package cli is the command line of the desktop binary: the subcommands that
// let an administrator, a scheduled task or a test work without the window
// (demo, export, import, conflicts; enrol and sync come from the sync client
// through Register).
//
// Every command exits 0 on success, 1 on failure and 2 on bad usage, and
// every error a person sees is printed twice, in Persian first and then in
// English, saying what happened and what to do.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"mahalleh/data"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Command is one subcommand.
type Command struct {
	NameFa  string // the command's Persian name, shown in the usage
	Summary string // one line, in English
	// Run gets the arguments after the command's name and returns the exit
	// code. It parses them with its own flag.FlagSet (see NewFlags) so that
	// --help works the same on every command.
	Run func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]Command{}

// Register adds a subcommand. The sync client's file app/cli/sync.go adds
// "enrol" and "sync" with it from an init function:
//
//	func init() { Register("sync", Command{NameFa: "همگام‌سازی", Summary: "…", Run: runSync}) }
//
// Registering a name twice replaces the first (tests may stub a command).
func Register(name string, cmd Command) { commands[name] = cmd }

func init() {
	Register("demo", Command{NameFa: "داده نمونه", Summary: "fill a store with realistic demo data for District 14", Run: runDemo})
	Register("export", Command{NameFa: "خروجی گرفتن", Summary: "write every record to a JSON backup, CSV files or an Excel workbook", Run: runExport})
	Register("import", Command{NameFa: "وارد کردن", Summary: "read a JSON backup into a store (all or nothing)", Run: runImport})
	Register("conflicts", Command{NameFa: "تعارض‌ها", Summary: "list the sync conflicts waiting for a decision", Run: runConflicts})
}

// IsCommand reports whether name is a subcommand (main uses it to tell a
// subcommand from the GUI's own flags).
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "-h" || name == "--help" || name == "-help"
}

// Main runs the subcommand named by args[0] and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "خطا: فرمانی داده نشد. یکی از فرمان‌های زیر را نام ببرید.")
		fmt.Fprintln(stderr, "error: no command given; name one of the commands below.")
		usage(stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if cmd, ok := commands[args[1]]; ok {
				return cmd.Run([]string{"--help"}, stdout, stderr)
			}
		}
		usage(stdout)
		return ExitOK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "خطا: فرمان «%s» شناخته نشد. برای دیدن فرمان‌ها mahalleh --help را اجرا کنید.\n", name)
		fmt.Fprintf(stderr, "error: unknown command %q; run mahalleh --help to see the commands.\n", name)
		return ExitUsage
	}
	return cmd.Run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Mahalleh (محله), the desktop app of Tehran's neighbourhood liaison offices.")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "usage:")
	fmt.Fprintln(w, "  mahalleh [--db FILE]            open the window")
	fmt.Fprintln(w, "  mahalleh COMMAND [options]      work without the window")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s (%s)\n", n, commands[n].Summary, commands[n].NameFa)
	}
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Run mahalleh COMMAND --help for a command's options.")
	fmt.Fprintln(w, "Exit status: 0 done, 1 failed, 2 bad usage.")
}

// NewFlags makes the flag set of a command whose usage line is synopsis
// ("--db FILE [--size N]"); its --help prints the usage to stdout.
func NewFlags(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		cmd := commands[name]
		fmt.Fprintf(stdout, "usage: mahalleh %s %s\n\n%s (%s)\n\noptions:\n", name, synopsis, cmd.Summary, cmd.NameFa)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// Parse parses args with fs. It returns ok=false with the exit code when
// the command must stop: 0 after --help, 2 after a usage error (printed).
func Parse(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package would print it on every error too
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		usage()
		return ExitOK, false
	}
	if err != nil {
		UsageError(stderr, fs.Name(), "گزینه‌های فرمان درست نیست: "+err.Error(), err.Error())
		return ExitUsage, false
	}
	return 0, true
}

// UsageError prints a usage problem in both languages and the hint to --help.
func UsageError(stderr io.Writer, cmd, fa, en string) int {
	help := strings.TrimSpace("mahalleh " + cmd + " --help")
	help = strings.ReplaceAll(help, "  ", " ")
	fmt.Fprintf(stderr, "خطا: %s. برای راهنما %s را اجرا کنید.\n", strings.TrimSuffix(fa, "."), help)
	fmt.Fprintf(stderr, "error: %s; run %s for help.\n", strings.TrimSuffix(en, "."), help)
	return ExitUsage
}

// Fail prints err for a person, Persian first, and returns ExitFailure. A
// *data.Error brings its own messages; other errors get the generic hint.
func Fail(stderr io.Writer, err error) int {
	var de *data.Error
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "خطا: %s\n", de.Persian())
		fmt.Fprintf(stderr, "error: %s\n", de.Msg)
		return ExitFailure
	}
	var pe *problem
	if errors.As(err, &pe) {
		fmt.Fprintf(stderr, "خطا: %s\n", pe.fa)
		fmt.Fprintf(stderr, "error: %s\n", pe.en)
		return ExitFailure
	}
	fmt.Fprintln(stderr, "خطا: کار انجام نشد. پیام انگلیسی زیر را برای پشتیبانی بفرستید.")
	fmt.Fprintf(stderr, "error: %v\n", err)
	return ExitFailure
}

// problem is an error of this package with both messages.
type problem struct{ fa, en string }

func (p *problem) Error() string { return p.en }

func fail(fa, en string, args ...any) error {
	return &problem{fa: fmt.Sprintf(fa, args...), en: fmt.Sprintf(en, args...)}
}

// missingDB is the usage error of a store command run without --db.
func missingDB(stderr io.Writer, cmd string) int {
	return UsageError(stderr, cmd, "گزینه --db (پرونده پایگاه داده) لازم است", "--db FILE is required")
}

// extraArgs is the usage error of a command given arguments it does not take.
func extraArgs(stderr io.Writer, cmd string, fs *flag.FlagSet) int {
	return UsageError(stderr, cmd, "آرگومان اضافه مجاز نیست: "+strings.Join(fs.Args(), " "), "unexpected arguments: "+strings.Join(fs.Args(), " "))
}
