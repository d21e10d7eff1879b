package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"mahalleh/data"
	"mahalleh/data/persian"
)

// The refused command: the changes HQ refused (a reference-data edit,
// another district's record, a date far in the future, fields that fail
// validation) are set aside by sync so that they block nothing; here a
// person sees them and puts each back in the queue or drops it.

func init() {
	Register("refused", Command{NameFa: "تغییرات ردشده", Summary: "list the changes HQ refused; retry or discard each", Run: runRefused})
}

func runRefused(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("refused", "--db FILE [--retry ID | --discard ID | --retry-all]", stdout)
	db := fs.String("db", "", "the enrolled store")
	retry := fs.String("retry", "", "put the refused change ID back in the queue: the next sync sends it again")
	discard := fs.String("discard", "", "drop the refused change ID: it is never sent (the local record keeps its value until HQ sends a newer one)")
	retryAll := fs.Bool("retry-all", false, "put every refused change back in the queue")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	if *db == "" {
		return missingDB(stderr, "refused")
	}
	if fs.NArg() > 0 {
		return extraArgs(stderr, "refused", fs)
	}
	actions := 0
	for _, set := range []bool{*retry != "", *discard != "", *retryAll} {
		if set {
			actions++
		}
	}
	if actions > 1 {
		return UsageError(stderr, "refused", "فقط یکی از --retry و --discard و --retry-all را بدهید", "give only one of --retry, --discard and --retry-all")
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx := context.Background()
	switch {
	case *retry != "":
		if err := s.RetryRefused(ctx, *retry); err != nil {
			return Fail(stderr, err)
		}
		fmt.Fprintf(stdout, "تغییر %s به صف برگشت؛ همگام‌سازی بعدی آن را دوباره می‌فرستد.\n", *retry)
		fmt.Fprintf(stdout, "change %s is back in the queue; the next sync sends it again.\n", *retry)
	case *discard != "":
		if err := s.DiscardRefused(ctx, *discard); err != nil {
			return Fail(stderr, err)
		}
		fmt.Fprintf(stdout, "تغییر %s کنار گذاشته شد و دیگر فرستاده نمی‌شود.\n", *discard)
		fmt.Fprintf(stdout, "change %s was discarded; it will not be sent.\n", *discard)
	case *retryAll:
		n, err := s.RetryAllRefused(ctx)
		if err != nil {
			return Fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s تغییر به صف برگشت؛ همگام‌سازی بعدی آن‌ها را دوباره می‌فرستد.\n", persian.FormatInt(int64(n)))
		fmt.Fprintf(stdout, "%d changes are back in the queue; the next sync sends them again.\n", n)
	default:
		list, err := s.RefusedChanges(ctx)
		if err != nil {
			return Fail(stderr, err)
		}
		printRefused(stdout, list)
	}
	return ExitOK
}

// printRefused lists refused changes with HQ's reason in both languages,
// or says there are none.
func printRefused(w io.Writer, list []data.RefusedChange) {
	if len(list) == 0 {
		fmt.Fprintln(w, "no changes are waiting after a refusal by HQ (تغییر ردشده‌ای در انتظار نیست)")
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANGE\tENTITY\tRECORD\tCODE\tREFUSED AT")
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ChangeID, r.Entity, r.RecordID, r.Code, r.RefusedAt)
	}
	tw.Flush()
	for _, r := range list {
		fmt.Fprintf(w, "\n%s:\n  %s\n  %s\n", r.ChangeID, r.MessageFa, r.Message)
	}
	fmt.Fprintf(w, "\n%s تغییر رد شده است. با mahalleh refused --retry ID دوباره بفرستید یا با --discard ID کنار بگذارید.\n", persian.FormatInt(int64(len(list))))
	fmt.Fprintf(w, "%d changes were refused by HQ; send one again with mahalleh refused --retry ID, or drop it with --discard ID.\n", len(list))
}
