// Command mahalleh-hq is Mahalleh's HQ server and its administration
// (enrolment codes, devices, revocation, export). See package mahalleh/sync/hq.
package main

import (
	"os"

	"mahalleh/sync/hq"
)

func main() {
	os.Exit(hq.Main(os.Args[1:], os.Stdout, os.Stderr))
}
