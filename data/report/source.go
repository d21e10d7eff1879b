package report

import (
	"context"

	"mahalleh/data"
)

// Source reads the rows a report is counted from. Each method returns the
// rows of q's scope that belong to q's period (a source may return more:
// the counting checks the period and scope again), live records only.
// Times are stored instants (data.FormatTime); a reference that is empty
// is "".
type Source interface {
	Departments(ctx context.Context) ([]data.Department, error)
	Meetings(ctx context.Context, q Query) ([]MeetingRow, error)
	Concerns(ctx context.Context, q Query) ([]ItemRow, error)
	ActionItems(ctx context.Context, q Query) ([]ItemRow, error)
	// Projects returns the projects recorded before the period's end.
	Projects(ctx context.Context, q Query) ([]ProjectRow, error)
}

// Query is what a Source is asked for: a scope and the period as the
// half-open range [From, To) of stored instants.
type Query struct {
	Scope
	From, To string
}

// in reports whether the stored instant at falls in the query's period.
// Stored instants are UTC in one fixed layout, so they compare as strings;
// an instant in another layout is parsed.
func (q Query) in(at string) bool {
	if len(at) == len(q.From) {
		return at >= q.From && at < q.To
	}
	t, err := data.ParseTime(at)
	return err == nil && data.FormatTime(t) >= q.From && data.FormatTime(t) < q.To
}

// covers reports whether a record of district and neighbourhood is in scope.
func (q Query) covers(district int, hood string) bool {
	return (q.District == 0 || district == q.District) && (q.NeighbourhoodID == "" || hood == q.NeighbourhoodID)
}

// MeetingRow is a meeting: when it was held and its kind.
type MeetingRow struct {
	District       int
	Neighbourhood  string // its id
	Kind, StartsAt string
}

// ItemRow is a concern or an action item.
type ItemRow struct {
	District      int
	Neighbourhood string // its id
	Department    string // its id
	Status        string
	// Raised is when it belongs: the start of the meeting that raised it,
	// or when it was recorded if no meeting did (a concern typed in the day
	// after the meeting still belongs to the meeting's month).
	Raised  string
	Created string
	DueDate string // action items: the deadline, a Tehran day YYYY-MM-DD
	// DoneAt is when a done action item was done: the latest follow-up
	// that set it done, or its last change if none did.
	DoneAt string
}

// ProjectRow is a priority project as it stands.
type ProjectRow struct {
	District                 int
	ID, Title, Neighbourhood string // Neighbourhood: its id
	NeighbourhoodName        string
	Department, Status       string
	Progress                 int
	Created                  string
}
