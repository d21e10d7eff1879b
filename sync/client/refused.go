package client

import (
	"context"
	"errors"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// pending reads the next changes to push. A change this store cannot read
// back (data.ChangeError: fields that no longer validate, damaged JSON) is
// set aside as refused, with the reason, rather than sent with no fields or
// left to block every later push; then the read is tried again.
func (r *round) pending(ctx context.Context, after int64) ([]data.Change, error) {
	for {
		changes, err := r.c.store.PendingChangesAfter(ctx, after, r.c.opts.PushBatch)
		var ce *data.ChangeError
		if err == nil || !errors.As(err, &ce) {
			return changes, err
		}
		var de *data.Error
		errors.As(err, &de)
		rf := data.Refusal{ChangeID: ce.ChangeID, Code: "unreadable", Message: de.Msg, MessageFa: de.Persian()}
		if err := r.c.store.SetAside(context.WithoutCancel(ctx), rf); err != nil {
			return nil, err
		}
		r.unreadable.Add(1)
	}
}

// refusalsIn keeps the refusals of HQ's answer that name a change of the
// batch (HQ cannot make the device set aside anything it did not send).
func refusalsIn(batch []data.Change, refused []msync.RefusedChange) []data.Refusal {
	if len(refused) == 0 {
		return nil
	}
	sent := make(map[string]bool, len(batch))
	for _, c := range batch {
		sent[c.ChangeID] = true
	}
	var out []data.Refusal
	for _, rf := range refused {
		if sent[rf.ChangeID] {
			sent[rf.ChangeID] = false // once
			out = append(out, data.Refusal{ChangeID: rf.ChangeID, Code: rf.Code, Message: rf.Message, MessageFa: rf.MessageFa})
		}
	}
	return out
}

// demoStore is the refusal to enrol or sync a store that holds demo data
// (its made-up neighbourhoods would be refused by HQ for ever).
func demoStore(op string) *Error {
	err := data.ErrDemoStore(op)
	var de *data.Error
	errors.As(err, &de)
	return &Error{Kind: KindRejected, Code: "demo_store", Msg: de.Msg, MsgFa: de.Persian(), Err: err}
}
