// Package pghq is the HQ store on PostgreSQL, for production: several HQ
// servers may share one database, because the servers keep no state of
// their own and a push locks the sequence rows of the districts it writes
// (district_seq, SELECT … FOR UPDATE) until it commits.
package pghq

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"mahalleh/sync/hq/hqdb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at url (postgres://user:pass@host:port/db)
// and migrates it to the newest schema.
func Open(ctx context.Context, url string) (hqdb.Store, error) {
	if url == "" {
		return nil, fmt.Errorf("no PostgreSQL URL was given (use --postgres postgres://user:pass@host/db)")
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, err
	}
	d := hqdb.Dialect{Name: "postgres", Goose: goose.DialectPostgres, Dollar: true,
		ForUpdate: " FOR UPDATE",
		Options:   []goose.ProviderOption{goose.WithSessionLocker(locker)}}
	store, err := hqdb.Open(ctx, db, db, d, sub)
	if err != nil {
		db.Close()
		return nil, err
	}
	return store, nil
}
