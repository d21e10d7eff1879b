package hq

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"mahalleh/data"
	"mahalleh/data/persian"
)

// A district's subdistricts and neighbourhoods are reference data: HQ owns
// them and sends them down in pull. ImportReference loads them from a table
// (a CSV or XLSX file HQ keeps them in) without an hq-role device, so that
// a fresh HQ can give its officers their neighbourhoods.

// RefRow is one row of a reference table: a neighbourhood and the
// subdistrict it lies in. Line is its row number in the file (the header
// is row 1), for messages.
type RefRow struct {
	Line            int
	Number          string // the subdistrict's number, as typed
	SubdistrictName string
	Neighbourhood   string
}

// RefRejection is a row that cannot be imported, and why.
type RefRejection struct {
	Line             int
	Reason, ReasonFa string
}

// RefResult says what an import did (or, refused, would not do).
type RefResult struct {
	SubdistrictsAdded, SubdistrictsRenamed   int
	NeighbourhoodsAdded, NeighbourhoodsMoved int
	Unchanged                                int
	Rejected                                 []RefRejection
}

// refAuthor is the audit log's officer for imported reference data.
const refAuthor = "mahalleh-hq reference import"

// refSub is a subdistrict the table names, checked.
type refSub struct {
	number int64
	name   string
	line   int
}

// checkRefRows validates every row; the table is imported only if none is
// rejected. A subdistrict's name may be left empty on all but one of its
// rows, but may not differ between rows; a neighbourhood may appear once.
func checkRefRows(rows []RefRow) (map[int64]*refSub, []RefRow, []RefRejection) {
	subs := map[int64]*refSub{}
	seen := map[string]int{}
	var ok []RefRow
	var rej []RefRejection
	reject := func(line int, fa, format string, args ...any) {
		rej = append(rej, RefRejection{Line: line, Reason: fmt.Sprintf(format, args...), ReasonFa: persian.Digits(fa)})
	}
	numberField := data.EntityByName("subdistricts").Field("number")
	for _, r := range rows {
		n, err := strconv.ParseInt(strings.TrimSpace(persian.LatinDigits(r.Number)), 10, 64)
		if err == nil {
			_, err = data.CheckValue(data.EntityByName("subdistricts"), numberField, n)
		}
		if err != nil || n < 1 {
			reject(r.Line, "شماره ناحیه باید عدد صحیح مثبت باشد.", "the subdistrict number %q is not a whole number from 1 up", r.Number)
			continue
		}
		name, hood := persian.Clean(r.SubdistrictName), persian.Clean(r.Neighbourhood)
		if msg, fa := refNameProblem(hood); msg != "" {
			reject(r.Line, "نام محله "+fa, "the neighbourhood name %s", msg)
			continue
		}
		if msg, fa := refNameProblem(name); name != "" && msg != "" {
			reject(r.Line, "نام ناحیه "+fa, "the subdistrict name %s", msg)
			continue
		}
		s := subs[n]
		switch {
		case s == nil:
			s = &refSub{number: n, name: name, line: r.Line}
			subs[n] = s
		case name != "" && s.name == "":
			s.name, s.line = name, r.Line
		case name != "" && persian.Normalize(name) != persian.Normalize(s.name):
			reject(r.Line, fmt.Sprintf("نام ناحیه %d در ردیف %d چیز دیگری است.", n, s.line),
				"subdistrict %d is named %q here but %q in row %d", n, name, s.name, s.line)
			continue
		}
		key := persian.Normalize(hood)
		if first, dup := seen[key]; dup {
			reject(r.Line, fmt.Sprintf("این محله در ردیف %d هم آمده است.", first), "the neighbourhood %q is already in row %d", hood, first)
			continue
		}
		seen[key] = r.Line
		r.SubdistrictName, r.Neighbourhood = name, hood
		ok = append(ok, r)
	}
	return subs, ok, rej
}

// refNameProblem says what is wrong with a name, if anything.
func refNameProblem(name string) (msg, fa string) {
	switch n := len([]rune(name)); {
	case n == 0:
		return "is empty", "خالی است."
	case n > 500:
		return "is longer than 500 characters", "بیش از ۵۰۰ نویسه است."
	}
	return "", ""
}

// ImportReference loads the rows into district's subdistricts and
// neighbourhoods, all or nothing: if any row is rejected nothing is written
// and the result lists the rejections. Existing records are matched, not
// duplicated: a subdistrict by its number (renamed if the table names it
// differently), a neighbourhood by its name (moved if the table puts it in
// another subdistrict). Nothing is deleted. With dryRun nothing is written
// either way. The records get HQ clocks and audit rows and reach the
// district's devices on their next pull.
func ImportReference(ctx context.Context, store Store, district int, rows []RefRow, dryRun bool) (RefResult, error) {
	var res RefResult
	if district < 1 || district > len(Districts) {
		return res, fmt.Errorf("district must be 1 to %d, not %d", len(Districts), district)
	}
	subs, ok, rej := checkRefRows(rows)
	if len(rej) > 0 || len(ok) == 0 {
		if len(rej) == 0 {
			rej = []RefRejection{{Line: 1, Reason: "the table has no rows", ReasonFa: "جدول ردیفی ندارد."}}
		}
		res.Rejected = rej
		return res, nil
	}
	err := store.Update(ctx, func(tx Tx) error {
		res = RefResult{}
		if err := tx.LockRecords(); err != nil {
			return err
		}
		w, err := newRefWriter(tx, district)
		if err != nil {
			return err
		}
		subIDs := map[int64]string{}
		for n, s := range subs {
			if subIDs[n], err = w.subdistrict(s, &res); err != nil {
				return err
			}
		}
		for _, r := range ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(persian.LatinDigits(r.Number)), 10, 64)
			w.neighbourhood(r.Neighbourhood, subIDs[n], &res)
		}
		if dryRun {
			return nil
		}
		return w.flush()
	})
	return res, err
}

// refWriter holds a district's reference records during an import.
type refWriter struct {
	tx       Tx
	district int
	clock    data.Clock
	at       string
	subs     map[int64]*Record  // live subdistricts by number
	hoods    map[string]*Record // live neighbourhoods by normalised name
	put      []*Record
	audits   []Audit
}

func newRefWriter(tx Tx, district int) (*refWriter, error) {
	w := &refWriter{tx: tx, district: district, clock: data.Clock{Node: "hq"}, at: now().Format(data.TimeLayout),
		subs: map[int64]*Record{}, hoods: map[string]*Record{}}
	for _, entity := range []string{"subdistricts", "neighbourhoods"} {
		recs, err := tx.LiveRecords(entity, district)
		if err != nil {
			return nil, err
		}
		for i := range recs {
			r := &recs[i]
			if r.District != district {
				continue
			}
			for _, c := range r.Clocks {
				w.clock.Observe(c)
			}
			if entity == "subdistricts" {
				n, _ := r.Fields["number"].(int64)
				w.subs[n] = r
			} else {
				name, _ := r.Fields["name"].(string)
				w.hoods[persian.Normalize(name)] = r
			}
		}
	}
	return w, nil
}

// subdistrict finds or makes the subdistrict s and returns its id.
func (w *refWriter) subdistrict(s *refSub, res *RefResult) (string, error) {
	if cur := w.subs[s.number]; cur != nil {
		if s.name != "" && cur.Fields["name"] != s.name {
			w.change(cur, data.Record{"name": s.name})
			res.SubdistrictsRenamed++
		} else {
			res.Unchanged++
		}
		return cur.ID, nil
	}
	if s.name == "" {
		s.name = fmt.Sprintf("ناحیه %s", persian.Digits(strconv.FormatInt(s.number, 10)))
	}
	res.SubdistrictsAdded++
	return w.create("subdistricts", data.Record{"number": s.number, "name": s.name}), nil
}

func (w *refWriter) neighbourhood(name, subID string, res *RefResult) {
	if cur := w.hoods[persian.Normalize(name)]; cur != nil {
		if cur.Fields["subdistrict_id"] != subID {
			w.change(cur, data.Record{"subdistrict_id": subID})
			res.NeighbourhoodsMoved++
		} else {
			res.Unchanged++
		}
		return
	}
	res.NeighbourhoodsAdded++
	w.create("neighbourhoods", data.Record{"subdistrict_id": subID, "name": name})
}

func (w *refWriter) create(entity string, fields data.Record) string {
	id := uuid.Must(uuid.NewV7()).String()
	for k, v := range (data.Record{"district": int64(w.district), "created_at": w.at, "created_by": data.BuiltinAuthor, "deleted": false}) {
		fields[k] = v
	}
	rec := &Record{Entity: entity, ID: id, District: w.district, Fields: data.Record{}, Clocks: map[string]string{}}
	w.change(rec, fields)
	return id
}

// change sets fields (and updated_at/by) on rec with a new HQ clock.
func (w *refWriter) change(rec *Record, fields data.Record) {
	clock := w.clock.Now()
	fields["updated_at"], fields["updated_by"] = w.at, data.BuiltinAuthor
	for k, v := range fields {
		rec.Fields[k] = v
		rec.Clocks[k] = clock
	}
	w.put = append(w.put, rec)
	w.audits = append(w.audits, Audit{At: now(), Device: "hq", Officer: refAuthor, Entity: rec.Entity,
		RecordID: rec.ID, Fields: sortedKeys(fields), Clock: clock})
}

func (w *refWriter) flush() error {
	if err := w.tx.PutRecords(dedupe(w.put)); err != nil {
		return err
	}
	return w.tx.AddAudits(w.audits)
}

// dedupe keeps the last of each record (one written twice, e.g. created
// then moved, is put once).
func dedupe(recs []*Record) []*Record {
	seen := map[*Record]bool{}
	var out []*Record
	for i := len(recs) - 1; i >= 0; i-- {
		if !seen[recs[i]] {
			seen[recs[i]] = true
			out = append(out, recs[i])
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
