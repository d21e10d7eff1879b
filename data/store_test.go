package data

// Shared helpers of the store's tests, and the tests of Persian search: what
// an officer types must find what another officer (or a web page) wrote,
// whatever keyboard either used.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// openTestStore opens a fresh store in a temporary directory.
func openTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "mahalleh.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustWrite runs fn in one Store.Write and fails the test on error.
func mustWrite(t testing.TB, s *Store, fn func(w *Writer) error) {
	t.Helper()
	if err := s.Write(context.Background(), "رابط آزمون", fn); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// save saves one record in its own transaction and returns it as stored.
func save(t testing.TB, s *Store, entity string, fields map[string]any) Record {
	t.Helper()
	var rec Record
	mustWrite(t, s, func(w *Writer) error {
		var err error
		rec, err = w.Save(entity, fields)
		return err
	})
	return rec
}

// storeTables are every table whose content a change could touch.
func storeTables() []string {
	var names []string
	for _, e := range Entities {
		names = append(names, e.Name)
	}
	return append(names, "changes", "record_clocks", "search_rows", "settings")
}

// rowCounts counts the rows of every table, for "nothing was written".
func rowCounts(t testing.TB, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, name := range storeTables() {
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM " + name).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", name, err)
		}
		out[name] = n
	}
	return out
}

// fingerprint hashes the content of every table, so that an update in
// place (not only an added row) shows as a change.
func fingerprint(t testing.TB, s *Store) string {
	t.Helper()
	h := sha256.New()
	for _, name := range storeTables() {
		rows, err := s.DB().Query("SELECT * FROM " + name + " ORDER BY 1")
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("read %s: %v", name, err)
			}
			fmt.Fprintf(h, "%s:%v\n", name, vals)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

// testWorld is a small district with the records most tests need.
type testWorld struct {
	sub, nbA, nbB, nbOther, nbDeleted string // neighbourhoods: A and B in 14, Other in 7, Deleted (tombstoned) in 14
	person, personOther               string // people in 14 and in 7
	meeting                           string // a meeting in 14
	dept                              string // a built-in department
}

const testDistrict = 14

func newWorld(t testing.TB, s *Store) testWorld {
	t.Helper()
	var wd testWorld
	wd.dept = "0193f000-0000-7000-8000-000000000003"
	wd.sub = save(t, s, "subdistricts", map[string]any{"district": testDistrict, "number": 1, "name": "ناحیه ۱"}).ID()
	wd.nbA = save(t, s, "neighbourhoods", map[string]any{"district": testDistrict, "subdistrict_id": wd.sub, "name": "پیروزی"}).ID()
	wd.nbB = save(t, s, "neighbourhoods", map[string]any{"district": testDistrict, "subdistrict_id": wd.sub, "name": "نیروی هوایی"}).ID()
	wd.nbOther = save(t, s, "neighbourhoods", map[string]any{"district": 7, "name": "سهروردی"}).ID()
	wd.nbDeleted = save(t, s, "neighbourhoods", map[string]any{"district": testDistrict, "name": "محله حذف‌شده"}).ID()
	mustWrite(t, s, func(w *Writer) error { return w.Delete("neighbourhoods", wd.nbDeleted) })
	wd.person = save(t, s, "people", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "name": "حسن کریمی", "role": "elder"}).ID()
	wd.personOther = save(t, s, "people", map[string]any{"district": 7, "neighbourhood_id": wd.nbOther, "name": "مریم احمدی", "role": "imam"}).ID()
	wd.meeting = save(t, s, "meetings", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "kind": "elders",
		"title": "نشست با معتمدان", "starts_at": "2025-10-01T08:00:00.000Z"}).ID()
	return wd
}

// searchIDs returns the ids Search finds for text in the test district.
func searchIDs(t testing.TB, s *Store, text string) []string {
	t.Helper()
	hits, err := s.Search(context.Background(), text, testDistrict, 50)
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// seedSentences returns the non-empty lines of the seed news article, which
// was copied from the web and has lost every ZWNJ.
func seedSentences(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "district14-news-article.fa.txt"))
	if err != nil {
		t.Fatalf("the seed article is missing: %v", err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func meetingWith(t testing.TB, s *Store, title, minutes string) string {
	t.Helper()
	return save(t, s, "meetings", map[string]any{"district": testDistrict, "kind": "neighbourhood", "title": title,
		"starts_at": FormatTime(time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC)), "minutes": minutes}).ID()
}

func TestSearchNormalisesWhatPeopleType(t *testing.T) {
	s := openTestStore(t)
	article := seedSentences(t)
	var zwnjLess string // a sentence of the article with «حاشیهها», written without ZWNJ
	for _, l := range article {
		if strings.Contains(l, "حاشیهها") {
			zwnjLess = l
			break
		}
	}
	if zwnjLess == "" || strings.ContainsRune(zwnjLess, '\u200c') {
		t.Fatalf("the seed article has no ZWNJ-less «حاشیهها» sentence")
	}
	fromWeb := meetingWith(t, s, "گزارش خبرگزاری", zwnjLess)
	careful := meetingWith(t, s, "نشست شورایاران", "بررسی حاشیه‌ها و چالش‌ها در منطقه ۱۴")
	arabic := meetingWith(t, s, "ديدار با امام جماعت مسجد كوي", "")
	diacritics := meetingWith(t, s, "دیدار با مُحَمَّد", "")
	persianDigits := meetingWith(t, s, "بازدید پلاک ۲۵", "")
	latinDigits := meetingWith(t, s, "بازدید کوچه 37", "")

	cases := []struct {
		query string
		want  []string
	}{
		{"حاشیه‌ها", []string{fromWeb, careful}}, // with ZWNJ finds the web text
		{"حاشیهها", []string{fromWeb, careful}},  // without ZWNJ finds the careful text
		{"دیدار کوی", []string{arabic}},          // Persian ی/ک find Arabic ي/ك
		{"مسجد كوي", []string{arabic}},           // Arabic typed, Arabic stored
		{"ظرفيتهاي", []string{fromWeb}},          // Arabic ي typed, Persian stored
		{"محمد", []string{diacritics}},           // diacritics are ignored
		{"مُحمّد", []string{diacritics}},         // …on both sides
		{"25", []string{persianDigits}},          // Latin digits find Persian ones
		{"٢٥", []string{persianDigits}},          // Arabic-Indic digits too
		{"۳۷", []string{latinDigits}},            // and Persian digits find Latin ones
		{"منطقه 14", []string{careful}},          // mixed words and digits
		{"شورایار", []string{careful}},           // the last word is a prefix (typing)
		{"حاشیه‌ها ناموجود", nil},                // every word must occur
		{`"`, nil}, // FTS syntax is inert
	}
	for _, c := range cases {
		got := searchIDs(t, s, c.query)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("search %q: got %v, want %v", c.query, got, want)
		}
	}
}

func TestSearchRanksTitleAboveMinutes(t *testing.T) {
	s := openTestStore(t)
	word := "آسفالت"
	inMinutes := meetingWith(t, s, "نشست ماهانه محله",
		strings.Repeat("اهالی درباره "+word+" خیابان و "+word+" کوچه‌ها گفتند. ", 3))
	inTitle := meetingWith(t, s, "بازدید از "+word+" خیابان پیروزی", "بازدید انجام شد و گزارش آن تهیه شد.")
	got := searchIDs(t, s, word)
	if len(got) != 2 || got[0] != inTitle || got[1] != inMinutes {
		t.Fatalf("search %q: got %v, want the title match %s first, then the minutes match %s", word, got, inTitle, inMinutes)
	}
	hits, _ := s.Search(context.Background(), word, testDistrict, 10)
	if hits[0].Title != "بازدید از "+word+" خیابان پیروزی" || hits[0].Entity != "meetings" {
		t.Errorf("the first hit shows %q (%s), want the meeting's title", hits[0].Title, hits[0].Entity)
	}
}

func TestSearchRanksTheMostRecentMatches(t *testing.T) {
	s := openTestStore(t)
	defer func(w int) { searchWindow = w }(searchWindow)
	searchWindow = 3
	var ids []string
	for i := 0; i < 5; i++ {
		ids = append(ids, meetingWith(t, s, "نشست "+itoa(i), "بررسی آسفالت کوچه"))
	}
	got := searchIDs(t, s, "آسفالت")
	slices.Sort(got)
	if want := ids[2:]; !slices.Equal(got, want) {
		t.Fatalf("with a window of 3, search found %v; want the 3 newest %v", got, want)
	}
}

func TestSearchStaysInItsDistrict(t *testing.T) {
	s := openTestStore(t)
	save(t, s, "meetings", map[string]any{"district": 7, "kind": "other", "title": "نشست آسفالت منطقه هفت", "starts_at": "2025-10-01T08:00:00.000Z"})
	mine := meetingWith(t, s, "نشست آسفالت منطقه چهارده", "")
	if got := searchIDs(t, s, "آسفالت"); !slices.Equal(got, []string{mine}) {
		t.Fatalf("district 14 search found %v, want only %s", got, mine)
	}
	hits, err := s.Search(context.Background(), "آسفالت", 0, 10)
	if err != nil || len(hits) != 2 {
		t.Fatalf("search of every district: %v, %v; want 2 hits", hits, err)
	}
}

func TestSimilarPeopleFindsArabicSpelling(t *testing.T) {
	s := openTestStore(t)
	arabic := save(t, s, "people", map[string]any{"district": testDistrict, "name": "علي رضايي", "role": "resident"}).ID()
	save(t, s, "people", map[string]any{"district": testDistrict, "name": "علی رضوی", "role": "resident"})
	save(t, s, "people", map[string]any{"district": 7, "name": "علی رضایی", "role": "resident"}) // same name, other district
	gone := save(t, s, "people", map[string]any{"district": testDistrict, "name": "علی  رضایی", "role": "elder"}).ID()
	mustWrite(t, s, func(w *Writer) error { return w.Delete("people", gone) })

	got, err := s.SimilarPeople(context.Background(), testDistrict, "علی رضایی")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != arabic || got[0].Name != "علي رضايي" {
		t.Fatalf("SimilarPeople(«علی رضایی») = %+v, want only «علي رضايي» (%s), as it was typed", got, arabic)
	}
}

// queryCount runs a count(*) query.
func queryCount(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// The list tests' model: what each filter must return, and the pages.

// listed is one row of any list: its id and the key the list is ordered by.
type listed struct{ id, key string }

// walkPages reads every page of a list and checks that no row is repeated.
func walkPages(t *testing.T, label string, fetch func(Page) ([]listed, string, error)) []listed {
	t.Helper()
	var all []listed
	seen := map[string]bool{}
	p := Page{Limit: 3}
	for pages := 0; ; pages++ {
		rows, next, err := fetch(p)
		if err != nil {
			t.Fatalf("%s: page %d: %v", label, pages, err)
		}
		if len(rows) > 3 || (next != "" && len(rows) != 3) {
			t.Fatalf("%s: page %d has %d rows with next %q", label, pages, len(rows), next)
		}
		for _, r := range rows {
			if seen[r.id] {
				t.Fatalf("%s: %s appears on two pages", label, r.id)
			}
			seen[r.id] = true
		}
		all = append(all, rows...)
		if next == "" {
			return all
		}
		if pages > 100 {
			t.Fatalf("%s: the pages never end", label)
		}
		p.After = next
	}
}

// expectOrder sorts the expected rows by (key DESC, id DESC), as lists are.
func expectOrder(rows []listed) []listed {
	out := append([]listed(nil), rows...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].key > out[j-1].key || (out[j].key == out[j-1].key && out[j].id > out[j-1].id)); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func sameListed(a, b []listed) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// modelRow is what the test knows of a listed record, to compute by hand
// what each filter must return.
type modelRow struct {
	listed
	district                        int
	nb, dept, status, kind, dateCol string
	text, deleted                   bool
}

// want applies f to the model the way a person reads the filter.
func want(rows []modelRow, f Filter, dateBound func(time.Time) string, today string) []listed {
	var out []listed
	for _, r := range rows {
		ok := !r.deleted &&
			(f.District == 0 || r.district == f.District) &&
			(f.NeighbourhoodID == "" || r.nb == f.NeighbourhoodID) &&
			(f.DepartmentID == "" || r.dept == f.DepartmentID) &&
			(f.Kind == "" || r.kind == f.Kind) &&
			(f.From.IsZero() || r.dateCol >= dateBound(f.From)) &&
			(f.To.IsZero() || r.dateCol < dateBound(f.To)) &&
			(f.Text == "" || r.text)
		switch f.Status {
		case "":
		case "overdue":
			ok = ok && (r.status == "open" || r.status == "in_progress") && r.dateCol != "" && r.dateCol < today
		default:
			ok = ok && r.status == f.Status
		}
		if ok {
			out = append(out, r.listed)
		}
	}
	return expectOrder(out)
}

// listCase is one list with its records and the filters that apply to it.
type listCase struct {
	name    string
	rows    []modelRow
	filters []Filter
	fetch   func(Filter, Page) ([]listed, string, error)
	bound   func(time.Time) string
	asc     bool // ordered by (key, id) ascending, the reverse of the others
}

func checkList(t *testing.T, c listCase, today string) {
	t.Helper()
	for _, f := range append([]Filter{{}}, c.filters...) {
		label := c.name + " " + filterString(f)
		got := walkPages(t, label, func(p Page) ([]listed, string, error) { return c.fetch(f, p) })
		exp := want(c.rows, f, c.bound, today)
		if c.asc {
			slices.Reverse(exp)
		}
		if len(exp) == 0 && f.Text == "" {
			t.Fatalf("%s: the test data has no match for this filter", label)
		}
		if !sameListed(got, exp) {
			t.Errorf("%s:\n got %v\nwant %v", label, got, exp)
		}
	}
}

// filterString names the filter's non-zero parts for failure messages.
func filterString(f Filter) string {
	b, _ := json.Marshal(f)
	return strings.ReplaceAll(string(b), `"0001-01-01T00:00:00Z"`, "-")
}

func listedOf(rows []modelRow) []listed {
	var out []listed
	for _, r := range rows {
		if !r.deleted {
			out = append(out, r.listed)
		}
	}
	return out
}
