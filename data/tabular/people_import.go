package tabular

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"mahalleh/data"
	"mahalleh/data/persian"
)

// Problem is one reason a row of an import is rejected: the row number as
// the spreadsheet shows it (the header is row 1), the column's header as
// the file names it, and the reason in both languages.
type Problem struct {
	Row              int
	Column           string
	Reason, ReasonFa string
}

// PersonRow is a row that would be imported, as it would be stored.
type PersonRow struct {
	Row    int
	Person data.Person
}

// PeoplePreview is what an import would do, computed before anything is
// written: the rows that would be added and every problem found. The window
// shows it for the officer to decide; Commit writes it only if it has no
// problem (all or nothing).
type PeoplePreview struct {
	District int
	Rows     []PersonRow
	Problems []Problem
}

// OK reports whether the import can be committed.
func (p *PeoplePreview) OK() bool { return len(p.Problems) == 0 }

// personColumns are the headers each field is found under, in Persian and
// English (compared after headerKey), the export's own headers first.
var personColumns = []struct {
	field string
	names []string
}{
	{"name", []string{"نام و نام خانوادگی", "نام", "نام کامل", "name", "full name"}},
	{"phone", []string{"تلفن", "تلفن همراه", "شماره تلفن", "شماره تماس", "موبایل", "همراه", "phone", "mobile", "telephone", "phone number"}},
	{"role", []string{"نقش", "سمت", "role"}},
	{"neighbourhood", []string{"محله", "neighbourhood", "neighborhood"}},
	{"organisation", []string{"سازمان یا نهاد", "سازمان", "نهاد", "organisation", "organization"}},
	{"notes", []string{"یادداشت", "توضیحات", "notes", "note"}},
}

// headerKey folds a header for comparison: Persian normalisation (ي/ی,
// ZWNJ, digits), case, underscores and dashes as spaces.
func headerKey(s string) string {
	s = strings.ToLower(persian.Normalize(strings.TrimPrefix(s, BOM)))
	s = strings.NewReplacer("_", " ", "-", " ", "\u200c", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// PreviewPeople checks every row of cells (the header first, as ReadCells
// returns them) for the register of district: a name is required; a phone
// must be a telephone number (stored in the one national form, 0912…); a
// role and a neighbourhood, when given, must be ones the app knows; and a
// row must not repeat an earlier row or a person already in the register
// (Store.FindPossibleDuplicates: the same name however spelt, or the same
// number however typed). Nothing is written.
func PreviewPeople(ctx context.Context, s *data.Store, district int, cells [][]string) (*PeoplePreview, error) {
	p := &PeoplePreview{District: district}
	if len(cells) == 0 || allEmpty(cells[0]) {
		p.Problems = append(p.Problems, Problem{Row: 1, Reason: "the file is empty: it needs a header row (name, phone, role, …) and one row per person",
			ReasonFa: "پرونده خالی است: یک سطر عنوان (نام، تلفن، نقش، …) و برای هر نفر یک سطر لازم است"})
		return p, nil
	}
	col := map[string]int{}
	header := cells[0]
	for j, h := range header {
		for _, c := range personColumns {
			if _, taken := col[c.field]; !taken && containsKey(c.names, headerKey(h)) {
				col[c.field] = j
			}
		}
	}
	if _, ok := col["name"]; !ok {
		p.Problems = append(p.Problems, Problem{Row: 1, Reason: "no name column: the header row needs a column called name (or «نام»)",
			ReasonFa: "ستون نام پیدا نشد: سطر عنوان باید ستونی به نام «نام» (یا name) داشته باشد"})
		return p, nil
	}
	c, err := newChecker(ctx, s, district)
	if err != nil {
		return nil, err
	}
	for i, row := range cells[1:] {
		if allEmpty(row) {
			continue
		}
		get := func(field string) (string, string) {
			j, ok := col[field]
			if !ok || j >= len(row) {
				return "", ""
			}
			return persian.Clean(row[j]), header[j]
		}
		person, probs, err := c.row(i+2, get)
		if err != nil {
			return nil, err
		}
		if len(probs) > 0 {
			p.Problems = append(p.Problems, probs...)
			continue
		}
		p.Rows = append(p.Rows, PersonRow{Row: i + 2, Person: person})
	}
	if len(p.Rows) == 0 && len(p.Problems) == 0 {
		p.Problems = append(p.Problems, Problem{Row: 2, Reason: "the file has a header row but no person", ReasonFa: "پرونده سطر عنوان دارد ولی هیچ نفری در آن نیست"})
	}
	return p, nil
}

// CommitPeople adds the preview's people to the register in one
// transaction, or nothing when the preview has a problem. It returns how
// many were added.
func CommitPeople(ctx context.Context, s *data.Store, author string, p *PeoplePreview) (int, error) {
	if !p.OK() {
		return 0, &data.Error{Op: "import people", Code: data.ErrInvalid,
			Msg:   fmt.Sprintf("%d rows of the file are wrong, so nobody was imported; correct them and import again", len(p.Problems)),
			MsgFa: fmt.Sprintf("%s سطر پرونده نادرست است، پس هیچ‌کس وارد نشد؛ آن‌ها را درست کنید و دوباره وارد کنید", persian.FormatInt(int64(len(p.Problems))))}
	}
	err := s.Write(ctx, author, func(w *data.Writer) error {
		for _, r := range p.Rows {
			x := r.Person
			if err := w.Put("people", &x); err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(p.Rows), nil
}

func allEmpty(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func containsKey(names []string, key string) bool {
	for _, n := range names {
		if headerKey(n) == key {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
