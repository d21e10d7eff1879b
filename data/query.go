package data

import (
	"strings"
	"time"
)

// Page asks for one page of a list. Lists are ordered newest first; After is
// the Next value of the previous page ("" for the first page), so that a page
// deep in a year of data costs the same as the first (keyset paging).
type Page struct {
	Limit int
	After string
}

func (p Page) limit() int {
	if p.Limit <= 0 || p.Limit > 500 {
		return 50
	}
	return p.Limit
}

// Common filters of the lists. Zero values mean "any".
type Filter struct {
	District        int       // 0: every district this store holds
	NeighbourhoodID string    // one neighbourhood
	DepartmentID    string    // concerns, action items, projects
	Status          string    // a status value; for action items also "overdue"
	Kind            string    // meetings: the kind; people: the role
	PersonID        string    // meetings: attended by (present); concerns: raised by
	From, To        time.Time // a date range [From, To)
	Text            string    // full-text search within the list
}

// where collects the conditions and arguments of a list query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// common adds the filters every list shares; alias is the table's alias and
// dateCol the column the date range applies to.
func (w *where) common(f Filter, entity, alias, dateCol string) {
	w.add(alias + ".deleted = 0")
	if f.District != 0 {
		w.add(alias+".district = ?", f.District)
	}
	if f.NeighbourhoodID != "" {
		w.add(alias+".neighbourhood_id = ?", f.NeighbourhoodID)
	}
	if dateCol != "" && !f.From.IsZero() {
		w.add(alias+"."+dateCol+" >= ?", dateBound(dateCol, f.From))
	}
	if dateCol != "" && !f.To.IsZero() {
		w.add(alias+"."+dateCol+" < ?", dateBound(dateCol, f.To))
	}
	if q := MatchQuery(f.Text); q != "" {
		w.add(alias+`.id IN (SELECT r.record_id FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid
			WHERE search_index MATCH ?)`, scopeQuery(q, entity, f.District))
	}
}

func dateBound(col string, t time.Time) string {
	if col == "due_date" {
		return t.Format("2006-01-02")
	}
	return FormatTime(t)
}

// keyset adds "older than the cursor" for a list ordered by (col DESC, id DESC).
// The condition is written as a plain range on col ("col <= key") plus a
// filter, because SQLite does not turn "col < key OR (col = key AND …)" into
// an index range: a page deep in a year of meetings then walked every newer
// meeting first (10 ms at 10,000 down, growing with depth).
func (w *where) keyset(alias, col, after string) {
	key, id, ok := splitCursor(after)
	if !ok {
		return
	}
	w.add(alias+"."+col+" <= ? AND ("+alias+"."+col+" < ? OR "+alias+".id < ?)", key, key, id)
}

// keysetAsc is keyset for a list ordered by (col, id) ascending.
func (w *where) keysetAsc(alias, col, after string) {
	key, id, ok := splitCursor(after)
	if !ok {
		return
	}
	w.add(alias+"."+col+" >= ? AND ("+alias+"."+col+" > ? OR "+alias+".id > ?)", key, key, id)
}

func cursor(key, id string) string { return key + "|" + id }

// splitCursor splits at the last "|": ids never hold one, but a sort key
// made from a name may.
func splitCursor(after string) (key, id string, ok bool) {
	i := strings.LastIndex(after, "|")
	if i < 0 {
		return "", "", false
	}
	return after[:i], after[i+1:], true
}
