package hqdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
)

// Dialect is what differs between the SQL databases the HQ runs on.
type Dialect struct {
	Name  string        // "sqlite" or "postgres"
	Goose goose.Dialect // for migrations
	// ForUpdate ends the statement that reads a district's sequence
	// (district_seq) to lock its row until the transaction ends: " FOR
	// UPDATE" on PostgreSQL; "" on SQLite, where a write transaction holds
	// the whole database already.
	ForUpdate string
	Dollar    bool // placeholders are $1, $2… instead of ?
	// Options of the migration provider: on PostgreSQL a session lock, so
	// that servers starting together migrate one at a time.
	Options []goose.ProviderOption
}

// DB implements Store on database/sql. Writes go through w; reads through r
// (the same pool on PostgreSQL; a second pool on SQLite, whose write pool
// holds one connection so writers queue in Go instead of spinning on
// SQLITE_BUSY).
type DB struct {
	w, r    *sql.DB
	dialect Dialect
}

// Open migrates the database to the newest schema and seeds the built-in
// reference data. migrations holds the dialect's goose files at its root.
func Open(ctx context.Context, w, r *sql.DB, d Dialect, migrations fs.FS) (*DB, error) {
	db := &DB{w: w, r: r, dialect: d}
	provider, err := goose.NewProvider(d.Goose, w, migrations, d.Options...)
	if err != nil {
		return nil, fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return nil, fmt.Errorf("migrate the HQ database: %w", err)
	}
	if err := seedReference(ctx, db); err != nil {
		return nil, fmt.Errorf("seed reference data: %w", err)
	}
	return db, nil
}

// Dialect names the database.
func (db *DB) Dialect() string { return db.dialect.Name }

// Close closes both pools.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		if err2 := db.r.Close(); err == nil {
			err = err2
		}
	}
	return err
}

// Update runs fn in a read-write transaction.
func (db *DB) Update(ctx context.Context, fn func(tx Tx) error) error {
	return db.run(ctx, db.w, nil, fn)
}

// View runs fn in a read-only transaction.
func (db *DB) View(ctx context.Context, fn func(tx Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: db.dialect.Name == "postgres"}
	return db.run(ctx, db.r, opts, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(tx Tx) error) error {
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	t := &sqlTx{ctx: ctx, tx: tx, d: &db.dialect}
	if err := fn(t); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// sqlTx implements Tx.
type sqlTx struct {
	ctx   context.Context
	tx    *sql.Tx
	d     *Dialect
	seqs  map[int]int64 // the last seq given out, per district locked by LockDistricts
	stmts map[string]*sql.Stmt
}

// q rewrites ? placeholders for the dialect. No statement of this package
// has a ? inside a literal.
func (t *sqlTx) q(query string) string {
	if !t.d.Dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// stmt prepares a statement once per transaction: a push runs the same
// few statements hundreds of times, and preparing is most of their cost.
// The statements close with the transaction.
func (t *sqlTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, t.q(query))
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

func (t *sqlTx) exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *sqlTx) query(query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(t.ctx, args...)
}

func (t *sqlTx) row(query string, args ...any) scanner {
	st, err := t.stmt(query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(t.ctx, args...)
}

type scanner interface{ Scan(...any) error }

// errRow is a row whose statement could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// LockRecords locks every district: for the rare writes that must not
// run beside any push (reference data, blob ownership).
func (t *sqlTx) LockRecords() error {
	all := make([]int, 0, len(Districts)+1)
	for d := 0; d <= len(Districts); d++ {
		all = append(all, d)
	}
	return t.LockDistricts(all)
}

// LockDistricts locks the sequence rows of the districts, in ascending
// order (so two pushes never wait on each other in a circle), and reads
// their last seq. The locks are held until the transaction ends, so within
// a district seq order is commit order; pushes of other districts go on.
func (t *sqlTx) LockDistricts(ds []int) error {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	ds = slices.Compact(ds)
	if t.seqs == nil {
		t.seqs = make(map[int]int64, len(ds))
	}
	for _, d := range ds {
		if _, ok := t.seqs[d]; ok {
			continue
		}
		var seq int64
		err := t.row("SELECT seq FROM district_seq WHERE district = ?"+t.d.ForUpdate, d).Scan(&seq)
		if noRows(err) {
			return fmt.Errorf("district %d has no sequence (district_seq)", d)
		}
		if err != nil {
			return fmt.Errorf("lock district %d: %w", d, err)
		}
		t.seqs[d] = seq
	}
	return nil
}

func (t *sqlTx) Counts() (records, audit int, err error) {
	if err = t.row("SELECT count(*) FROM records").Scan(&records); err != nil {
		return
	}
	err = t.row("SELECT count(*) FROM audit").Scan(&audit)
	return
}

func noRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
