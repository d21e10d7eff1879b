package data

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestSmokeRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var m Meeting
	err = s.Write(ctx, "رابط", func(w *Writer) error {
		n := Neighbourhood{Meta: Meta{District: 14}, Name: "پیروزی"}
		if err := w.Put("neighbourhoods", &n); err != nil {
			return err
		}
		m = Meeting{Meta: Meta{District: 14}, NeighbourhoodID: &n.ID, Kind: "elders", Title: "نشست با معتمدان محله", StartsAt: FormatTime(time.Now()), Minutes: "بررسی حاشیهها و مشکلات"}
		return w.Put("meetings", &m)
	})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "حاشیه‌ها", 14, 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search: %v %v", hits, err)
	}
	l, err := s.ListMeetings(ctx, Filter{District: 14, Text: "معتمدان"}, Page{})
	if err != nil || len(l.Rows) != 1 || l.Rows[0].NeighbourhoodName != "پیروزی" {
		t.Fatalf("list: %+v %v", l, err)
	}
	var a, b bytes.Buffer
	if err := s.Export(ctx, &a, 0); err != nil {
		t.Fatal(err)
	}
	s2, _ := Open(filepath.Join(t.TempDir(), "b.db"))
	defer s2.Close()
	if _, err := s2.Import(ctx, bytes.NewReader(a.Bytes()), "x"); err != nil {
		t.Fatal(err)
	}
	s2.Export(ctx, &b, 0)
	if a.String() != b.String() {
		t.Fatalf("round trip differs:\n%s\n%s", a.String(), b.String())
	}
	ch, _ := s.PendingChanges(ctx, 10)
	if len(ch) != 2 {
		t.Fatalf("changes %d", len(ch))
	}
}
