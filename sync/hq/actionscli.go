package hq

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// The follow-up commands of mahalleh-hq:
//
//	mahalleh-hq actions --district N [--status S] [--overdue]
//	mahalleh-hq action show ID
//	mahalleh-hq action set-status ID --status S --note TEXT --by NAME
//
// Dates are Jalali (Latin digits, as an administrator's terminal shows
// them), times Tehran's.

func actionsFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	district := fs.Int("district", -1, "the district `N`, 1 to 22")
	status := fs.String("status", "", "only items of this status: "+strings.Join(data.ActionStatuses, ", "))
	overdue := fs.Bool("overdue", false, "only items open or in progress past their deadline")
	return func(ctx context.Context, env *cliEnv) error {
		if err := noArgs(env); err != nil {
			return err
		}
		if *district < 1 || *district > len(Districts) {
			return usagef("--district is required: 1 to %d", len(Districts))
		}
		if *status != "" && !slices.Contains(data.ActionStatuses, *status) {
			return usagef("--status must be one of %s, not %q", strings.Join(data.ActionStatuses, ", "), *status)
		}
		return env.withStore(ctx, func(st Store) error {
			list, err := ListActions(ctx, st, ActionFilter{District: *district, Status: *status, Overdue: *overdue})
			if err != nil {
				return err
			}
			return printActions(env.stdout, *district, list)
		})
	}
}

func printActions(w io.Writer, district int, list []ActionInfo) error {
	if len(list) == 0 {
		fmt.Fprintf(w, "No action items of %s match.\n", districtName(district))
		return nil
	}
	overdue := 0
	for _, a := range list {
		if a.Overdue {
			overdue++
		}
	}
	fmt.Fprintf(w, "%s: %s (%d overdue)\n", districtName(district), plural(len(list), "action item"), overdue)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDEADLINE\tSTATUS\tRESPONSIBLE\tTITLE")
	for _, a := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, orDash(jalaliDate(a.DueDate)), statusWord(a), orDash(a.Responsible), oneLine(a.Title))
	}
	return tw.Flush()
}

func actionFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	status := fs.String("status", "", "set-status: the new status, one of "+strings.Join(data.ActionStatuses, ", "))
	note := fs.String("note", "", "set-status: the `TEXT` of the follow-up note (what was done or decided)")
	by := fs.String("by", "", "set-status: the `NAME` of who changes the status, for the follow-up log")
	return func(ctx context.Context, env *cliEnv) error {
		if len(env.args) == 0 {
			return usagef("say show or set-status: action show ID, or action set-status ID --status S --note TEXT --by NAME")
		}
		sub, rest := env.args[0], env.args[1:]
		if sub != "show" && sub != "set-status" {
			return usagef("unknown action command %q: say show or set-status", sub)
		}
		if len(rest) != 1 {
			return usagef("action %s takes one action item ID (mahalleh-hq actions --district N lists them)", sub)
		}
		id := rest[0]
		if sub == "show" {
			if *status != "" || *note != "" || *by != "" {
				return usagef("action show takes no --status, --note or --by (those are for set-status)")
			}
			if !isActionID(id) {
				return usagef("%q is not an action item id (mahalleh-hq actions --district N lists them)", id)
			}
			return env.withStore(ctx, func(st Store) error {
				d, err := ShowAction(ctx, st, id)
				if err != nil {
					return err
				}
				return printAction(env.stdout, d)
			})
		}
		if err := checkSetStatus(id, *status, strings.TrimSpace(*note), strings.TrimSpace(*by)); err != nil {
			return err
		}
		return env.withStore(ctx, func(st Store) error {
			fu, err := SetActionStatus(ctx, st, id, *status, *note, *by)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "Action item %s is now %s; the note is in its follow-up log (%s, %s).\n"+
				"The district's devices receive both on their next sync.\n", id, *status, jalaliTime(fu.NotedAt), fu.By)
			return nil
		})
	}
}

// printAction writes one action item, its whole follow-up log and HQ's
// audit rows of it.
func printAction(w io.Writer, d ActionDetail) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", label, value)
		}
	}
	line("Action item", d.ID)
	line("Title", oneLine(d.Title))
	line("District", districtName(d.District))
	line("Neighbourhood", d.Neighbourhood)
	line("Department", d.Department)
	line("Responsible", d.Responsible)
	line("Deadline", orDash(jalaliDate(d.DueDate)))
	line("Status", statusWord(d.ActionInfo))
	if m := d.Meeting; m != nil {
		title, _ := m.Fields["title"].(string)
		starts, _ := m.Fields["starts_at"].(string)
		line("From meeting", jalaliTime(starts)+"  "+oneLine(title))
	}
	line("Decision", oneLine(d.Decision))
	line("Details", oneLine(d.Details))
	line("Last changed", strings.TrimSpace(jalaliTime(d.UpdatedAt)+"  "+d.UpdatedBy))
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(d.Log) == 0 {
		fmt.Fprintln(w, "\nFollow-up log: no notes yet.")
	} else {
		fmt.Fprintf(w, "\nFollow-up log (%s, oldest first):\n", plural(len(d.Log), "note"))
	}
	for _, f := range d.Log {
		head := jalaliTime(f.NotedAt) + "  " + f.By
		if f.NewStatus != "" {
			head += "  (status → " + f.NewStatus + ")"
		}
		fmt.Fprintf(w, "  %s\n", head)
		for _, l := range strings.Split(f.Note, "\n") {
			fmt.Fprintf(w, "      %s\n", l)
		}
	}
	if len(d.Audit) > 0 {
		fmt.Fprintf(w, "\nChanges HQ received for the item (audit log, oldest first; the fields each change carried,\n"+
			"merged field by field: the later write of a field is the one kept):\n")
		for _, a := range d.Audit {
			what := strings.Join(a.Fields, ", ")
			if slices.Contains(a.Fields, "created_at") {
				what = "created the item"
			}
			fmt.Fprintf(w, "  %s  %s  %s\n", jalaliTime(data.FormatTime(a.At)), a.Officer, what)
		}
	}
	return nil
}

func statusWord(a ActionInfo) string {
	if a.Overdue {
		return a.Status + " (overdue)"
	}
	return a.Status
}

// jalaliDate is a deadline ("2025-09-23") as 1404/07/01; "" stays "".
func jalaliDate(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return jalali.FormatShortLatin(jalali.FromTime(t))
}

// jalaliTime is a stored instant as its Tehran date and time: 1404/07/09 12:30.
func jalaliTime(at string) string {
	t, err := data.ParseTime(at)
	if err != nil {
		return at
	}
	t = t.In(jalali.Tehran())
	return jalali.FormatShortLatin(jalali.FromTime(t)) + " " + t.Format("15:04")
}

// plural is "1 note", "3 notes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// oneLine keeps a table row on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
