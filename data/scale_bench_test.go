package data_test

// BenchmarkScale is `make bench-scale`: the store at a year's volume (the
// benchmark store of bench_test.go, 100,000 meetings, built once and
// cached), measured with the calls the screens make and their arguments,
// beside the limits they are held to, in one run. It prints one table:
// figure, limit, ratio (figure / limit; at most 1 meets the goal). Limits
// are the goals of issue 12, or raw SQLite measured in the same run: a
// plain bulk insert of the demo's records, for the demo's own speed.

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"mahalleh/data"
)

// scaleRow is one line of the table.
type scaleRow struct {
	name          string
	figure, limit float64
	unit          string
}

var scaleRows []scaleRow

// addScaleRow adds a line, or replaces the line of that name (a benchmark
// function runs once with b.N = 1 before its measured run).
func addScaleRow(name string, figure, limit float64, unit string) {
	r := scaleRow{name, figure, limit, unit}
	for i := range scaleRows {
		if scaleRows[i].name == name {
			scaleRows[i] = r
			return
		}
	}
	scaleRows = append(scaleRows, r)
}

func printScaleTable() {
	fmt.Println()
	fmt.Printf("%-52s %14s %14s %7s\n", "figure", "measured", "limit", "ratio")
	for _, r := range scaleRows {
		fmt.Printf("%-52s %11.2f %-2s %11.2f %-2s %7.2f\n", r.name, r.figure, r.unit, r.limit, r.unit, r.figure/r.limit)
	}
	fmt.Println()
}

// scaleOp times op b.N times and adds its p50 and p95 (milliseconds of
// wall time) to the table, and the p95 of the CPU time the process spent
// in it: on a loaded machine the wall time is mostly waiting for a core.
func scaleOp(b *testing.B, name string, limitMs float64, op func() error) {
	b.Run(name, func(b *testing.B) {
		var lat, cpu latencies
		for i := 0; i < b.N; i++ {
			var err error
			c := cpuTime()
			lat.time(func() { err = op() })
			cpu = append(cpu, cpuTime()-c)
			if err != nil {
				b.Fatal(err)
			}
		}
		lat.report(b, 50, 95)
		addScaleRow(name+" p50", percentileMs(lat, 50), limitMs, "ms")
		addScaleRow(name+" p95", percentileMs(lat, 95), limitMs, "ms")
		addScaleRow(name+" p95 CPU", percentileMs(cpu, 95), limitMs, "ms")
	})
}

func percentileMs(l latencies, p float64) float64 {
	sorted := slices.Clone(l)
	slices.Sort(sorted)
	return float64(sorted[int(float64(len(sorted)-1)*p/100)].Microseconds()) / 1000
}

// cpuTime is the CPU time this process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkScale(b *testing.B) {
	s := openBenchStore(b)
	c := loadBenchContext(b, s)
	ctx := context.Background()
	scaleRows = nil
	defer printScaleTable()
	scaleOpen(b, s.Path())
	scaleSize(b, s)
	scaleMeetings(b, s, c)
	scaleSearch(b, s)
	scaleOtherLists(b, s)
	scaleMeeting60(b, s, c)
	scaleDemo(b)
	_ = ctx
}

// scaleOpen opens and closes the store, as the app does before its first frame.
func scaleOpen(b *testing.B, path string) {
	scaleOp(b, "open the store", 300, func() error {
		s, err := data.Open(path)
		if err != nil {
			return err
		}
		return s.Close()
	})
}

// scaleSize compares the store's size (its used pages) with its JSON export.
func scaleSize(b *testing.B, s *data.Store) {
	ctx := context.Background()
	db := s.DB()
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	var pages, free, size int64
	db.QueryRow("PRAGMA page_count").Scan(&pages)
	db.QueryRow("PRAGMA freelist_count").Scan(&free)
	db.QueryRow("PRAGMA page_size").Scan(&size)
	used := (pages - free) * size
	var meetings int64
	db.QueryRow("SELECT count(*) FROM meetings").Scan(&meetings)
	var export countingWriter
	if err := s.Export(ctx, &export, 0); err != nil {
		b.Fatal(err)
	}
	b.Logf("store %d bytes used (%d pages free), JSON export %d bytes, %d meetings", used, free, export.n, meetings)
	addScaleRow("store size / JSON export", float64(used)/float64(export.n), 1.2, "x")
	addScaleRow("store bytes per meeting (limit: export's)", float64(used)/float64(meetings)/1000,
		float64(export.n)/float64(meetings)/1000, "kB")
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// The words of the searches: common in the demo's minutes, a topic, a
// rare name, nothing at all, and a word being typed letter by letter.
var (
	commonWord = "برگزار"
	topicWord  = "آسفالت"
	noWord     = "زرافه"
	typing     = []string{"آ", "آس", "آسف", "آسفا", "آسفال"}
)

// rareWord is the family name of the last person of the register: it
// occurs in the few minutes that name the person.
func rareWord(b *testing.B, s *data.Store) string {
	var name string
	if err := s.DB().QueryRow("SELECT name FROM people WHERE district = ? ORDER BY sort_key DESC LIMIT 1", benchDistrict).Scan(&name); err != nil {
		b.Fatal(err)
	}
	w := strings.Fields(name)
	return w[len(w)-1]
}

// scaleMeetings is the meetings screen: the first page and the count, for
// the district, with its filters, and with a text typed in the search box.
func scaleMeetings(b *testing.B, s *data.Store, c benchContext) {
	ctx := context.Background()
	page := data.Page{Limit: 50}
	rare := rareWord(b, s)
	screen := func(f data.Filter) func() error {
		return func() error {
			if _, err := s.ListMeetings(ctx, f, page); err != nil {
				return err
			}
			_, err := s.CountMeetings(ctx, f)
			return err
		}
	}
	// The screen shows the first page as soon as it is read and the count
	// when it is taken (app/gui/pager.go): a text's first page is what the
	// officer waits for, the count follows.
	first := func(f data.Filter) func() error {
		return func() error { _, err := s.ListMeetings(ctx, f, page); return err }
	}
	d := data.Filter{District: benchDistrict}
	scaleOp(b, "meetings: first page + count", 30, screen(d))
	scaleOp(b, "meetings: neighbourhood+kind+dates", 30, screen(data.Filter{District: benchDistrict,
		NeighbourhoodID: c.neighbourhood, Kind: c.kind, From: c.last.AddDate(0, -6, 0), To: c.last.Add(time.Second)}))
	for _, w := range []struct{ name, text string }{{"common word", commonWord}, {"topic word", topicWord},
		{"rare word", rare}, {"no match", noWord}, {"two words", "مطالبات اهالی"}} {
		f := data.Filter{District: benchDistrict, Text: w.text}
		scaleOp(b, "meetings: text, "+w.name+", first page", 30, first(f))
		scaleOp(b, "meetings: text, "+w.name+", page + count", 100, screen(f))
	}
	f := data.Filter{District: benchDistrict, Text: topicWord,
		NeighbourhoodID: c.neighbourhood, From: c.last.AddDate(0, -3, 0), To: c.last.Add(time.Second)}
	scaleOp(b, "meetings: text + neighbourhood + dates, first page", 30, first(f))
	scaleOp(b, "meetings: text + neighbourhood + dates, page + count", 100, screen(f))
	i := 0
	scaleOp(b, "meetings: text while typing (prefix)", 30, func() error {
		i++
		return screen(data.Filter{District: benchDistrict, Text: typing[i%len(typing)]})()
	})
}

// scaleSearch is the search box over every record.
func scaleSearch(b *testing.B, s *data.Store) {
	ctx := context.Background()
	rare := rareWord(b, s)
	for _, w := range []struct{ name, text string }{{"common word", commonWord}, {"topic word", topicWord},
		{"rare word", rare}, {"two words", "فضای سبز"}} {
		scaleOp(b, "search: "+w.name, 30, func() error { _, err := s.Search(ctx, w.text, benchDistrict, 50); return err })
	}
	i := 0
	scaleOp(b, "search: while typing (prefix)", 30, func() error {
		i++
		_, err := s.Search(ctx, typing[i%len(typing)], benchDistrict, 50)
		return err
	})
}

// scaleOtherLists are the first pages of the other lists, plain and filtered.
func scaleOtherLists(b *testing.B, s *data.Store) {
	ctx := context.Background()
	d := data.Filter{District: benchDistrict}
	p := data.Page{Limit: 50}
	today := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	scaleOp(b, "people: first page", 30, func() error { _, _, err := s.ListPeople(ctx, d, p); return err })
	scaleOp(b, "people: text", 30, func() error {
		_, _, err := s.ListPeople(ctx, data.Filter{District: benchDistrict, Text: "محمد"}, p)
		return err
	})
	scaleOp(b, "action items: first page", 30, func() error { _, _, err := s.ListActionItems(ctx, d, p, today); return err })
	scaleOp(b, "action items: overdue", 30, func() error {
		_, _, err := s.ListActionItems(ctx, data.Filter{District: benchDistrict, Status: "overdue"}, p, today)
		return err
	})
	scaleOp(b, "action items: text", 30, func() error {
		_, _, err := s.ListActionItems(ctx, data.Filter{District: benchDistrict, Text: topicWord}, p, today)
		return err
	})
	scaleOp(b, "concerns: first page", 30, func() error { _, _, err := s.ListConcerns(ctx, d, p); return err })
	scaleOp(b, "concerns: text", 30, func() error {
		_, _, err := s.ListConcerns(ctx, data.Filter{District: benchDistrict, Text: topicWord}, p)
		return err
	})
	scaleOp(b, "projects: first page", 30, func() error { _, _, err := s.ListProjects(ctx, d, p); return err })
}

// scaleMeeting60 opens a meeting with 60 attendees in the editor and saves it.
func scaleMeeting60(b *testing.B, s *data.Store, c benchContext) {
	ctx := context.Background()
	var ids []string
	rows, err := s.DB().Query("SELECT id FROM people WHERE district = ? AND deleted = 0 LIMIT 60", benchDistrict)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	var m data.Meeting
	err = s.Write(ctx, "bench", func(w *data.Writer) error {
		m = data.Meeting{Meta: data.Meta{District: benchDistrict}, NeighbourhoodID: &c.neighbourhood, Kind: "elders",
			Title: "نشست شصت نفره", StartsAt: data.FormatTime(c.last), Minutes: "بررسی مشکلات محله."}
		if err := w.Put("meetings", &m); err != nil {
			return err
		}
		for _, p := range ids {
			a := data.Attendance{Meta: data.Meta{District: benchDistrict}, MeetingID: m.ID, PersonID: &p, Present: true}
			if err := w.Put("attendance", &a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	scaleOp(b, "open a meeting with 60 attendees", 30, func() error {
		d, err := s.Meeting(ctx, m.ID)
		if err == nil && len(d.Attendance) != len(ids) {
			err = fmt.Errorf("%d attendees, want %d", len(d.Attendance), len(ids))
		}
		return err
	})
	i := 0
	scaleOp(b, "save it (minutes and every attendee's note)", 30, func() error {
		i++
		d, err := s.Meeting(ctx, m.ID)
		if err != nil {
			return err
		}
		return s.Write(ctx, "bench", func(w *data.Writer) error {
			d.Meeting.Minutes = fmt.Sprintf("بررسی مشکلات محله، نسخه %d.", i)
			if err := w.Put("meetings", &d.Meeting); err != nil {
				return err
			}
			for j := range d.Attendance {
				d.Attendance[j].Note = fmt.Sprintf("یادداشت %d", i)
				if err := w.Put("attendance", &d.Attendance[j]); err != nil {
					return err
				}
			}
			return nil
		})
	})
}
