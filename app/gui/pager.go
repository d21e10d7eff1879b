package gui

import (
	"context"
	"errors"
	gosync "sync"
)

// pageSize is how many rows one read brings; a list reads the next page
// when the officer scrolls near the end of what it holds.
const pageSize = 100

// fetchFunc reads the page after the cursor ("" for the first) and returns
// it with the next cursor ("" on the last page).
type fetchFunc[T any] func(ctx context.Context, after string) ([]T, string, error)

// pager holds the rows of a list screen, a page at a time: nothing in the
// window reads all rows. A new query (start) is numbered on the UI
// goroutine before its work begins, so a slower older query can never
// replace a newer one's rows, and the older one is cancelled.
type pager[T any] struct {
	sh   *shell
	list *enterList

	mu      gosync.Mutex // guards everything below
	rows    []T
	next    string
	loading bool
	gen     int
	fetch   fetchFunc[T]
	cancel  context.CancelFunc
}

// start runs a new query: the first page, and count (when not nil) for
// the true total; done gets the total or the error, on the UI goroutine,
// unless a newer query came first.
//
// The page is shown as soon as it is read, before the count: counting a
// common word's matches at a year's volume takes several times as long as
// reading its first page (65 ms against 13 ms at 100,000 meetings), and
// the officer is waiting for the rows. Until the count arrives done gets
// counting (-1); a first page that is the whole list is its own count.
func (p *pager[T]) start(fetch fetchFunc[T], count func(context.Context) (int, error), done func(total int, err error)) {
	p.mu.Lock()
	p.gen++
	gen := p.gen
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.fetch, p.loading = cancel, fetch, true
	p.mu.Unlock()
	p.sh.background(func() {
		rows, next, err := fetch(ctx, "")
		total := counting
		if err == nil && (count == nil || next == "") {
			total, count = len(rows), nil
		}
		onUI(func() {
			if p.take(gen, rows, next, err, true) && !errors.Is(err, context.Canceled) {
				done(total, err)
			}
		})
		if err != nil || count == nil || !p.current(gen) {
			return
		}
		total, err = count(ctx) // after the page's onUI: fyne.Do keeps their order
		onUI(func() {
			if p.current(gen) && !errors.Is(err, context.Canceled) {
				done(total, err)
			}
		})
	})
}

// counting is the total done gets while the count is still being taken.
const counting = -1

// current reports whether gen is still the newest query.
func (p *pager[T]) current(gen int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.gen == gen
}

// more reads the page after the rows held, once at a time.
func (p *pager[T]) more() {
	p.mu.Lock()
	if p.loading || p.next == "" {
		p.mu.Unlock()
		return
	}
	p.loading = true
	gen, fetch, after := p.gen, p.fetch, p.next
	p.mu.Unlock()
	p.sh.background(func() {
		rows, next, err := fetch(context.Background(), after)
		onUI(func() { p.take(gen, rows, next, err, false) })
	})
}

// take keeps a page of query gen; it reports false for an older query.
func (p *pager[T]) take(gen int, rows []T, next string, err error, first bool) bool {
	p.mu.Lock()
	if gen != p.gen {
		p.mu.Unlock()
		return false
	}
	p.loading = false
	if err == nil {
		if first {
			p.rows = rows
		} else {
			p.rows = append(p.rows, rows...)
		}
		p.next = next
	}
	p.mu.Unlock()
	if err == nil {
		if first {
			p.list.scrollToTop()
		}
		p.list.Refresh()
	}
	return true
}

func (p *pager[T]) length() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.rows)
}

// hasMore reports whether pages after the rows held remain.
func (p *pager[T]) hasMore() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.next != ""
}

// at returns row i; a row near the end of those held asks for the next page.
func (p *pager[T]) at(i int) (T, bool) {
	p.mu.Lock()
	n := len(p.rows)
	var row T
	if i >= 0 && i < n {
		row = p.rows[i]
	}
	p.mu.Unlock()
	return row, i >= 0 && i < n
}

// near asks for the next page when row i is close to the end of those held.
func (p *pager[T]) near(i int) {
	if i >= p.length()-20 {
		p.more()
	}
}
