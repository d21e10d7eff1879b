package cli

import (
	"errors"
	"fmt"
	"io"
	"mahalleh/data/persian"
	"os"
	"time"

	"mahalleh/data"
	"mahalleh/sync/client"
)

// The sync commands: enrol a device with HQ once, then sync it (a scheduled
// task can run "mahalleh sync" every few minutes; its exit status says how
// it went).

func init() {
	Register("enrol", Command{NameFa: "ثبت دستگاه", Summary: "enrol this store with the HQ server using a one-time code from HQ", Run: runEnrol})
	Register("sync", Command{NameFa: "همگام‌سازی", Summary: "sync the store with HQ once: send local changes, receive others' changes", Run: runSync})
}

func runEnrol(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("enrol", "--db FILE --server URL --code CODE [--name NAME] [--force]", stdout)
	db := fs.String("db", "", "the store to enrol (created if missing)")
	server := fs.String("server", "", "the HQ server's address, e.g. https://hq.example.ir")
	code := fs.String("code", "", "the one-time enrolment code HQ gave you")
	name := fs.String("name", hostname(), "a name for this device in HQ's list")
	force := fs.Bool("force", false, "enrol again even if the store is already enrolled (only when HQ asks)")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	switch {
	case *db == "" || *server == "" || *code == "":
		return UsageError(stderr, "enrol", "گزینه‌های --db و --server و --code لازم است", "--db FILE, --server URL and --code CODE are required")
	case fs.NArg() > 0:
		return extraArgs(stderr, "enrol", fs)
	}
	s, err := data.Open(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx, stop := signalContext()
	defer stop()
	enrol := client.Enrol
	if *force {
		enrol = client.Reenrol
	}
	en, err := enrol(ctx, s, *server, *code, *name)
	if err != nil {
		return failSync(stderr, err)
	}
	district := fmt.Sprintf("district %d", en.District)
	districtFa := "منطقه " + persian.FormatInt(int64(en.District))
	if en.District == 0 {
		district, districtFa = "all districts", "همه مناطق"
	}
	fmt.Fprintf(stdout, "این دستگاه در ستاد ثبت شد: %s، نقش %s، کارشناس %s. اکنون mahalleh sync را اجرا کنید.\n", districtFa, roleFa[en.Role], en.Officer)
	fmt.Fprintf(stdout, "enrolled with %s as device %s: %s, role %s, officer %s; now run mahalleh sync.\n", *server, en.DeviceID, district, en.Role, en.Officer)
	return ExitOK
}

func runSync(args []string, stdout, stderr io.Writer) int {
	// The changes HQ refused are set aside and listed (see mahalleh
	// refused); they do not fail the round, as conflicts do not: the rest
	// of the work was sent and received.
	fs := NewFlags("sync", "--db FILE [--quiet]", stdout)
	db := fs.String("db", "", "the enrolled store to sync")
	quiet := fs.Bool("quiet", false, "print nothing but errors (for scheduled tasks)")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	if *db == "" {
		return missingDB(stderr, "sync")
	}
	if fs.NArg() > 0 {
		return extraArgs(stderr, "sync", fs)
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	c, err := client.New(s, client.Options{})
	if err != nil {
		return failSync(stderr, err)
	}
	ctx, stop := signalContext()
	defer stop()
	last := time.Now()
	rep, err := c.Sync(ctx, func(p client.Progress) {
		if !*quiet && time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "%s: %d/%d\n", p.Phase, p.Done, p.Total)
		}
	})
	if err != nil {
		if rep.Pushed > 0 || rep.Pulled > 0 {
			fmt.Fprintf(stderr, "before the failure: pushed %d changes, pulled %d records (saved)\n", rep.Pushed, rep.Pulled)
		}
		return failSync(stderr, err)
	}
	if !*quiet {
		printReport(stdout, rep)
	}
	if rep.RefusedTotal > 0 { // even with --quiet: they wait for a person
		list, err := s.RefusedChanges(ctx)
		if err != nil {
			return Fail(stderr, err)
		}
		printRefused(stdout, list)
	}
	return ExitOK
}

func printReport(w io.Writer, rep client.Report) {
	fmt.Fprintf(w, "همگام‌سازی انجام شد: %s تغییر فرستاده شد، %s رکورد دریافت شد، %s تعارض در انتظار تصمیم، %s تغییر ردشده.\n",
		persian.FormatInt(int64(rep.Pushed)), persian.FormatInt(int64(rep.Pulled)), persian.FormatInt(int64(rep.Conflicts)), persian.FormatInt(int64(rep.RefusedTotal)))
	fmt.Fprintf(w, "synced in %v: pushed %d changes, pulled %d records, %d conflicts waiting (%d new), %d changes refused by HQ (%d new); %d attachments sent, %d received; %d bytes sent, %d received\n",
		rep.Duration.Round(time.Millisecond), rep.Pushed, rep.Pulled, rep.Conflicts, rep.NewConflicts, rep.RefusedTotal, rep.Refused,
		rep.Uploaded, rep.Downloaded, rep.BytesSent, rep.BytesReceived)
	if rep.Conflicts > 0 {
		fmt.Fprintln(w, "برای دیدن تعارض‌ها mahalleh conflicts را اجرا کنید. / run mahalleh conflicts to see them.")
	}
}

// failSync prints a sync error, Persian first, and returns ExitFailure.
func failSync(stderr io.Writer, err error) int {
	var ce *client.Error
	if !errors.As(err, &ce) {
		return Fail(stderr, err)
	}
	fmt.Fprintf(stderr, "خطا: %s\n", ce.MsgFa)
	fmt.Fprintf(stderr, "error: %s\n", ce.Msg)
	return ExitFailure
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "mahalleh"
	}
	return h
}

// roleFa names the roles in Persian.
var roleFa = map[string]string{"officer": "کارشناس ارتباط با مردم", "supervisor": "ناظر منطقه", "hq": "ستاد"}
