package cli

import (
	"fmt"
	"io"

	"mahalleh/data/persian"
	"mahalleh/data/tabular"
)

// importPeople adds the people of a spreadsheet (XLSX or CSV) to the
// register of district (0: the office's district). It first prints nothing
// but checks every row (tabular.PreviewPeople); any rejected row means
// nothing is written, the rejected rows are listed and the exit is 1. With
// dryRun it lists what would be done and writes nothing.
func importPeople(db, path, author string, district int, dryRun bool, stdout, stderr io.Writer) int {
	cells, err := tabular.ReadCells(path)
	if err != nil {
		return Fail(stderr, err)
	}
	s, err := openExisting(db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	ctx, stop := signalContext()
	defer stop()
	if district == 0 {
		prof, err := s.Profile(ctx)
		if err != nil {
			return Fail(stderr, err)
		}
		if district = prof.District; district == 0 {
			return UsageError(stderr, "import", "منطقهٔ این پایگاه داده تعیین نشده؛ با --district شمارهٔ منطقه را بدهید", "this store has no district yet; give it with --district N")
		}
	}
	p, err := tabular.PreviewPeople(ctx, s, district, cells)
	if err != nil {
		return Fail(stderr, err)
	}
	if !p.OK() {
		printProblems(stderr, p.Problems)
		fmt.Fprintf(stderr, "خطا: %s سطر نادرست است؛ هیچ‌کس وارد نشد. سطرها را درست کنید و دوباره وارد کنید.\n", persian.FormatInt(int64(len(p.Problems))))
		fmt.Fprintf(stderr, "error: %d rows are wrong; nobody was imported. Correct them and import again.\n", len(p.Problems))
		return ExitFailure
	}
	if dryRun {
		fmt.Fprintf(stdout, "import: %d people would be added to district %d; nothing written (--dry-run)\n", len(p.Rows), district)
		return ExitOK
	}
	n, err := tabular.CommitPeople(ctx, s, author, p)
	if err != nil {
		return Fail(stderr, hinted(err, "هیچ‌کس وارد نشد.", "nobody was imported."))
	}
	fmt.Fprintf(stdout, "import: %d people added to the register of district %d\n", n, district)
	return ExitOK
}

// printProblems lists each rejected row: Persian, then English.
func printProblems(w io.Writer, probs []tabular.Problem) {
	for _, pr := range probs {
		col, colEn := "", ""
		if pr.Column != "" {
			col, colEn = "، ستون «"+pr.Column+"»", ", column "+pr.Column
		}
		fmt.Fprintf(w, "سطر %s%s: %s\n", persian.FormatInt(int64(pr.Row)), col, pr.ReasonFa)
		fmt.Fprintf(w, "  row %d%s: %s\n", pr.Row, colEn, pr.Reason)
	}
}
