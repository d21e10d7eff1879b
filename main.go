// Command mahalleh is the desktop app of Tehran's neighbourhood liaison
// offices. With no subcommand it opens the window; its subcommands
// (demo, export, import, enrol, sync, conflicts) work without one.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "mahalleh: under construction")
	os.Exit(1)
}
