package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
)

// Opening a store must cost the same at 100 meetings and at 100,000: the
// app opens it before its first frame. Work whose cost grows with the
// store (reading the whole change log, scanning the fields kept for a newer
// version, pruning acknowledged changes of an older version) runs once,
// and a settings row records that it ran; every later Open reads that row
// and nothing else. The steps are:
//
//   - clockKey holds the high-water mark of this store's clock, moved in the
//     transaction of every write that logs a change (Store.Write) and of
//     every pull. Stores made before it was kept up to date read the change
//     log's largest clock once (adoptChangeLog).
//   - changes acknowledged by HQ are deleted (see MarkPushed); a store made
//     before that keeps its acknowledged rows until its first Open with
//     this version, which deletes them once (adoptChangeLog), and with
//     them the whole log of a demo store, which is never sent.
//   - adoptExtraFields runs when this version knows fields the last one
//     that opened the store did not (registryKey): only then can a kept
//     field have become a column.

const (
	clockKey       = "clock"
	logAdoptedKey  = "change_log_version" // "2": the clock covers the log and acknowledged rows are pruned
	logAdoptedVer  = "2"
	registryKey    = "registry_fingerprint"
	logUnreadable  = "cannot read the change log"
	logUnreadableF = "خواندن فهرست تغییرات ممکن نشد"
)

// adoptChangeLog brings a store made by an older version to the change
// log's current rules, once: the clock's high-water mark is raised past
// every logged change, then the acknowledged changes are deleted.
func (s *Store) adoptChangeLog(ctx context.Context) error {
	v, err := s.Setting(ctx, logAdoptedKey)
	if err != nil || v == logAdoptedVer {
		return err
	}
	demo, err := s.IsDemo(ctx)
	if err != nil {
		return err
	}
	prune := "DELETE FROM changes WHERE pushed = 1" // acknowledged by HQ
	if demo {
		prune = "DELETE FROM changes" // never sent: a demo store does not sync (WriteUnlogged)
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		var maxLogged sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT max(hlc) FROM changes").Scan(&maxLogged); err != nil {
			return wrap("open", err, logUnreadable, logUnreadableF)
		}
		s.observe(maxLogged.String)
		if err := setSetting(ctx, tx, clockKey, s.clockMark()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, prune); err != nil {
			return wrap("open", err, logUnreadable, logUnreadableF)
		}
		return setSetting(ctx, tx, logAdoptedKey, logAdoptedVer)
	})
}

// registryFingerprint names the set of entities and fields this version
// knows; it changes when a version adds a field.
func registryFingerprint() string {
	h := sha256.New()
	for i := range Entities {
		h.Write([]byte(Entities[i].Name + ":"))
		for _, f := range Entities[i].AllFields() {
			fmt.Fprintf(h, "%+v,", f) // names and rules: a value refused before may pass now
		}
		h.Write([]byte(";"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// adoptExtraFieldsOnce runs adoptExtraFields when the registry changed
// since the last Open, and records the registry it ran for.
func (s *Store) adoptExtraFieldsOnce(ctx context.Context) error {
	fp := registryFingerprint()
	v, err := s.Setting(ctx, registryKey)
	if err != nil || v == fp {
		return err
	}
	if err := s.adoptExtraFields(ctx); err != nil {
		return err
	}
	return s.SetSetting(ctx, registryKey, fp)
}

// clockMark is the clock's latest reading, without moving it.
func (s *Store) clockMark() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clock.wall == 0 && s.clock.counter == 0 {
		return ""
	}
	return FormatClock(s.clock.wall, s.clock.counter, s.clock.Node)
}
