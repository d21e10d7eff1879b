package tabular

import (
	"context"
	"time"

	"mahalleh/data"
)

// List names a list of the app that can be exported.
type List string

const (
	Meetings List = "meetings"
	People   List = "people"
	Concerns List = "concerns"
	Actions  List = "actions"
	Projects List = "projects"
)

// Lists is every exportable list, in the order of a whole workbook's sheets.
var Lists = []List{Meetings, People, Concerns, Actions, Projects}

// ParseList reads a list's name as the command line gives it.
func ParseList(s string) (List, bool) {
	for _, l := range Lists {
		if string(l) == s {
			return l, true
		}
	}
	return "", false
}

// Options are what an export is made with.
type Options struct {
	Lang   string      // Persian (the default) or English headers and labels
	Filter data.Filter // the same filters the list's screen uses
	Today  time.Time   // for "overdue" (the zero time: now)
	// Progress, if set, is called after each page of records read, with
	// the number read so far and the total (0 when the list does not know
	// it in advance), so the window can show a progress bar.
	Progress func(done, total int)
	// The screens' own filters, when set, replace Filter for their list:
	// the list is then read as its screen reads it (the office's
	// neighbourhoods, a department, a priority, a responsible person), so
	// that an export from a screen holds exactly the rows it shows.
	Concerns *data.ConcernFilter
	Actions  *data.ActionFilter
	Projects *data.ProjectFilter
}

// pageSize is the largest page the store's lists hand out.
const pageSize = 500

// Build reads the whole list (every page) with o's filters into a table.
func Build(ctx context.Context, s *data.Store, list List, o Options) (*Table, error) {
	n, err := newNames(ctx, s, o.Lang)
	if err != nil {
		return nil, err
	}
	if o.Today.IsZero() {
		o.Today = time.Now().In(tehran)
	}
	b := builder{ctx: ctx, s: s, o: o, n: n}
	switch list {
	case Meetings:
		return b.meetings()
	case People:
		return b.people()
	case Concerns:
		return b.concerns()
	case Actions:
		return b.actions()
	case Projects:
		return b.projects()
	}
	return nil, &data.Error{Op: "export", Code: data.ErrInvalid, Msg: "unknown list " + string(list), MsgFa: "فهرست «" + string(list) + "» شناخته نشد"}
}

type builder struct {
	ctx context.Context
	s   *data.Store
	o   Options
	n   *names
}

func (b *builder) progress(done, total int) {
	if b.o.Progress != nil {
		b.o.Progress(done, total)
	}
}

func (b *builder) meetings() (*Table, error) {
	l := b.o.Lang
	t := newTable(l, Meetings, []Column{{"export.col.date", Label}, {"export.col.time", Label}, {"export.col.gregorian", Date},
		{"export.col.kind", Label}, {"export.col.title", Text}, {"export.col.neighbourhood", Text}, {"export.col.place", Text},
		{"export.col.attendees", Number}, {"export.col.concerns", Number}, {"export.col.id", Label}})
	total, err := b.s.CountMeetings(b.ctx, b.o.Filter)
	if err != nil {
		return nil, err
	}
	for p := (data.Page{Limit: pageSize}); ; {
		page, err := b.s.ListMeetings(b.ctx, b.o.Filter, p)
		if err != nil {
			return nil, err
		}
		for _, m := range page.Rows {
			at, _ := instant(m.StartsAt)
			t.Rows = append(t.Rows, []any{jalaliText(l, at), clockText(l, at), gregorianDay(at),
				valueLabel(l, "kind", m.Kind), m.Title, m.NeighbourhoodName, m.Place, m.Attendees, m.Concerns, m.ID})
		}
		b.progress(len(t.Rows), total)
		if p.After = page.Next; p.After == "" {
			return t, nil
		}
	}
}

func (b *builder) people() (*Table, error) {
	l := b.o.Lang
	t := newTable(l, People, []Column{{"export.col.name", Text}, {"export.col.role", Label}, {"export.col.phone", Text},
		{"export.col.neighbourhood", Text}, {"export.col.organisation", Text}, {"export.col.notes", Text},
		{"export.col.registered", Label}, {"export.col.gregorian", Date}, {"export.col.id", Label}})
	for p := (data.Page{Limit: pageSize}); ; {
		list, next, err := b.s.ListPeople(b.ctx, b.o.Filter, p)
		if err != nil {
			return nil, err
		}
		for _, x := range list {
			at, _ := instant(x.CreatedAt)
			t.Rows = append(t.Rows, []any{x.Name, valueLabel(l, "role", x.Role), x.Phone, b.n.hood(x.NeighbourhoodID),
				x.Organisation, x.Notes, jalaliText(l, at), gregorianDay(at), x.ID})
		}
		b.progress(len(t.Rows), 0)
		if p.After = next; next == "" {
			return t, nil
		}
	}
}

func (b *builder) concerns() (*Table, error) {
	l := b.o.Lang
	t := newTable(l, Concerns, []Column{{"export.col.date", Label}, {"export.col.gregorian", Date}, {"export.col.title", Text},
		{"export.col.neighbourhood", Text}, {"export.col.department", Text}, {"export.col.priority", Label},
		{"export.col.status", Label}, {"export.col.raised_by", Text}, {"export.col.description", Text}, {"export.col.id", Label}})
	fetch, total := func(p data.Page) ([]data.Concern, string, error) { return b.s.ListConcerns(b.ctx, b.o.Filter, p) }, 0
	if f := b.o.Concerns; f != nil {
		var err error
		if total, err = b.s.CountConcernRows(b.ctx, *f); err != nil {
			return nil, err
		}
		fetch = func(p data.Page) ([]data.Concern, string, error) {
			rows, next, err := b.s.ListConcernRows(b.ctx, *f, p)
			out := make([]data.Concern, len(rows))
			for i, r := range rows {
				out[i] = r.Concern
			}
			return out, next, err
		}
	}
	for p := (data.Page{Limit: pageSize}); ; {
		list, next, err := fetch(p)
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			at, _ := instant(c.CreatedAt)
			t.Rows = append(t.Rows, []any{jalaliText(l, at), gregorianDay(at), c.Title, b.n.hood(c.NeighbourhoodID),
				b.n.dept(c.DepartmentID), valueLabel(l, "priority", c.Priority), valueLabel(l, "concern_status", c.Status),
				b.n.person(b.ctx, b.s, c.RaisedByID), c.Description, c.ID})
		}
		b.progress(len(t.Rows), total)
		if p.After = next; next == "" {
			return t, nil
		}
	}
}

func (b *builder) actions() (*Table, error) {
	l := b.o.Lang
	t := newTable(l, Actions, []Column{{"export.col.title", Text}, {"export.col.neighbourhood", Text}, {"export.col.department", Text},
		{"export.col.responsible", Text}, {"export.col.due", Label}, {"export.col.gregorian", Date}, {"export.col.status", Label},
		{"export.col.overdue", Label}, {"export.col.details", Text}, {"export.col.id", Label}})
	fetch := func(p data.Page) ([]data.ActionItem, string, error) {
		return b.s.ListActionItems(b.ctx, b.o.Filter, p, b.o.Today)
	}
	total := 0
	if f := b.o.Actions; f != nil {
		var err error
		if total, err = b.s.CountActionRows(b.ctx, *f, b.o.Today); err != nil {
			return nil, err
		}
		fetch = func(p data.Page) ([]data.ActionItem, string, error) {
			rows, next, err := b.s.ListActionRows(b.ctx, *f, p, b.o.Today)
			out := make([]data.ActionItem, len(rows))
			for i, r := range rows {
				out[i] = r.ActionItem
			}
			return out, next, err
		}
	}
	for p := (data.Page{Limit: pageSize}); ; {
		list, next, err := fetch(p)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			due := dueDay(a.DueDate)
			who := a.ResponsibleName
			if who == "" {
				who = b.n.person(b.ctx, b.s, a.ResponsibleID)
			}
			overdue := ""
			if a.Overdue(b.o.Today) {
				overdue = label(l, "export.yes")
			}
			t.Rows = append(t.Rows, []any{a.Title, b.n.hood(a.NeighbourhoodID), b.n.dept(a.DepartmentID), who,
				jalaliText(l, due), gregorianDay(due), valueLabel(l, "action_status", a.Status), overdue, a.Details, a.ID})
		}
		b.progress(len(t.Rows), total)
		if p.After = next; next == "" {
			return t, nil
		}
	}
}

func (b *builder) projects() (*Table, error) {
	l := b.o.Lang
	t := newTable(l, Projects, []Column{{"export.col.title", Text}, {"export.col.neighbourhood", Text}, {"export.col.department", Text},
		{"export.col.status", Label}, {"export.col.progress", Number}, {"export.col.updated", Label}, {"export.col.gregorian", Date},
		{"export.col.description", Text}, {"export.col.id", Label}})
	fetch, total := func(p data.Page) ([]data.Project, string, error) { return b.s.ListProjects(b.ctx, b.o.Filter, p) }, 0
	if f := b.o.Projects; f != nil {
		var err error
		if total, err = b.s.CountProjectRows(b.ctx, *f); err != nil {
			return nil, err
		}
		fetch = func(p data.Page) ([]data.Project, string, error) {
			rows, next, err := b.s.ListProjectRows(b.ctx, *f, p)
			out := make([]data.Project, len(rows))
			for i, r := range rows {
				out[i] = r.Project
			}
			return out, next, err
		}
	}
	for p := (data.Page{Limit: pageSize}); ; {
		list, next, err := fetch(p)
		if err != nil {
			return nil, err
		}
		for _, x := range list {
			at, _ := instant(x.UpdatedAt)
			t.Rows = append(t.Rows, []any{x.Title, b.n.hood(x.NeighbourhoodID), b.n.dept(x.DepartmentID),
				valueLabel(l, "project_status", x.Status), x.Progress, jalaliText(l, at), gregorianDay(at), x.Description, x.ID})
		}
		b.progress(len(t.Rows), total)
		if p.After = next; next == "" {
			return t, nil
		}
	}
}

// names turns the ids a list holds into the names a reader wants.
type names struct {
	hoods, depts map[string]string
	people       map[string]string // read on first use
}

func newNames(ctx context.Context, s *data.Store, l string) (*names, error) {
	n := &names{hoods: map[string]string{}, depts: map[string]string{}, people: map[string]string{}}
	hs, err := s.Neighbourhoods(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		n.hoods[h.ID] = h.Name
	}
	ds, err := s.Departments(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		n.depts[d.ID] = d.NameFa
		if lang(l) == English {
			n.depts[d.ID] = d.NameEn
		}
	}
	return n, nil
}

func (n *names) hood(id *string) string {
	if id == nil {
		return ""
	}
	return n.hoods[*id]
}

func (n *names) dept(id *string) string {
	if id == nil {
		return ""
	}
	return n.depts[*id]
}

// person is the name of a person of the register ("" if none or unreadable:
// a name missing from one cell must not stop the export).
func (n *names) person(ctx context.Context, s *data.Store, id *string) string {
	if id == nil {
		return ""
	}
	name, ok := n.people[*id]
	if !ok {
		if rec, err := s.Get(ctx, "people", *id); err == nil {
			name, _ = rec["name"].(string)
		}
		n.people[*id] = name
	}
	return name
}
