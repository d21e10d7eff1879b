package hq

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
	"mahalleh/data/report"
	"mahalleh/data/tabular"
	"mahalleh/reportfile"
)

// reportFlags is `mahalleh-hq report`: the offices' performance report
// across districts, counted by data/report over HQ's records (the same code
// as the offices' own reports) and written by reportfile.
func reportFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	period := fs.String("period", "", "the Jalali `PERIOD`: "+jalali.PeriodSyntax)
	district := fs.Int("district", 0, "one district `N`, 1 to 22 (0, the default: every district, with a line per district)")
	out := fs.String("out", "", "the `PATH` to write: .xlsx for a workbook, .pdf for a printable A4 report")
	lang := fs.String("lang", "fa", "fa (Persian, right to left) or en")
	force := fs.Bool("force", false, "replace --out if it exists")
	return func(ctx context.Context, env *cliEnv) error {
		if err := noArgs(env); err != nil {
			return err
		}
		switch {
		case *period == "":
			return usagef("--period is required, e.g. 1404-07 (دوره گزارش را بدهید، مثل ۱۴۰۴-۰۷)")
		case *district < 0 || *district > len(Districts):
			return usagef("--district must be 1 to %d, or 0 for every district (منطقه باید ۱ تا ۲۲ باشد)", len(Districts))
		case *out == "":
			return usagef("--out PATH is required (مسیر پرونده را بدهید)")
		case reportfile.FormatOf(*out) == "":
			return usagef("%s must end in .xlsx or .pdf (پسوند پرونده گزارش باید .xlsx یا .pdf باشد)", *out)
		case *lang != "fa" && *lang != "en":
			return usagef("--lang must be fa or en, not %q", *lang)
		}
		p, err := jalali.ParsePeriod(*period)
		var pe *jalali.PeriodError
		if errors.As(err, &pe) {
			return usagef("%s (%s)", pe.Error(), pe.Persian())
		}
		if err := tabular.CheckNew(*out, *force); err != nil {
			return errors.New(personal(err))
		}
		return env.withStore(ctx, func(st Store) error {
			r, err := Report(ctx, st, report.Scope{District: *district}, p)
			if err != nil {
				return err
			}
			doc := reportfile.Doc{Report: r, Lang: *lang, Scope: reportScopeName(*district, *lang)}
			if err := reportfile.Save(*out, doc, *force); err != nil {
				return errors.New(personal(err))
			}
			fmt.Fprintf(env.stdout, "Wrote %s: %s, %s, %d meetings, %d action items opened (%d overdue).\n",
				*out, p.NameEnglish(), districtName(*district), r.Meetings, r.Total.ActionsOpened, r.Total.ActionsOverdue)
			return nil
		})
	}
}

// Report counts the performance report of period p over HQ's records, in
// one read-only snapshot, with today's Tehran date deciding what is overdue.
func Report(ctx context.Context, st Store, sc report.Scope, p jalali.Period) (*report.Report, error) {
	var r *report.Report
	err := st.View(ctx, func(tx Tx) error {
		live := func(_ context.Context, entity string, district int) ([]data.Record, error) {
			recs, err := tx.LiveRecords(entity, district)
			if err != nil {
				return nil, err
			}
			out := make([]data.Record, len(recs))
			for i, rec := range recs {
				f := make(data.Record, len(rec.Fields)+2)
				for k, v := range rec.Fields {
					f[k] = v
				}
				f["id"], f["district"] = rec.ID, int64(rec.District)
				out[i] = f
			}
			return out, nil
		}
		var err error
		r, err = report.ComputeFrom(ctx, report.RecordSource(live), sc, p, now())
		return err
	})
	return r, err
}

// reportScopeName is the report's scope in its language.
func reportScopeName(district int, lang string) string {
	if district == 0 {
		return tabular.Translate(lang, "report.file.scope.all")
	}
	n := strconv.Itoa(district)
	if lang != "en" {
		n = persian.Digits(n)
	}
	return strings.ReplaceAll(tabular.Translate(lang, "report.file.scope.district"), "{{.N}}", n)
}

// personal is a store error's English and Persian messages on one line.
func personal(err error) string {
	var de *data.Error
	if errors.As(err, &de) {
		return de.Msg + " (" + de.Persian() + ")"
	}
	return err.Error()
}
