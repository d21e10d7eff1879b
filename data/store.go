// Package data holds Mahalleh's domain (districts, neighbourhoods, people,
// meetings, concerns, decisions, action items, projects) and its SQLite store.
//
// Every change a person makes is one SQLite transaction that writes the
// record, the clocks of its fields, its full-text index entry and a row of the
// change log together, so that a crash leaves either all of it or none, and
// sync can never miss a change. Records are never deleted, only tombstoned.
package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	gosync "sync"

	"github.com/google/uuid"
	_ "github.com/mattn/go-sqlite3" // the "sqlite3" database/sql driver
	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a local Mahalleh database: one SQLite file.
type Store struct {
	db     *sql.DB
	path   string
	device string // this installation's id, the tie-breaker of its clocks

	mu      gosync.Mutex // guards clock and onWrite
	clock   Clock
	onWrite []func() // see OnWrite
}

// Open opens (and creates, or migrates) the store at path. The connection
// settings are what "nothing is lost" rests on: WAL so readers never block the
// writer, synchronous=FULL so a committed transaction survives a power cut,
// foreign keys on, and a busy timeout so a second process waits instead of failing.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, &Error{Op: "open", Code: ErrInvalid, Msg: "no database file was given", MsgFa: "پرونده پایگاه داده مشخص نشده است"}
	}
	if err := privateFile(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	// Every write runs the same dozen statements (row, clocks, change log,
	// search index): caching them prepared per connection saves parsing them
	// again for each record, and a 64 MB page cache keeps the indexes of a
	// large store in memory.
	q.Set("_stmt_cache_size", "64")
	q.Set("_cache_size", "-65536")
	db, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, wrap("open", err, "cannot open the store "+path, "پایگاه داده باز نشد")
	}
	s := &Store{db: db, path: path}
	if err := s.init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// privateFile makes sure the store's folder (when it creates it) and file
// are readable by their owner only: the store holds personal data and the
// device's sync token in plain text. Permissions keep other accounts of the
// machine out; what protects a stolen laptop is revoking the device at HQ
// and the operating system's disk encryption (README). A store left
// readable by an older version is tightened; SQLite gives its -wal and
// -shm files the store file's permissions.
func privateFile(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return wrap("open", err, "cannot create the folder of the store", "پوشه پایگاه داده ساخته نشد")
		}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return wrap("open", err, "cannot open or create the store "+path, "پرونده پایگاه داده باز یا ساخته نشد")
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 {
		f.Chmod(0o600) // best effort: a store on a file system without modes stays usable
		for _, ext := range []string{"-wal", "-shm"} {
			os.Chmod(path+ext, 0o600)
		}
	}
	return nil
}

func (s *Store) init(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return wrap("open", err, "the file "+s.path+" is not a Mahalleh store or cannot be read", "این پرونده پایگاه داده محله نیست یا خوانده نمی‌شود")
	}
	// Migrations made on parallel branches land with numbers below ones a
	// developer's store may already hold; out of order is fine for them,
	// since each adds its own columns or tables.
	provider, err := goose.NewProvider(goose.DialectSQLite3, s.db, mustSub(migrations, "migrations"), goose.WithAllowOutofOrder(true))
	if err != nil {
		return wrap("migrate", err, "the store's migrations are broken", "به‌روزرسانی ساختار پایگاه داده ممکن نشد")
	}
	if _, err := provider.Up(ctx); err != nil {
		return wrap("migrate", err, "cannot bring the store "+s.path+" up to date", "به‌روزرسانی ساختار پایگاه داده ممکن نشد")
	}
	if err := s.seedBuiltin(ctx); err != nil {
		return err
	}
	if err := s.backfillPersonKeys(ctx); err != nil {
		return err
	}
	if err := s.adoptExtraFieldsOnce(ctx); err != nil { // fields an older version kept for this one
		return err
	}
	dev, err := s.Setting(ctx, "device_local_id")
	if err != nil {
		return err
	}
	if dev == "" {
		dev = uuid.Must(uuid.NewV7()).String()
		if err := s.SetSetting(ctx, "device_local_id", dev); err != nil {
			return err
		}
	}
	s.device = dev
	last, err := s.Setting(ctx, clockKey)
	if err != nil {
		return err
	}
	s.clock = Clock{Node: dev[len(dev)-12:]}
	s.clock.Observe(last) // the high-water mark every write keeps (upkeep.go)
	return s.adoptChangeLog(ctx)
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// DeviceID is the id this store gave itself when it was created.
func (s *Store) DeviceID() string { return s.device }

// DB exposes the connection pool to the sync client and tests in this module;
// screens never use it.
func (s *Store) DB() *sql.DB { return s.db }

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, err
}

// Setting reads a value from the settings table ("" when absent).
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", wrap("setting", err, "cannot read setting "+key, "تنظیمات خوانده نشد")
	}
	return v, nil
}

// SetSetting writes a value to the settings table.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return setSetting(ctx, s.db, key, value)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func setSetting(ctx context.Context, db execer, key, value string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return wrap("setting", err, "cannot save setting "+key, "تنظیمات ذخیره نشد")
	}
	return nil
}

// Tx runs fn in one write transaction: everything fn writes lands together or
// not at all.
func (s *Store) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return wrap("begin", err, "the store is busy or cannot be written", "پایگاه داده مشغول است یا نوشتنی نیست")
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return wrap("commit", err, "the change could not be saved", "تغییر ذخیره نشد")
	}
	return nil
}

func mustSub(fsys embed.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time; this cannot fail at run time
	}
	return sub
}
