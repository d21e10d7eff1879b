// Package sqlitehq is the HQ store on an embedded SQLite file: the default,
// for a single HQ server without a database administrator.
package sqlitehq

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" database/sql driver
	"github.com/pressly/goose/v3"

	"mahalleh/sync/hq/hqdb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating and migrating if needed) the HQ database at path.
// WAL lets pulls read while a push writes; synchronous=FULL makes a 200
// answer to a push mean the change survives a power cut; writers queue on
// one connection (SQLite has one writer anyway) and take the write lock when
// their transaction begins, so that seq order is commit order.
func Open(path string) (hqdb.Store, error) {
	if path == "" {
		return nil, fmt.Errorf("no database file was given (use --db FILE)")
	}
	w, err := open(path, "immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	r, err := open(path, "deferred")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(16)
	sub, _ := fs.Sub(migrations, "migrations")
	d := hqdb.Dialect{Name: "sqlite", Goose: goose.DialectSQLite3}
	db, err := hqdb.Open(context.Background(), w, r, d, sub)
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open HQ database %s: %w", path, err)
	}
	return db, nil
}

func open(path, txlock string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", txlock)
	db, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open HQ database %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open HQ database %s: %w", path, err)
	}
	return db, nil
}
