package data

import (
	"context"
	"database/sql"
	"errors"
	"hash/fnv"
	"strconv"
	"strings"
	"time"
)

// The full-text index (migration 00015) is contentless: it holds the
// normalised words of each record's title and body fields, not a copy of
// the text, which the record's own row already holds. Each entry also has
// a tags column with the record's type and district as words
// ("emeetings emeetingsd14 d14"), so that "the meetings of district 14
// that mention آسفالت" is answered by the index alone.
//
// An entry's rowid orders the index by time: the record's date (a
// meeting's start, another record's creation) in Unix seconds, shifted
// left by rowidTimeShift, and a number from the record's id below it. The
// index walks its matches in rowid order and stops after a page, so "the
// newest meetings that mention a word" reads one page of matches however
// common the word. search_rows maps a rowid to its record.

const rowidTimeShift = 24

// orderField is the date a record's index entry is ordered by.
func orderField(e *Entity) string {
	if e.Name == "meetings" {
		return "starts_at"
	}
	return "created_at"
}

// timeKey is the smallest rowid of the second t starts.
func timeKey(t time.Time) int64 { return t.Unix() << rowidTimeShift }

// entryTime is the second of rec's order date (0 when it has none).
func entryTime(e *Entity, rec Record) int64 {
	s, _ := rec[orderField(e)].(string)
	t, err := ParseTime(s)
	if err != nil || t.Unix() < 0 {
		return 0
	}
	return t.Unix()
}

// entryTags are the words of an entry's tags column.
func entryTags(entity string, district int) string {
	e := "e" + strings.ReplaceAll(entity, "_", "")
	d := strconv.Itoa(district)
	return e + " " + e + "d" + d + " d" + d
}

// scopeQuery restricts a query of the typed words to the title and body
// columns, and to one entity (or "") of one district (or 0).
func scopeQuery(words, entity string, district int) string {
	q := "{title body} : (" + words + ")"
	var tag string
	switch {
	case entity != "" && district != 0:
		tag = "e" + strings.ReplaceAll(entity, "_", "") + "d" + strconv.Itoa(district)
	case entity != "":
		tag = "e" + strings.ReplaceAll(entity, "_", "")
	case district != 0:
		tag = "d" + strconv.Itoa(district)
	}
	if tag != "" {
		q = `tags : "` + tag + `" AND ` + q
	}
	return q
}

// reindex refreshes the record's full-text entry when a searched field, its
// order date or its deletion changed. A new record has no entry yet (isNew
// skips looking for one).
func reindex(ctx context.Context, tx *sql.Tx, e *Entity, rec Record, changed []string, isNew bool) error {
	if !e.Searchable() || !indexRelevant(e, changed) {
		return nil
	}
	var title, body []string
	for _, f := range e.Fields {
		s, _ := rec[f.Name].(string)
		switch {
		case s == "":
		case f.Search == "title":
			title = append(title, normalize(s))
		case f.Search == "body":
			body = append(body, normalize(s))
		}
	}
	var rowid int64
	err := sql.ErrNoRows
	if !isNew {
		err = tx.QueryRowContext(ctx, "SELECT rowid FROM search_rows WHERE entity = ? AND record_id = ?", e.Name, rec.ID()).Scan(&rowid)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return indexErr(err)
	default: // the old entry goes; a new one is written below
		if _, err := tx.ExecContext(ctx, "DELETE FROM search_index WHERE rowid = ?", rowid); err != nil {
			return indexErr(err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM search_rows WHERE rowid = ?", rowid); err != nil {
			return indexErr(err)
		}
	}
	if rec["deleted"] == true {
		return nil
	}
	if rowid == 0 || rowid>>rowidTimeShift != entryTime(e, rec) {
		if rowid, err = freeRowid(ctx, tx, e, rec); err != nil {
			return indexErr(err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO search_rows (rowid, entity, record_id, district) VALUES (?, ?, ?, ?)",
		rowid, e.Name, rec.ID(), rec.District()); err != nil {
		return indexErr(err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO search_index (rowid, title, body, tags) VALUES (?, ?, ?, ?)",
		rowid, strings.Join(title, " "), strings.Join(body, " "), entryTags(e.Name, rec.District()))
	return indexErr(err)
}

func indexRelevant(e *Entity, changed []string) bool {
	for _, name := range changed {
		if name == "deleted" || name == orderField(e) {
			return true
		}
		if f := e.Field(name); f != nil && f.Search != "" {
			return true
		}
	}
	return false
}

// freeRowid picks the rowid of a new entry: the record's second, and below
// it the low bits of the millisecond its UUIDv7 id was made in (so records
// of the same second keep the order they were made in, but for a wrap
// every four and a half hours), moved on past any entry that has it already.
func freeRowid(ctx context.Context, tx *sql.Tx, e *Entity, rec Record) (int64, error) {
	base := entryTime(e, rec) << rowidTimeShift
	low := idLowBits(rec.ID())
	for range 1 << 10 {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM search_rows WHERE rowid = ?", base|low).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return base | low, nil
		}
		low = (low + 1) & (1<<rowidTimeShift - 1)
	}
	return 0, errors.New("no free search entry in this second")
}

// idLowBits are the low bits of a UUIDv7's millisecond (its first 48
// bits), or a hash of any other id.
func idLowBits(id string) int64 {
	if ms, err := strconv.ParseInt(strings.ReplaceAll(id[:min(len(id), 13)], "-", ""), 16, 64); err == nil && len(id) == 36 {
		return ms & (1<<rowidTimeShift - 1)
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return int64(h.Sum32()) & (1<<rowidTimeShift - 1)
}

func indexErr(err error) error {
	if err == nil {
		return nil
	}
	return wrap("index", err, "cannot index the record for search", "نمایه‌سازی برای جستجو ممکن نشد")
}
