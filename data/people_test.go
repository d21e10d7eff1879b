package data

import (
	"bytes"
	"context"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"
)

// registerOrder is a register in Persian alphabetical order, written by
// hand from dictionary order (پ after ب, چ after ج, ژ after ز, گ after ک;
// one word before the longer names that start with it). It is the oracle of
// the register's order; «علي كريمي» is typed with Arabic letters and must
// sort as «علی کریمی».
var registerOrder = []string{
	"آذر صالحی",
	"احمد بهرامی",
	"بابک نوری",
	"پروین اعتمادی",
	"تقی رحمانی",
	"جواد ظریف",
	"چنگیز جلیلوند",
	"حسن",
	"حسن کریمی",
	"خدیجه افضلی",
	"ژاله علو",
	"سارا مرادی",
	"علی احمدی",
	"علي كريمي",
	"علی‌اکبر صادقی",
	"کاظم",
	"گلناز گلی",
	"مریم احمدی",
	"یاسمن یزدانی",
}

func addPeople(t *testing.T, s *Store, district int, names []string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	shuffled := slices.Clone(names)
	rand.New(rand.NewSource(7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, n := range shuffled {
		ids[n] = save(t, s, "people", map[string]any{"district": district, "name": n, "role": "resident"}).ID()
	}
	return ids
}

// listNames walks every page of ListPeople (pages of size) and returns the names.
func listNames(t *testing.T, s *Store, f Filter, size int) []string {
	t.Helper()
	var names []string
	p := Page{Limit: size}
	for range 100 {
		l, next, err := s.ListPeople(context.Background(), f, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range l {
			names = append(names, x.Name)
		}
		if next == "" {
			return names
		}
		p.After = next
	}
	t.Fatal("the pages never end")
	return nil
}

func TestListPeopleInPersianOrderAcrossPages(t *testing.T) {
	s := openTestStore(t)
	addPeople(t, s, testDistrict, registerOrder)
	addPeople(t, s, 7, []string{"بهزاد", "پرویز"}) // another district: filtered out
	for _, size := range []int{4, 5, 50} {
		if got := listNames(t, s, Filter{District: testDistrict}, size); !slices.Equal(got, registerOrder) {
			t.Errorf("pages of %d:\n got %q\nwant %q", size, got, registerOrder)
		}
	}
}

// A store made before the sort key existed (its people rows have no key, as
// after migration 00013) gets the keys when it is opened; a rename moves the
// person to the new place.
func TestPersonKeysBackfillAndRename(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := addPeople(t, s, testDistrict, registerOrder)
	for _, q := range []string{"UPDATE people SET sort_key = '', phone_norm = ''", "DELETE FROM person_words", "DELETE FROM settings WHERE key = 'people_keys_version'"} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := listNames(t, s, Filter{}, 6); !slices.Equal(got, registerOrder) {
		t.Errorf("after reopening:\n got %q\nwant %q", got, registerOrder)
	}
	if got, _ := s.SearchPeople(context.Background(), testDistrict, "گلی", 5); len(got) != 1 || got[0].ID != ids["گلناز گلی"] {
		t.Errorf("SearchPeople after the backfill: %+v", got)
	}
	mustWrite(t, s, func(w *Writer) error {
		_, err := w.Save("people", map[string]any{"id": ids["یاسمن یزدانی"], "name": "بهار یزدانی"})
		return err
	})
	want := slices.Insert(slices.Clone(registerOrder[:len(registerOrder)-1]), 3, "بهار یزدانی")
	if got := listNames(t, s, Filter{}, 6); !slices.Equal(got, want) {
		t.Errorf("after a rename:\n got %q\nwant %q", got, want)
	}
}

// People that arrive by import (and by pull, which writes rows the same
// way) get their sort key and search words too.
func TestImportedPeopleAreInPersianOrder(t *testing.T) {
	src := openTestStore(t)
	addPeople(t, src, testDistrict, registerOrder)
	var buf bytes.Buffer
	if err := src.Export(context.Background(), &buf, 0); err != nil {
		t.Fatal(err)
	}
	dst := openTestStore(t)
	if _, err := dst.Import(context.Background(), &buf, "رابط"); err != nil {
		t.Fatal(err)
	}
	if got := listNames(t, dst, Filter{}, 7); !slices.Equal(got, registerOrder) {
		t.Errorf("imported register:\n got %q\nwant %q", got, registerOrder)
	}
	if got, _ := dst.SearchPeople(context.Background(), testDistrict, "صادق", 5); len(got) != 1 {
		t.Errorf("SearchPeople on the imported register: %+v", got)
	}
}

func TestSearchPeopleByWordPrefix(t *testing.T) {
	s := openTestStore(t)
	ids := addPeople(t, s, testDistrict, registerOrder)
	addPeople(t, s, 7, []string{"حسن کریمی"})
	mustWrite(t, s, func(w *Writer) error { return w.Delete("people", ids["مریم احمدی"]) })
	ctx := context.Background()
	cases := []struct {
		text string
		want []string
	}{
		{"حس", []string{"حسن", "حسن کریمی"}},
		{"کری", []string{"حسن کریمی", "علي كريمي"}}, // a later word, Arabic spelling found by Persian letters
		{"علي", []string{"علی احمدی", "علي كريمي", "علی‌اکبر صادقی"}},
		{"اکبر", []string{"علی‌اکبر صادقی"}},           // the word after a ZWNJ
		{"احمد", []string{"احمد بهرامی", "علی احمدی"}}, // the deleted مریم احمدی is not offered
		{"علی کر", []string{"علي كريمي"}},
		{"  ", nil},
		{"زهره", nil},
	}
	for _, c := range cases {
		got, err := s.SearchPeople(ctx, testDistrict, c.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range got {
			names = append(names, p.Name)
		}
		if !slices.Equal(names, c.want) {
			t.Errorf("SearchPeople(%q) = %q, want %q", c.text, names, c.want)
		}
	}
	if got, _ := s.SearchPeople(ctx, 0, "کریمی", 10); len(got) != 3 {
		t.Errorf("every district: %d people, want 3", len(got))
	}
	if got, _ := s.SearchPeople(ctx, testDistrict, "ا", 2); len(got) != 2 || got[0].Name != "آذر صالحی" {
		t.Errorf("limit 2: %+v", got)
	}
}

func TestFindPossibleDuplicates(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	karimi := save(t, s, "people", map[string]any{"district": testDistrict, "name": "حسن كريمي", "role": "elder", "phone": "۰۹۱۲ ۱۲۳ ۴۵۶۷"}).ID()
	other := save(t, s, "people", map[string]any{"district": testDistrict, "name": "مریم احمدی", "role": "imam", "phone": "021-5512-3456"}).ID()
	save(t, s, "people", map[string]any{"district": 7, "name": "حسن کریمی", "role": "elder", "phone": "09121234567"})
	cases := []struct {
		name, phone string
		want        []string
	}{
		{"حسن کریمی", "", []string{karimi}},
		{"حسن‌ کریمی ", "", []string{karimi}},
		{"رضا رضایی", "+98 912 123 4567", []string{karimi}},
		{"رضا رضایی", "00989121234567", []string{karimi}},
		{"رضا رضایی", "٠٢١٥٥١٢٣٤٥٦", []string{other}},
		{"مریم احمدی", "9121234567", []string{karimi, other}},
		{"رضا رضایی", "0912", nil}, // a fragment of a number is no match
		{"", "", nil},
	}
	for _, c := range cases {
		got, err := s.FindPossibleDuplicates(ctx, testDistrict, c.name, c.phone)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range got {
			ids = append(ids, p.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("FindPossibleDuplicates(%q, %q) = %v, want %v", c.name, c.phone, ids, c.want)
		}
	}
}
