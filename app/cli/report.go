package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
	"mahalleh/data/persian"
	"mahalleh/data/report"
	"mahalleh/data/tabular"
	"mahalleh/reportfile"
)

func init() {
	Register("report", Command{NameFa: "گزارش عملکرد", Summary: "write a period's performance report as an Excel workbook (.xlsx) or an A4 PDF (.pdf)", Run: runReport})
}

// runReport writes the performance report of a Jalali month, season or
// year, for the office's district or one neighbourhood of it.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("report", "--db FILE --period P [--scope district|district:N|neighbourhood:ID] --out PATH.xlsx|PATH.pdf [--lang fa|en] [--force]", stdout)
	db := fs.String("db", "", "the store to report on (must exist)")
	period := fs.String("period", "", "the Jalali period: "+jalali.PeriodSyntax)
	scope := fs.String("scope", "district", "district (the office's district; every district of the store if it has none), district:N, or neighbourhood:ID (its id or its name)")
	out := fs.String("out", "", "the file to write: .xlsx for a workbook, .pdf for a printable A4 report")
	lang := fs.String("lang", "fa", "fa (Persian, right to left) or en")
	force := fs.Bool("force", false, "replace --out if it exists")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	switch {
	case *db == "":
		return missingDB(stderr, "report")
	case *period == "":
		return UsageError(stderr, "report", "گزینه --period (دوره گزارش) لازم است، مثل ۱۴۰۴-۰۷", "--period is required, e.g. 1404-07")
	case *out == "":
		return UsageError(stderr, "report", "گزینه --out (مسیر پرونده xlsx یا pdf) لازم است", "--out PATH is required")
	case reportfile.FormatOf(*out) == "":
		return UsageError(stderr, "report", "پسوند «"+*out+"» باید .xlsx یا .pdf باشد", *out+" must end in .xlsx or .pdf")
	case *lang != "fa" && *lang != "en":
		return UsageError(stderr, "report", "زبان «"+*lang+"» پشتیبانی نمی‌شود؛ fa یا en", "unknown language "+*lang+"; use fa or en")
	case fs.NArg() > 0:
		return extraArgs(stderr, "report", fs)
	}
	p, err := jalali.ParsePeriod(*period)
	var pe *jalali.PeriodError
	if errors.As(err, &pe) {
		return UsageError(stderr, "report", pe.Persian(), pe.Error())
	}
	kind, arg, _ := strings.Cut(*scope, ":")
	if (kind != "district" && kind != "neighbourhood") || (kind == "neighbourhood" && arg == "") {
		return UsageError(stderr, "report", "محدوده «"+*scope+"» شناخته نشد؛ district یا district:N یا neighbourhood:ID",
			"unknown scope "+*scope+"; use district, district:N or neighbourhood:ID")
	}
	if err := refuseOverwrite(*out, *force); err != nil {
		return Fail(stderr, err)
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx := context.Background()
	sc, name, err := reportScope(ctx, s, kind, arg, *lang)
	if err != nil {
		return Fail(stderr, err)
	}
	r, err := report.Compute(ctx, s, sc, p, time.Now())
	if err != nil {
		return Fail(stderr, err)
	}
	if err := reportfile.Save(*out, reportfile.Doc{Report: r, Lang: *lang, Scope: name}, *force); err != nil {
		return Fail(stderr, err)
	}
	fmt.Fprintf(stdout, "report: wrote %s (%s, %s: %d meetings)\n", *out, p.NameEnglish(), scopeEnglish(sc), r.Meetings)
	return ExitOK
}

// reportScope reads --scope: the office's district, a district by number, or
// a neighbourhood by id or name; name is what the report's title calls it.
func reportScope(ctx context.Context, s *data.Store, kind, arg, lang string) (report.Scope, string, error) {
	prof, err := s.Profile(ctx)
	if err != nil {
		return report.Scope{}, "", err
	}
	sc := report.Scope{District: prof.District}
	if kind == "district" && arg != "" {
		n, err := strconv.Atoi(persian.LatinDigits(arg))
		if err != nil || n < 1 || n > len(data.BuiltinDistricts) {
			return sc, "", fail("منطقه «%s» نیست؛ شماره منطقه ۱ تا ۲۲ است.", "no district %q; districts are 1 to 22.", arg)
		}
		sc.District = n
	}
	var hood string
	if kind == "neighbourhood" {
		if sc.NeighbourhoodID, err = neighbourhoodID(ctx, s, arg); err != nil {
			return sc, "", err
		}
		hs, err := s.Neighbourhoods(ctx, 0)
		if err != nil {
			return sc, "", err
		}
		for _, h := range hs {
			if h.ID == sc.NeighbourhoodID {
				hood, sc.District = h.Name, h.District
			}
		}
	}
	return sc, scopeName(sc, hood, lang), nil
}

// scopeName is the scope as the report's title says it: «منطقه ۱۴»,
// «محله پیروزی، منطقه ۱۴», or every district.
func scopeName(sc report.Scope, hood, lang string) string {
	var parts []string
	if hood != "" {
		parts = append(parts, tabular.Translate(lang, "report.file.scope.neighbourhood"))
		parts[0] = strings.ReplaceAll(parts[0], "{{.Name}}", hood)
	}
	switch n := strconv.Itoa(sc.District); {
	case sc.District == 0:
		parts = append(parts, tabular.Translate(lang, "report.file.scope.all"))
	case lang == "en":
		parts = append(parts, strings.ReplaceAll(tabular.Translate(lang, "report.file.scope.district"), "{{.N}}", n))
	default:
		parts = append(parts, strings.ReplaceAll(tabular.Translate(lang, "report.file.scope.district"), "{{.N}}", persian.Digits(n)))
	}
	sep := "، "
	if lang == "en" {
		sep = ", "
	}
	return strings.Join(parts, sep)
}

func scopeEnglish(sc report.Scope) string {
	s := "all districts"
	if sc.District != 0 {
		s = "district " + strconv.Itoa(sc.District)
	}
	if sc.NeighbourhoodID != "" {
		s = "neighbourhood " + sc.NeighbourhoodID + " of " + s
	}
	return s
}
