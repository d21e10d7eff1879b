package data

import (
	"context"
	"strings"
	"unicode/utf8"
)

// MatchQuery turns what a person typed into an FTS5 query over normalised
// text: every word must occur, the last one as a prefix (so results appear
// while typing) once it has minPrefix letters. Quoting each word keeps FTS5
// syntax characters inert.
func MatchQuery(text string) string { return matchWords(text, true) }

// matchWords quotes every normalised word; prefix makes the last one a prefix.
func matchWords(text string, prefix bool) string {
	words := strings.Fields(normalize(text))
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(`"` + strings.ReplaceAll(w, `"`, `""`) + `"`)
		if prefix && i == len(words)-1 && utf8.RuneCountInString(w) >= minPrefix {
			b.WriteString("*")
		}
	}
	return b.String()
}

// minPrefix is the length from which the last word typed is read as the
// start of a word. One or two letters begin most words of a year of
// minutes (ا, اس…): reading every word they begin took 130–160 ms of CPU at
// 10,000 meetings, ten times that at 100,000, to show a page that the next
// letter replaces; until then the letters match as a whole word.
const minPrefix = 3

// Hit is one search result.
type Hit struct {
	Entity   string // "meetings", "concerns", "decisions", "action_items", "people", …
	ID       string
	District int
	Title    string // what to show: the record's title, name or text
	Rank     float64
}

// Search finds records whose text matches, best first: a match in a title
// (a meeting's title, a person's name, a decision's text) ranks above a match
// in a body (minutes, descriptions, notes). Only the most recent matches are
// ranked (see searchWindow). district 0 searches every district.
func (s *Store) Search(ctx context.Context, text string, district, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 50
	}
	// Whole words first: an exact match of a common word reads one term's
	// list, its prefix reads every longer word's too (two to three times
	// slower at 100k meetings). The last word becomes a prefix only when the
	// whole words found less than a page — while the person is still typing it.
	hits, err := s.search(ctx, matchWords(text, false), district, limit)
	if err != nil || len(hits) >= limit {
		return hits, err
	}
	return s.search(ctx, MatchQuery(text), district, limit)
}

func (s *Store) search(ctx context.Context, q string, district, limit int) ([]Hit, error) {
	if q == "" {
		return nil, nil
	}
	// The inner query walks the matches newest first and stops after the
	// window; only those are scored and sorted. The district is a filter
	// on the window, not a tag in the query: a device holds one district,
	// and the tag's long list only slowed the walk.
	sqlText := `SELECT r.entity, r.record_id, r.district, c.rank
		FROM (SELECT rowid, bm25(search_index, 10.0, 1.0, 0.0) AS rank FROM search_index
			WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?) c
		JOIN search_rows r ON r.rowid = c.rowid`
	args := []any{scopeQuery(q, "", 0), searchWindow}
	if district != 0 {
		sqlText += " WHERE r.district = ?"
		args = append(args, district)
	}
	rows, err := s.db.QueryContext(ctx, sqlText+" ORDER BY c.rank LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, wrap("search", err, "the search failed", "جستجو انجام نشد")
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Entity, &h.ID, &h.District, &h.Rank); err != nil {
			return nil, wrap("search", err, "the search failed", "جستجو انجام نشد")
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("search", err, "the search failed", "جستجو انجام نشد")
	}
	for i := range hits {
		hits[i].Title = s.displayTitle(ctx, hits[i].Entity, hits[i].ID)
	}
	return hits, nil
}

// searchWindow is how many of the most recent matching records Search ranks
// (index rowids grow as records are created). Ranking scores every
// candidate, so a word found in a year of minutes (tens of thousands of
// records) would take a second; an officer looks for recent records, and
// the best 50 of the latest 1000 matches come back in tens of milliseconds.
var searchWindow = 1000 // a variable so that tests can make the window small

// displayTitle reads the text a search result shows, as the person wrote it.
func (s *Store) displayTitle(ctx context.Context, entity, id string) string {
	e := EntityByName(entity)
	for _, f := range e.Fields {
		if f.Search == "title" {
			var t string
			s.db.QueryRowContext(ctx, "SELECT "+f.Name+" FROM "+entity+" WHERE id = ?", id).Scan(&t)
			return t
		}
	}
	return ""
}
