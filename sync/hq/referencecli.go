package hq

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"mahalleh/data/persian"
)

// referenceFlags is `mahalleh-hq reference import|list`.
func referenceFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	district := fs.Int("district", -1, "the district `N`, 1 to 22 (import: required; list: all when not given)")
	dryRun := fs.Bool("dry-run", false, "import: check the file and say what it would do, writing nothing")
	return func(ctx context.Context, env *cliEnv) error {
		if len(env.args) == 0 {
			return usagef("say import or list: reference import --district N FILE.csv|FILE.xlsx, or reference list [--district N]")
		}
		switch env.args[0] {
		case "import":
			if len(env.args) != 2 {
				return usagef("reference import takes one FILE.csv or FILE.xlsx")
			}
			if *district < 1 || *district > len(Districts) {
				return usagef("--district is required: 1 to %d", len(Districts))
			}
			return referenceImport(ctx, env, *district, env.args[1], *dryRun)
		case "list":
			if len(env.args) != 1 {
				return usagef("unexpected argument %q", env.args[1])
			}
			if *district != -1 && (*district < 1 || *district > len(Districts)) {
				return usagef("--district must be 1 to %d", len(Districts))
			}
			return env.withStore(ctx, func(st Store) error { return referenceList(ctx, st, *district, env.stdout) })
		}
		return usagef("unknown reference command %q: say import or list", env.args[0])
	}
}

func referenceImport(ctx context.Context, env *cliEnv, district int, path string, dryRun bool) error {
	rows, err := readRefTable(path)
	if err != nil {
		return err
	}
	return env.withStore(ctx, func(st Store) error {
		res, err := ImportReference(ctx, st, district, rows, dryRun)
		if err != nil {
			return err
		}
		if len(res.Rejected) > 0 {
			fmt.Fprintf(env.stderr, "%d of %d rows of %s cannot be imported, so nothing was imported:\n", len(res.Rejected), len(rows), path)
			tw := tabwriter.NewWriter(env.stderr, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ROW\tREASON\tدلیل")
			for _, r := range res.Rejected {
				fmt.Fprintf(tw, "%d\t%s\t%s\n", r.Line, r.Reason, r.ReasonFa)
			}
			tw.Flush()
			return errors.New("fix these rows and import the file again (ردیف‌های بالا را درست کنید و دوباره وارد کنید)")
		}
		verb := "imported"
		if dryRun {
			verb = "would import (dry run, nothing written)"
		}
		fmt.Fprintf(env.stdout, "%s %s into %s: %d subdistricts added, %d renamed; %d neighbourhoods added, %d moved; %d unchanged.\n",
			path, verb, districtName(district), res.SubdistrictsAdded, res.SubdistrictsRenamed, res.NeighbourhoodsAdded, res.NeighbourhoodsMoved, res.Unchanged)
		return nil
	})
}

// refColumns are the header names each column is known by, in English and
// Persian, compared after normalising (case, spaces, underscores, ی/ي).
var refColumns = [3][]string{
	{"subdistrict number", "subdistrict no", "subdistrict", "number", "شماره ناحیه", "ناحیه"},
	{"subdistrict name", "نام ناحیه"},
	{"neighbourhood name", "neighborhood name", "neighbourhood", "neighborhood", "نام محله", "محله"},
}

func headerKey(s string) string {
	s = strings.ToLower(persian.Normalize(strings.TrimPrefix(s, "\ufeff")))
	s = strings.NewReplacer("_", " ", "-", " ", "\u200c", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// readRefTable reads a CSV (UTF-8, a byte order mark allowed) or the first
// sheet of an XLSX file: a header row naming the three columns in any
// order, then one row per neighbourhood. Empty rows are skipped.
func readRefTable(path string) ([]RefRow, error) {
	var cells [][]string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, err)
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		if cells, err = r.ReadAll(); err != nil {
			return nil, fmt.Errorf("%s is not a readable CSV file: %w", path, err)
		}
	case ".xlsx":
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s is not a readable XLSX file: %w", path, err)
		}
		defer f.Close()
		if cells, err = f.GetRows(f.GetSheetName(0)); err != nil {
			return nil, fmt.Errorf("cannot read the first sheet of %s: %w", path, err)
		}
	default:
		return nil, usagef("%s: give a .csv or .xlsx file", path)
	}
	if len(cells) == 0 {
		return nil, fmt.Errorf("%s is empty: it needs a header row (subdistrict number, subdistrict name, neighbourhood name)", path)
	}
	col := [3]int{-1, -1, -1}
	for j, h := range cells[0] {
		for c, names := range refColumns {
			for _, n := range names {
				if headerKey(h) == headerKey(n) && col[c] < 0 {
					col[c] = j
				}
			}
		}
	}
	for c, j := range col {
		if j < 0 {
			return nil, fmt.Errorf("%s: the header row has no %q column (or %q); it needs subdistrict number, subdistrict name and neighbourhood name",
				path, refColumns[c][0], refColumns[c][len(refColumns[c])-1])
		}
	}
	get := func(row []string, j int) string {
		if j < len(row) {
			return row[j]
		}
		return ""
	}
	var out []RefRow
	for i, row := range cells[1:] {
		r := RefRow{Line: i + 2, Number: get(row, col[0]), SubdistrictName: get(row, col[1]), Neighbourhood: get(row, col[2])}
		if strings.TrimSpace(r.Number+r.SubdistrictName+r.Neighbourhood) == "" {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// referenceList prints each district's subdistricts and neighbourhoods
// (district < 0: every district), sorted by district, subdistrict number
// and name.
func referenceList(ctx context.Context, st Store, district int, w io.Writer) error {
	type line struct {
		district int
		number   int64
		sub      string
		hood     string
	}
	var lines []line
	err := st.View(ctx, func(tx Tx) error {
		filter := max(district, 0)
		subs, err := tx.LiveRecords("subdistricts", filter)
		if err != nil {
			return err
		}
		byID := map[string]*Record{}
		for i := range subs {
			byID[subs[i].ID] = &subs[i]
		}
		hoods, err := tx.LiveRecords("neighbourhoods", filter)
		if err != nil {
			return err
		}
		for _, h := range hoods {
			l := line{district: h.District, hood: fmt.Sprint(h.Fields["name"]), sub: "-"}
			if s := byID[fmt.Sprint(h.Fields["subdistrict_id"])]; s != nil {
				l.number, _ = s.Fields["number"].(int64)
				l.sub = fmt.Sprint(s.Fields["name"])
			}
			lines = append(lines, l)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		fmt.Fprintln(w, "No neighbourhoods yet (mahalleh-hq reference import --district N FILE loads them).")
		return nil
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if a.district != b.district {
			return a.district < b.district
		}
		if a.number != b.number {
			return a.number < b.number
		}
		return a.hood < b.hood
	})
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DISTRICT\tSUBDISTRICT\tSUBDISTRICT NAME\tNEIGHBOURHOOD")
	for _, l := range lines {
		num := "-"
		if l.number > 0 {
			num = fmt.Sprint(l.number)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", l.district, num, l.sub, l.hood)
	}
	return tw.Flush()
}
