package client

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// Phase names the step of a round that Progress reports.
type Phase string

const (
	PhasePush     Phase = "push"     // sending local changes
	PhasePull     Phase = "pull"     // receiving what changed at HQ
	PhaseUpload   Phase = "upload"   // sending attachment files
	PhaseDownload Phase = "download" // receiving attachment files
	PhaseDone     Phase = "done"
)

// Progress is reported after every batch, page or file. Total is 0 when it
// is not known in advance (a pull does not know how much HQ has).
type Progress struct {
	Phase         Phase
	Done, Total   int
	BytesSent     int64
	BytesReceived int64
}

// Report says what one round did.
type Report struct {
	Pushed        int // local changes HQ acknowledged
	Pulled        int // records that changed here because of the pull
	Received      int // record states received (some were already up to date)
	NewConflicts  int // conflicts HQ recorded for the pushed changes
	Refused       int // changes set aside in this round: HQ refused them, or they could not be read back
	RefusedTotal  int // changes set aside in the store after the round, waiting for a person (mahalleh refused)
	Conflicts     int // open conflicts in the store after the round
	Uploaded      int // attachment files sent
	Downloaded    int // attachment files received
	Requests      int // HTTP attempts, retries included
	Duration      time.Duration
	BytesSent     int64 // on the wire, headers included
	BytesReceived int64
}

// Sync runs one round: push every pending change, then pull until HQ has
// nothing more, then exchange attachments. progress (may be nil) is called
// from the syncing goroutine. On error the report says what was done before
// it; everything done is saved, and the next round carries on from there.
func (c *Client) Sync(ctx context.Context, progress func(Progress)) (Report, error) {
	if !c.mu.TryLock() {
		return Report{}, busy()
	}
	defer c.mu.Unlock()
	if progress == nil {
		progress = func(Progress) {}
	}
	start := time.Now()
	sent0, recv0, req0 := c.wire.sent.Load(), c.wire.received.Load(), c.wire.requests.Load()
	r := &round{c: c, rep: &Report{}, progress: func(p Progress) {
		p.BytesSent, p.BytesReceived = c.wire.sent.Load()-sent0, c.wire.received.Load()-recv0
		progress(p)
	}}
	err := r.run(ctx)
	rep := *r.rep
	rep.Duration = time.Since(start)
	rep.BytesSent, rep.BytesReceived = c.wire.sent.Load()-sent0, c.wire.received.Load()-recv0
	rep.Requests = int(c.wire.requests.Load() - req0)
	if open, cerr := c.store.Conflicts(context.WithoutCancel(ctx), "open"); cerr == nil {
		rep.Conflicts = len(open)
	}
	if n, cerr := c.store.RefusedCount(context.WithoutCancel(ctx)); cerr == nil {
		rep.RefusedTotal = n
	}
	if err != nil {
		ce := AsError(err)
		if ctx.Err() != nil {
			ce = canceled(ctx.Err())
		}
		c.recordOutcome(ce)
		return rep, ce
	}
	c.recordOutcome(nil)
	r.progress(Progress{Phase: PhaseDone, Done: rep.Pushed + rep.Received, Total: rep.Pushed + rep.Received})
	return rep, nil
}

// round is the state of one Sync.
type round struct {
	c          *Client
	rep        *Report
	progress   func(Progress)
	unreadable atomic.Int32 // changes set aside because they cannot be read back (by the push's reader)
}

// run pushes, then pulls whatever became of the push: a change HQ refused
// is set aside and does not stop the round, and even a push HQ turned down
// whole (an older HQ, a body it could not read) does not keep the device
// from receiving the others' work. Only a failure that would fail the pull
// too (offline, revoked, cancelled, the local store) ends the round early.
func (r *round) run(ctx context.Context) error {
	demo, err := r.c.store.IsDemo(ctx)
	if err != nil {
		return err
	}
	if demo {
		return demoStore("sync")
	}
	pushErr := r.push(ctx)
	if pushErr != nil && KindOf(pushErr) != KindRejected {
		return pushErr
	}
	if err := r.pull(ctx); err != nil {
		return err
	}
	if pushErr != nil {
		return pushErr
	}
	return r.attachments(ctx)
}

// fitBody keeps a batch under the server's body limit (long minutes make
// large changes): it returns the longest prefix that fits, at least one.
// The usual batch is far below the limit, which a rough count shows without
// encoding anything twice.
func fitBody(changes []data.Change) []data.Change {
	const budget = msync.MaxBodyBytes * 3 / 4
	if roughSize(changes)*6 < budget { // JSON escaping grows text at most 6 times
		return changes
	}
	size := 0
	for i, ch := range changes {
		b, err := json.Marshal(ch)
		if err != nil {
			return changes[:max(i, 1)]
		}
		size += len(b) + 1
		if size > budget && i > 0 {
			return changes[:i]
		}
	}
	return changes
}

func roughSize(changes []data.Change) int {
	n := 0
	for _, ch := range changes {
		n += 300 + len(ch.Author)
		for k, v := range ch.Fields {
			n += len(k) + 24
			if s, ok := v.(string); ok {
				n += len(s)
			}
		}
		for k, v := range ch.Base {
			n += len(k) + len(v) + 8
		}
	}
	return n
}

// pull asks for pages after the saved cursor until HQ says there is no
// more; each page and its cursor are applied in one transaction.
func (r *round) pull(ctx context.Context) error {
	s := r.c.store
	for {
		cursor, err := s.Setting(context.WithoutCancel(ctx), keyCursor)
		if err != nil {
			return err
		}
		var page msync.PullResponse
		path := "/" + msync.Version + "/pull?cursor=" + url.QueryEscape(cursor) + "&limit=" + strconv.Itoa(r.c.opts.PullPage)
		if err := r.c.wire.call(ctx, "GET", path, nil, &page); err != nil {
			return err
		}
		// Applied whatever the caller does meanwhile (a page is one local
		// transaction, and cancellation is checked between pages): a
		// cancellable context makes the SQLite driver start a goroutine per
		// statement, which cost half of a first pull's time.
		n, err := s.ApplyPull(context.WithoutCancel(ctx), page.Changes, page.Cursor)
		if err != nil {
			return err
		}
		r.rep.Pulled += n
		r.rep.Received += len(page.Changes)
		r.progress(Progress{Phase: PhasePull, Done: r.rep.Received})
		if !page.More || page.Cursor == cursor {
			return nil // a cursor that does not move would loop for ever
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}
