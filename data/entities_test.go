package data

// Every entity of the registry goes through its whole life: created, read,
// updated, tombstoned. Then the lists an officer uses, with each filter and
// every page.

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"mahalleh/data/persian"
)

// validFields makes a complete, valid record of e for the test district;
// references point at the latest record made of the referenced entity.
func validFields(e *Entity, latest map[string]string, anyID string) map[string]any {
	fields := map[string]any{"district": testDistrict}
	for _, f := range e.Fields {
		switch f.Kind {
		case KindText:
			if len(f.Enum) > 0 {
				fields[f.Name] = f.Enum[0]
			} else {
				fields[f.Name] = "متن " + f.Name
			}
		case KindInt:
			fields[f.Name] = 3
		case KindBool:
			fields[f.Name] = true
		case KindTime:
			fields[f.Name] = "2025-10-01T08:30:00.000Z"
		case KindDate:
			fields[f.Name] = "2025-10-15"
		case KindRef:
			if f.Ref != "" {
				fields[f.Name] = latest[f.Ref]
			} else {
				fields[f.Name] = anyID
			}
		}
	}
	return fields
}

// editableField is the first free-form text field of e: the one the test edits.
func editableField(e *Entity) string {
	for _, f := range e.Fields {
		if f.Kind == KindText && len(f.Enum) == 0 {
			return f.Name
		}
	}
	return ""
}

// checkStored compares the stored record with the fields given to Save.
func checkStored(t *testing.T, e *Entity, got Record, want map[string]any) {
	t.Helper()
	canon, err := CheckFields(e, want)
	if err != nil {
		t.Fatalf("%s: test fields are invalid: %v", e.Name, err)
	}
	for k, v := range canon {
		if !sameValue(got[k], v) {
			t.Errorf("%s.%s: stored %#v, saved %#v", e.Name, k, got[k], v)
		}
	}
}

func exported(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, testDistrict); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEveryEntityLifecycle(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	wd := newWorld(t, s)
	latest := map[string]string{"departments": wd.dept}
	saved := map[string]map[string]any{}
	for i := range Entities { // create, parents first
		e := &Entities[i]
		fields := validFields(e, latest, wd.meeting)
		rec := save(t, s, e.Name, fields)
		got, err := s.Get(ctx, e.Name, rec.ID())
		if err != nil {
			t.Fatalf("%s: get after create: %v", e.Name, err)
		}
		checkStored(t, e, got, fields)
		if got["created_by"] != "رابط آزمون" || got["created_at"] == "" || got["deleted"] != false {
			t.Errorf("%s: metadata not set by the store: %v", e.Name, got)
		}
		if n := queryCount(t, s.DB(), "SELECT count(*) FROM search_rows WHERE record_id = ?", rec.ID()); n != map[bool]int{true: 1}[e.Searchable()] {
			t.Errorf("%s: %d search index entries, want one only for searchable entities", e.Name, n)
		}
		latest[e.Name], saved[e.Name] = rec.ID(), fields
	}
	for i := range Entities { // update one text field
		e := &Entities[i]
		id, name := latest[e.Name], editableField(e)
		marker := "ویرایش zq" + strings.ReplaceAll(e.Name, "_", "")
		save(t, s, e.Name, map[string]any{"id": id, name: marker})
		got, _ := s.Get(ctx, e.Name, id)
		saved[e.Name][name] = marker
		checkStored(t, e, got, saved[e.Name])
		if f := e.Field(name); f.Search != "" && !containsID(searchIDs(t, s, marker), id) {
			t.Errorf("%s: search for the edited %s does not find the record", e.Name, name)
		}
		if !strings.Contains(exported(t, s), id) {
			t.Errorf("%s: the live record is missing from the export", e.Name)
		}
	}
	for i := len(Entities) - 1; i >= 0; i-- { // tombstone, children first
		e := &Entities[i]
		id := latest[e.Name]
		before := rowCounts(t, s)[e.Name]
		mustWrite(t, s, func(w *Writer) error { return w.Delete(e.Name, id) })
		got, err := s.Get(ctx, e.Name, id)
		if err != nil || got["deleted"] != true {
			t.Fatalf("%s: after delete, get = %v, %v; want the row with deleted = true", e.Name, got, err)
		}
		if after := rowCounts(t, s)[e.Name]; after != before {
			t.Errorf("%s: delete changed the row count from %d to %d; a tombstone must keep the row", e.Name, before, after)
		}
		if strings.Contains(exported(t, s), id) {
			t.Errorf("%s: the tombstoned record is still exported", e.Name)
		}
		if n := queryCount(t, s.DB(), "SELECT count(*) FROM search_rows WHERE record_id = ?", id); n != 0 {
			t.Errorf("%s: the tombstoned record is still in the search index", e.Name)
		}
		if ids := searchIDs(t, s, "zq"+strings.ReplaceAll(e.Name, "_", "")); containsID(ids, id) {
			t.Errorf("%s: search still finds the tombstoned record", e.Name)
		}
	}
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestMeetingDetailAndTypedPut(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	wd := newWorld(t, s)
	var m Meeting
	var gone string
	mustWrite(t, s, func(w *Writer) error {
		m = Meeting{Meta: Meta{District: testDistrict}, NeighbourhoodID: &wd.nbA, Kind: "field_visit", Title: "بازدید از بوستان",
			StartsAt: "2025-10-01T08:00:00.000Z", Place: "سرای محله", OrganiserID: &wd.person, Minutes: "صورتجلسه"}
		if err := w.Put("meetings", &m); err != nil {
			return err
		}
		for i, p := range []struct {
			person  *string
			guest   string
			present bool
		}{{&wd.person, "", true}, {nil, "مهمان", true}, {nil, "غایب", false}, {nil, "حذف‌شده", true}} {
			a := Attendance{Meta: Meta{District: testDistrict}, MeetingID: m.ID, PersonID: p.person, GuestName: p.guest, Present: p.present}
			if err := w.Put("attendance", &a); err != nil {
				return err
			}
			if i == 3 {
				gone = a.ID
			}
		}
		for _, pos := range []int{2, 1} {
			if err := w.Put("agenda_items", &AgendaItem{Meta: Meta{District: testDistrict}, MeetingID: m.ID, Position: pos, Text: "بند " + itoa(pos)}); err != nil {
				return err
			}
		}
		c := Concern{Meta: Meta{District: testDistrict}, MeetingID: &m.ID, Title: "نور کم کوچه", Priority: "high", Status: "open"}
		if err := w.Put("concerns", &c); err != nil {
			return err
		}
		d := Decision{Meta: Meta{District: testDistrict}, MeetingID: &m.ID, Text: "نصب چراغ"}
		if err := w.Put("decisions", &d); err != nil {
			return err
		}
		return w.Put("action_items", &ActionItem{Meta: Meta{District: testDistrict}, MeetingID: &m.ID, DecisionID: &d.ID,
			DepartmentID: &wd.dept, Title: "نصب دو چراغ", DueDate: "2025-11-01", Status: "open"})
	})
	mustWrite(t, s, func(w *Writer) error { return w.Delete("attendance", gone) })
	if m.ID == "" || m.CreatedAt == "" || m.CreatedBy != "رابط آزمون" {
		t.Fatalf("Put did not fill the meeting back: %+v", m.Meta)
	}
	d, err := s.Meeting(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Meeting.Title != m.Title || *d.Meeting.OrganiserID != wd.person || d.Meeting.Minutes != "صورتجلسه" {
		t.Errorf("meeting read back as %+v", d.Meeting)
	}
	if len(d.Attendance) != 3 || len(d.Agenda) != 2 || d.Agenda[0].Position != 1 || len(d.Concerns) != 1 ||
		len(d.Decisions) != 1 || len(d.ActionItems) != 1 || *d.ActionItems[0].DecisionID != d.Decisions[0].ID {
		t.Errorf("detail: %d attendees (want 3 live), agenda %+v (want 2, by position), %d concerns, %d decisions, %d action items",
			len(d.Attendance), d.Agenda, len(d.Concerns), len(d.Decisions), len(d.ActionItems))
	}
	l, err := s.ListMeetings(ctx, Filter{District: testDistrict, Kind: "field_visit"}, Page{})
	if err != nil || len(l.Rows) != 1 {
		t.Fatalf("list: %+v, %v", l, err)
	}
	if r := l.Rows[0]; r.Attendees != 2 || r.Concerns != 1 || r.NeighbourhoodName != "پیروزی" {
		t.Errorf("list row: %d present attendees (want 2), %d concerns (want 1), neighbourhood %q", r.Attendees, r.Concerns, r.NeighbourhoodName)
	}
	if _, err := s.Meeting(ctx, "0193f000-0000-7000-8000-0000000000ff"); !IsNotFound(err) {
		t.Errorf("an unknown meeting gives %v, want not found", err)
	}
}

// listWorld fills a store with records of two districts for the list tests.
type listWorld struct {
	s                *Store
	nbA, nbB, nbC    string // A and B in district 14, C in district 7
	deptA, deptB     string
	rowsByEntityName map[string][]modelRow
}

func (lw *listWorld) place(i int) (district int, nb string) {
	switch {
	case i%6 == 5:
		return 7, lw.nbC
	case i%2 == 0:
		return testDistrict, lw.nbA
	}
	return testDistrict, lw.nbB
}

// add saves one record and remembers it in the model; key and dateCol are
// read back from the stored record by the given field names.
func (lw *listWorld) add(t *testing.T, entity string, i int, fields map[string]any, r modelRow, keyField, dateField string) {
	t.Helper()
	rec := save(t, lw.s, entity, fields)
	r.id, r.district = rec.ID(), rec.District()
	r.nb, _ = rec["neighbourhood_id"].(string)
	r.dept, _ = rec["department_id"].(string)
	r.key, _ = rec[keyField].(string)
	if entity == "people" {
		r.key = persian.SortKey(rec["name"].(string))
	}
	r.dateCol, _ = rec[dateField].(string)
	if i%7 == 3 {
		mustWrite(t, lw.s, func(w *Writer) error { return w.Delete(entity, r.id) })
		r.deleted = true
	}
	lw.rowsByEntityName[entity] = append(lw.rowsByEntityName[entity], r)
}

func marker(i int) string {
	if i%3 == 0 {
		return " آسفالت‌ریزی"
	}
	return ""
}

func TestListsFilterAndPage(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	lw := &listWorld{s: s, rowsByEntityName: map[string][]modelRow{},
		deptA: "0193f000-0000-7000-8000-000000000001", deptB: "0193f000-0000-7000-8000-000000000004"}
	lw.nbA = save(t, s, "neighbourhoods", map[string]any{"district": testDistrict, "name": "پیروزی"}).ID()
	lw.nbB = save(t, s, "neighbourhoods", map[string]any{"district": testDistrict, "name": "نیروی هوایی"}).ID()
	lw.nbC = save(t, s, "neighbourhoods", map[string]any{"district": 7, "name": "سهروردی"}).ID()
	names := []string{"علی رضایی", "زهرا محمدي", "حسن کریمی", "مریم احمدی"}
	for i := 0; i < 22; i++ {
		d, nb := lw.place(i)
		dept := []string{lw.deptA, lw.deptB}[i/2%2]
		start := time.Date(2025, 9, 20+i%8, 8, 0, 0, 0, time.UTC) // i and i+8 start together: ties
		lw.add(t, "meetings", i, map[string]any{"district": d, "neighbourhood_id": nb, "kind": MeetingKinds[i%3],
			"title": "نشست " + itoa(i) + marker(i), "starts_at": FormatTime(start)},
			modelRow{kind: MeetingKinds[i%3], text: marker(i) != ""}, "starts_at", "starts_at")
		lw.add(t, "concerns", i, map[string]any{"district": d, "neighbourhood_id": nb, "department_id": dept,
			"title": "چالش " + itoa(i), "description": "شرح" + marker(i), "priority": "normal", "status": ConcernStatuses[i%4]},
			modelRow{status: ConcernStatuses[i%4], text: marker(i) != ""}, "created_at", "created_at")
		due := ""
		if i%9 != 8 {
			due = time.Date(2025, 10, 1+i%10, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
		lw.add(t, "action_items", i, map[string]any{"district": d, "neighbourhood_id": nb, "department_id": dept,
			"title": "اقدام " + itoa(i), "details": "جزئیات" + marker(i), "due_date": due, "status": ActionStatuses[i%4]},
			modelRow{status: ActionStatuses[i%4], text: marker(i) != ""}, "due_date", "due_date")
		lw.add(t, "people", i, map[string]any{"district": d, "neighbourhood_id": nb, "name": names[i%4] + " " + itoa(i%6),
			"role": PersonRoles[i%3], "notes": "یادداشت" + marker(i)},
			modelRow{kind: PersonRoles[i%3], text: marker(i) != ""}, "", "")
		lw.add(t, "projects", i, map[string]any{"district": d, "neighbourhood_id": nb, "department_id": dept,
			"title": "پروژه " + itoa(i) + marker(i), "status": ProjectStatuses[i%4], "progress": i * 4},
			modelRow{status: ProjectStatuses[i%4], text: marker(i) != ""}, "updated_at", "")
	}
	today := time.Date(2025, 10, 5, 10, 0, 0, 0, time.UTC)
	created := expectOrder(listedOf(lw.rowsByEntityName["concerns"]))
	cFrom, _ := ParseTime(created[15].key)
	cTo, _ := ParseTime(created[4].key)
	toListed := func(id, key string) listed { return listed{id, key} }
	text := "آسفالت‌ریزی"
	cases := []listCase{
		{name: "meetings", rows: lw.rowsByEntityName["meetings"], bound: FormatTime,
			filters: []Filter{{District: testDistrict}, {District: 7}, {NeighbourhoodID: lw.nbA}, {Kind: "elders"},
				{From: time.Date(2025, 9, 22, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 9, 25, 8, 0, 0, 0, time.UTC)}, {Text: text},
				{District: testDistrict, NeighbourhoodID: lw.nbB, Kind: "neighbourhood", From: time.Date(2025, 9, 21, 0, 0, 0, 0, time.UTC)}},
			fetch: func(f Filter, p Page) ([]listed, string, error) {
				l, err := s.ListMeetings(ctx, f, p)
				var out []listed
				for _, r := range l.Rows {
					out = append(out, toListed(r.ID, r.StartsAt))
				}
				return out, l.Next, err
			}},
		{name: "concerns", rows: lw.rowsByEntityName["concerns"], bound: FormatTime,
			filters: []Filter{{District: testDistrict}, {NeighbourhoodID: lw.nbB}, {DepartmentID: lw.deptB}, {Status: "in_progress"},
				{From: cFrom, To: cTo}, {Text: text}, {District: testDistrict, DepartmentID: lw.deptA, Status: "open", Text: text}},
			fetch: func(f Filter, p Page) ([]listed, string, error) {
				l, next, err := s.ListConcerns(ctx, f, p)
				var out []listed
				for _, r := range l {
					out = append(out, toListed(r.ID, r.CreatedAt))
				}
				return out, next, err
			}},
		{name: "action items", rows: lw.rowsByEntityName["action_items"], bound: func(t time.Time) string { return t.Format("2006-01-02") },
			filters: []Filter{{District: 7}, {NeighbourhoodID: lw.nbA}, {DepartmentID: lw.deptA}, {Status: "done"}, {Status: "overdue"},
				{From: time.Date(2025, 10, 3, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC)}, {Text: text},
				{District: testDistrict, Status: "overdue", DepartmentID: lw.deptA}},
			fetch: func(f Filter, p Page) ([]listed, string, error) {
				l, next, err := s.ListActionItems(ctx, f, p, today)
				var out []listed
				for _, r := range l {
					if r.Overdue(today) != (r.DueDate != "" && r.DueDate < "2025-10-05" && (r.Status == "open" || r.Status == "in_progress")) {
						t.Errorf("action item %s: Overdue says %v", r.ID, r.Overdue(today))
					}
					out = append(out, toListed(r.ID, r.DueDate))
				}
				return out, next, err
			}},
		{name: "people", rows: lw.rowsByEntityName["people"], asc: true,
			filters: []Filter{{District: testDistrict}, {NeighbourhoodID: lw.nbC}, {Kind: "imam"}, {Text: text},
				{District: testDistrict, Kind: "elder", NeighbourhoodID: lw.nbA}},
			fetch: func(f Filter, p Page) ([]listed, string, error) {
				l, next, err := s.ListPeople(ctx, f, p)
				var out []listed
				for _, r := range l {
					out = append(out, toListed(r.ID, persian.SortKey(r.Name)))
				}
				return out, next, err
			}},
		{name: "projects", rows: lw.rowsByEntityName["projects"],
			filters: []Filter{{District: testDistrict}, {NeighbourhoodID: lw.nbB}, {DepartmentID: lw.deptA}, {Status: "planned"}, {Text: text},
				{District: testDistrict, Status: "done", DepartmentID: lw.deptB}},
			fetch: func(f Filter, p Page) ([]listed, string, error) {
				l, next, err := s.ListProjects(ctx, f, p)
				var out []listed
				for _, r := range l {
					out = append(out, toListed(r.ID, r.UpdatedAt))
				}
				return out, next, err
			}},
	}
	for _, c := range cases {
		checkList(t, c, today.Format("2006-01-02"))
	}
}
