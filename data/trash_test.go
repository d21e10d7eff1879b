package data

import (
	"context"
	"slices"
	"testing"
	"time"
)

// nextMilli waits until the clock has moved to a new millisecond, so that
// the records written after it have a later updated_at than those before.
func nextMilli() {
	for ms := time.Now().UnixMilli(); time.Now().UnixMilli() == ms; {
	}
}

func TestTrashListsAndRestores(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	wd := newWorld(t, s)
	m2 := meetingWith(t, s, "نشست دوم", "صورتجلسه آسفالت")
	p2 := save(t, s, "people", map[string]any{"district": testDistrict, "name": "زهرا محمدی", "role": "resident"}).ID()
	m3 := meetingWith(t, s, "نشست سوم", "")
	// Deleted in this order; the trash shows the last deletion first.
	order := []struct{ entity, id string }{{"meetings", wd.meeting}, {"people", wd.person}, {"meetings", m2}, {"people", p2}, {"meetings", m3}}
	for _, d := range order {
		nextMilli()
		mustWrite(t, s, func(w *Writer) error { return w.Delete(d.entity, d.id) })
	}
	titles := map[string]string{wd.meeting: "نشست با معتمدان", wd.person: "حسن کریمی", m2: "نشست دوم", p2: "زهرا محمدی", m3: "نشست سوم"}
	walk := func(entity string) []string {
		var ids []string
		p := Page{Limit: 2}
		for range 10 {
			l, next, err := s.ListDeleted(ctx, entity, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range l {
				if d.Title != titles[d.ID] || d.Entity == "" || d.DeletedBy == "" || d.District != testDistrict {
					t.Errorf("trash entry %+v", d)
				}
				ids = append(ids, d.ID)
			}
			if next == "" {
				return ids
			}
			p.After = next
		}
		t.Fatal("the pages never end")
		return nil
	}
	if got, want := walk(""), []string{m3, p2, m2, wd.person, wd.meeting}; !slices.Equal(got, want) {
		t.Errorf("trash: %v, want %v", got, want)
	}
	if got, want := walk("people"), []string{p2, wd.person}; !slices.Equal(got, want) {
		t.Errorf("trash of people: %v, want %v", got, want)
	}
	if _, _, err := s.ListDeleted(ctx, "decisions", Page{}); err == nil {
		t.Error("a trash of decisions was listed")
	}

	pending := len(changesOf(t, s, m2))
	if err := s.Restore(ctx, "رابط", "meetings", m2); err != nil {
		t.Fatal(err)
	}
	if got, want := walk("meetings"), []string{m3, wd.meeting}; !slices.Equal(got, want) {
		t.Errorf("trash after restoring: %v, want %v", got, want)
	}
	l, err := s.ListMeetings(ctx, Filter{District: testDistrict}, Page{})
	if err != nil || len(l.Rows) != 1 || l.Rows[0].ID != m2 {
		t.Errorf("meetings after restoring: %+v, %v", l.Rows, err)
	}
	if ids := searchIDs(t, s, "آسفالت"); !slices.Equal(ids, []string{m2}) {
		t.Errorf("the restored meeting is not searchable again: %v", ids)
	}
	ch := changesOf(t, s, m2)
	if len(ch) != pending+1 || ch[len(ch)-1].Fields["deleted"] != false {
		t.Errorf("the restore is not in the change log: %+v", ch)
	}
	if err := s.Restore(ctx, "رابط", "meetings", "0193f000-0000-7000-8000-0000000000ff"); !IsNotFound(err) {
		t.Errorf("restoring an unknown record: %v", err)
	}
	if err := s.Restore(ctx, "رابط", "neighbourhoods", wd.nbDeleted); err == nil {
		t.Error("a device restored HQ's reference data")
	}
}

func TestCountMeetingsAndPersonLists(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	wd := newWorld(t, s)
	other := save(t, s, "people", map[string]any{"district": testDistrict, "name": "زهرا محمدی", "role": "resident"}).ID()
	// The model: 12 meetings; the person attends those with i%3 == 0 (and
	// is listed as absent at i%3 == 1); i%4 == 0 are about «آسفالت»; i == 6
	// is deleted.
	var attended []string
	want := map[string]int{}
	for i := 0; i < 12; i++ {
		kind := MeetingKinds[i%2]
		minutes := ""
		if i%4 == 0 {
			minutes = "آسفالت کوچه"
		}
		id := save(t, s, "meetings", map[string]any{"district": testDistrict, "neighbourhood_id": wd.nbA, "kind": kind,
			"title": "نشست " + itoa(i), "minutes": minutes,
			"starts_at": FormatTime(time.Date(2025, 9, 1+i, 8, 0, 0, 0, time.UTC))}).ID()
		if i%3 != 2 {
			save(t, s, "attendance", map[string]any{"district": testDistrict, "meeting_id": id, "person_id": wd.person, "present": i%3 == 0})
		}
		save(t, s, "attendance", map[string]any{"district": testDistrict, "meeting_id": id, "person_id": other, "present": true})
		if i == 6 {
			mustWrite(t, s, func(w *Writer) error { return w.Delete("meetings", id) })
			continue
		}
		want["all"]++
		if kind == "elders" {
			want["elders"]++
		}
		if minutes != "" {
			want["text"]++
			if kind == "elders" {
				want["text+elders"]++
			}
		}
		if i >= 3 && i < 9 {
			want["range"]++
		}
		if i%3 == 0 {
			attended = append([]string{id}, attended...) // newest first
		}
	}
	want["all"]++ // newWorld's meeting
	want["elders"]++
	from, to := time.Date(2025, 9, 4, 0, 0, 0, 0, time.UTC), time.Date(2025, 9, 10, 0, 0, 0, 0, time.UTC)
	for name, f := range map[string]Filter{
		"all":         {District: testDistrict},
		"elders":      {Kind: "elders"},
		"text":        {Text: "آسفالت"},
		"text+elders": {Text: "آسفالت", Kind: "elders", NeighbourhoodID: wd.nbA},
		"range":       {From: from, To: to, NeighbourhoodID: wd.nbA},
	} {
		n, err := s.CountMeetings(ctx, f)
		if err != nil || n != want[name] {
			t.Errorf("CountMeetings(%s) = %d, %v; want %d", name, n, err, want[name])
		}
	}
	if n, _ := s.CountMeetings(ctx, Filter{District: 7}); n != 0 {
		t.Errorf("district 7 has %d meetings, want 0", n)
	}

	var got []string
	p := Page{Limit: 2}
	for range 10 {
		l, err := s.ListMeetings(ctx, Filter{PersonID: wd.person}, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range l.Rows {
			got = append(got, r.ID)
		}
		if p.After = l.Next; p.After == "" {
			break
		}
	}
	if !slices.Equal(got, attended) {
		t.Errorf("PersonMeetings = %v, want %v (present only, newest first, not the deleted one)", got, attended)
	}

	var raised []string
	for i := 0; i < 5; i++ {
		by := wd.person
		if i == 2 {
			by = other
		}
		nextMilli()
		c := save(t, s, "concerns", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "title": "چالش " + itoa(i),
			"priority": "normal", "status": "open", "raised_by_id": by}).ID()
		if i == 3 {
			mustWrite(t, s, func(w *Writer) error { return w.Delete("concerns", c) })
		} else if by == wd.person {
			raised = append([]string{c}, raised...)
		}
	}
	got = nil
	p = Page{Limit: 2}
	for range 10 {
		l, next, err := s.ListConcerns(ctx, Filter{PersonID: wd.person}, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range l {
			got = append(got, c.ID)
		}
		if p.After = next; next == "" {
			break
		}
	}
	if !slices.Equal(got, raised) {
		t.Errorf("PersonConcerns = %v, want %v", got, raised)
	}
}
