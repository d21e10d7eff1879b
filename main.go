// Command mahalleh is the desktop app of Tehran's neighbourhood liaison
// offices. With no subcommand it opens the window; its subcommands
// (demo, export, import, enrol, sync, conflicts) work without one.
package main

import (
	"flag"
	"fmt"
	"os"
	_ "time/tzdata" // Asia/Tehran on machines without a zone database (Windows)

	"mahalleh/app/cli"
	_ "mahalleh/app/clocale" // before Fyne reads the locale: no "Error parsing user locale C" under C.UTF-8
	"mahalleh/app/gui"
	"mahalleh/data"
)

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(runGUI(os.Args[1:]))
}

// runGUI opens the window on the store named by --db.
func runGUI(args []string) int {
	fs := flag.NewFlagSet("mahalleh", flag.ContinueOnError)
	db := fs.String("db", "", "the store to open (default: the user's data folder)")
	if err := fs.Parse(args); err != nil {
		return cli.UsageError(os.Stderr, "", "گزینه‌ها درست نیست: "+err.Error(), err.Error())
	}
	if fs.NArg() > 0 {
		return cli.UsageError(os.Stderr, "", "فرمان ناشناخته: «"+fs.Arg(0)+"»", "unknown command "+fs.Arg(0))
	}
	if err := gui.Run(*db); err != nil {
		fmt.Fprintln(os.Stderr, "خطا: برنامه باز نشد: "+persianMessage(err))
		fmt.Fprintln(os.Stderr, "error: the app could not start: "+err.Error())
		return cli.ExitFailure
	}
	return 0
}

func persianMessage(err error) string {
	if de, ok := err.(*data.Error); ok {
		return de.Persian()
	}
	return err.Error()
}
