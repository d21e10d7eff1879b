package client

import (
	"context"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// batch is one push, read from the change log and encoded, ready to send.
type batch struct {
	changes []data.Change
	body    gzipped
	err     error
}

// push sends the change log, oldest first, a batch at a time. A batch is
// marked pushed only after HQ's 200 (which means durable); a batch cut off
// before that is sent again next time and HQ applies it once.
//
// Batches go one after another (HQ applies them in the order they were
// made), but the next one is read from the store and encoded while the
// previous is on its way: reading, JSON and gzip overlap HQ's work instead
// of adding to it.
func (r *round) push(ctx context.Context) error {
	s := r.c.store
	local := context.WithoutCancel(ctx) // see pull: no goroutine per statement
	total, err := s.PendingCount(local)
	if err != nil {
		return err
	}
	if total == 0 {
		return nil
	}
	r.progress(Progress{Phase: PhasePush, Total: total})
	ready := make(chan batch, 1)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() { defer close(done); r.prepare(local, ready, stop) }()
	defer func() {
		close(stop)
		<-done
		r.rep.Refused += int(r.unreadable.Swap(0))
	}()
	for b := range ready {
		if b.err != nil {
			return b.err
		}
		var resp msync.PushResponse
		if err := r.c.wire.call(ctx, "POST", "/"+msync.Version+"/push", b.body, &resp); err != nil {
			return err
		}
		// HQ has the batch durably, but for the changes it refused, which
		// are set aside in the same local transaction: record that even if
		// the caller is cancelling now, so that it is not sent again needlessly.
		refused := refusalsIn(b.changes, resp.Refused)
		if err := s.MarkPushed(local, b.changes[len(b.changes)-1].Seq, refused...); err != nil {
			return err
		}
		r.rep.Pushed += len(b.changes) - len(refused)
		r.rep.Refused += len(refused) + int(r.unreadable.Swap(0))
		r.rep.NewConflicts += resp.Conflicts
		if done := r.rep.Pushed + r.rep.Refused; done > total {
			total = done // changes made while pushing
		}
		r.progress(Progress{Phase: PhasePush, Done: r.rep.Pushed + r.rep.Refused, Total: total})
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// prepare reads the change log a batch at a time, after the last change of
// the batch before, and encodes each batch, handing it to push; it closes
// ready after the last batch or the first error, and stops early when push
// is done (stop).
func (r *round) prepare(ctx context.Context, ready chan<- batch, stop <-chan struct{}) {
	defer close(ready)
	after := int64(0)
	for {
		changes, err := r.pending(ctx, after)
		if len(changes) == 0 && err == nil {
			return
		}
		var b batch
		if b.err = err; err == nil {
			b.changes = fitBody(changes)
			req := msync.PushRequest{BatchID: uuid.Must(uuid.NewV7()).String(), Changes: b.changes}
			b.body, b.err = gzipJSONFast(req)
			after = b.changes[len(b.changes)-1].Seq
		}
		select {
		case ready <- b:
		case <-stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}
