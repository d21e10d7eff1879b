// Package demo fills a store with realistic demo data for District 14 of
// Tehran, in Persian: its subdistricts and neighbourhoods, a register of
// elders, imams, council members, residents and staff, a year of meetings
// with attendance, agenda, minutes, concerns, decisions, action items and
// their follow-ups, and priority projects.
//
// The data is deterministic: the same seed and the same "now" give the same
// records, ids included (see newID), so tests can compare whole exports.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"mahalleh/data"
	"mahalleh/data/jalali"
)

// District is the district the demo describes.
const District = 14

// chunkMeetings is how many meetings go into one transaction: large enough
// that commits (fsync with synchronous=FULL) cost little, small enough that
// a cancelled run keeps what it finished and memory stays flat.
const chunkMeetings = 250

// Stats counts the records Fill added, per entity.
type Stats struct {
	Subdistricts, Neighbourhoods, People, Projects              int
	Meetings, Attendance, AgendaItems                           int
	Concerns, Decisions, ActionItems, FollowUps, Links, Skipped int // Skipped: already in the store
	Elapsed                                                     time.Duration
}

// Total is the number of records added.
func (s Stats) Total() int {
	return s.Subdistricts + s.Neighbourhoods + s.People + s.Projects + s.Meetings + s.Attendance +
		s.AgendaItems + s.Concerns + s.Decisions + s.ActionItems + s.FollowUps + s.Links
}

// String is a one-line summary for the command line.
func (s Stats) String() string {
	return fmt.Sprintf("%d records: %d subdistricts, %d neighbourhoods, %d people, %d projects, %d meetings, "+
		"%d attendance, %d agenda items, %d concerns, %d decisions, %d action items, %d follow-ups, %d links",
		s.Total(), s.Subdistricts, s.Neighbourhoods, s.People, s.Projects, s.Meetings, s.Attendance,
		s.AgendaItems, s.Concerns, s.Decisions, s.ActionItems, s.FollowUps, s.Links)
}

// Option adjusts Fill.
type Option func(*options)

type options struct {
	now       time.Time
	progress  func(done, total int)
	changeLog bool
}

// WithChangeLog makes Fill log every record in the change log, as a
// person's edits are, so that the store's records can be pushed: for
// benchmarks of sync that use the demo as a load and declare the store
// real. Without it a demo store, which never syncs, gets no log.
func WithChangeLog() Option { return func(o *options) { o.changeLog = true } }

// WithNow sets the moment the demo year ends (default: now). Tests fix it so
// that the same seed gives the same data on any day.
func WithNow(t time.Time) Option { return func(o *options) { o.now = t } }

// WithProgress receives the number of meetings written so far, after each
// transaction.
func WithProgress(fn func(done, total int)) Option { return func(o *options) { o.progress = fn } }

// Fill adds size meetings (and everything around them) to the store, for
// District 14. It writes in transactions of a few hundred meetings; if it
// fails or ctx is cancelled, the transactions already committed stay.
// Records that are already there (the same seed run twice) are left alone.
func Fill(ctx context.Context, s *data.Store, size int, seed int64, opts ...Option) (Stats, error) {
	start := time.Now()
	o := options{now: time.Now()}
	for _, opt := range opts {
		opt(&o)
	}
	if size < 0 {
		return Stats{}, &data.Error{Op: "demo", Code: data.ErrInvalid, Msg: "the size must be zero or more", MsgFa: "تعداد جلسه‌ها باید صفر یا بیشتر باشد"}
	}
	depts, err := s.Departments(ctx)
	if err != nil {
		return Stats{}, err
	}
	if err := s.MarkDemo(ctx); err != nil {
		return Stats{}, err
	}
	g := newGen(seed, o.now, size, depts)
	g.planStarts(size)
	g.changeLog = o.changeLog
	if err := g.flush(ctx, s, g.register); err != nil {
		return g.stats, err
	}
	for done := 0; done < size; {
		n := min(chunkMeetings, size-done)
		if err := g.flush(ctx, s, func() { g.meetings(n) }); err != nil {
			return g.stats, err
		}
		done += n
		if o.progress != nil {
			o.progress(done, size)
		}
	}
	err = g.flush(ctx, s, g.projectLinks)
	g.stats.Elapsed = time.Since(start)
	return g.stats, err
}

// item is one record waiting for the next transaction.
type item struct {
	entity string
	rec    map[string]any
}

// flush runs queue (which queues records) and writes the queue in one transaction.
func (g *gen) flush(ctx context.Context, s *data.Store, queue func()) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g.queue = g.queue[:0]
	queue()
	added := map[string]int{}
	skipped := 0
	// The transaction itself runs without ctx's cancellation: the SQLite
	// driver watches a cancellable context with a goroutine per statement,
	// which doubles the cost of a bulk write; ctx is checked between chunks.
	// A demo store never syncs: its records need no change-log rows.
	write := s.WriteUnlogged
	if g.changeLog {
		write = s.Write
	}
	err := write(context.WithoutCancel(ctx), "demo", func(w *data.Writer) error {
		for _, it := range g.queue {
			ok, err := w.SaveAsOf(it.entity, it.rec)
			if err != nil {
				return fmt.Errorf("demo %s %v: %w", it.entity, it.rec["id"], err)
			}
			if ok {
				added[it.entity]++
			} else {
				skipped++
			}
		}
		return nil
	})
	if err == nil {
		g.count(added, skipped)
	}
	return err
}

func (g *gen) count(added map[string]int, skipped int) {
	st := &g.stats
	for e, n := range added {
		switch e {
		case "subdistricts":
			st.Subdistricts += n
		case "neighbourhoods":
			st.Neighbourhoods += n
		case "people":
			st.People += n
		case "projects":
			st.Projects += n
		case "meetings":
			st.Meetings += n
		case "attendance":
			st.Attendance += n
		case "agenda_items":
			st.AgendaItems += n
		case "concerns":
			st.Concerns += n
		case "decisions":
			st.Decisions += n
		case "action_items":
			st.ActionItems += n
		case "follow_ups":
			st.FollowUps += n
		case "links":
			st.Links += n
		}
	}
	st.Skipped += skipped
}

// gen holds the generator's state between transactions.
type gen struct {
	r     *rand.Rand
	now   time.Time // the end of the demo year, in Tehran
	loc   *time.Location
	size  int
	depts []data.Department
	queue []item
	stats Stats
	// changeLog: write through Store.Write (WithChangeLog)
	changeLog bool

	hoods    []hoodRec
	people   []person
	staff    []int            // indexes into people
	byHood   map[string][]int // neighbourhood id → people of it (not staff)
	officers []string         // author names, one per subdistrict
	projects []projectRec
	starts   []time.Time // every meeting's start, in time order (planStarts)
	next     int         // the next meeting to write
	// concernsFor keeps a few concerns per neighbourhood and department, for
	// linking projects to what residents asked for.
	concernsFor map[string][]concernRef
}

type hoodRec struct {
	id, name    string
	subdistrict int
}

type person struct {
	id, name, title, hoodID, role string
	created                       time.Time
}

type projectRec struct {
	id, hoodID, deptID string
}

func newGen(seed int64, now time.Time, size int, depts []data.Department) *gen {
	loc := jalali.Tehran()
	return &gen{
		r:           rand.New(rand.NewPCG(uint64(seed), 0x6d6168616c6c6568)), // "mahalleh"
		now:         now.In(loc).Truncate(time.Millisecond),
		loc:         loc,
		size:        size,
		depts:       depts,
		byHood:      map[string][]int{},
		concernsFor: map[string][]concernRef{},
	}
}

// add queues one record with its history: created and updated at the given
// times by the given author.
func (g *gen) add(entity string, created, updated time.Time, author string, rec map[string]any) string {
	if updated.Before(created) {
		updated = created
	}
	if updated.After(g.now) {
		updated = g.now
	}
	id := newID(g.r, created)
	rec["id"] = id
	rec["district"] = District
	rec["created_at"] = data.FormatTime(created)
	rec["updated_at"] = data.FormatTime(updated)
	rec["created_by"] = author
	rec["updated_by"] = author
	g.queue = append(g.queue, item{entity, rec})
	return id
}

// between returns a random instant in [a, b), to the minute.
func (g *gen) between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	d := b.Sub(a)
	return a.Add(time.Duration(g.r.Int64N(int64(d)))).Truncate(time.Minute)
}

// weighted picks an index with the given weights.
func (g *gen) weighted(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
