package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Profile is who works with this store: the officer's name (the author of
// every change), the district and the neighbourhoods the office serves. It
// is set on the first-start screen and kept in the store's settings, since
// it belongs to the office's data, not to the computer's user account.
type Profile struct {
	Officer        string
	District       int
	Neighbourhoods []string // ids; empty means the whole district
	// Role is what HQ enrolled the device as (officer, supervisor, hq); ""
	// for a store never enrolled.
	Role string
}

const (
	keyOfficer        = "profile_officer"
	keyDistrict       = "profile_district"
	keyNeighbourhoods = "profile_neighbourhoods"
	keyFirstStartDone = "first_start_done"
)

// Profile reads the office profile; a zero District means it was never set.
func (s *Store) Profile(ctx context.Context) (Profile, error) {
	var p Profile
	vals := map[string]string{}
	for _, k := range []string{keyOfficer, keyDistrict, keyNeighbourhoods, SettingSyncDistrict, SettingSyncOfficer, SettingSyncRole} {
		v, err := s.Setting(ctx, k)
		if err != nil {
			return p, err
		}
		vals[k] = v
	}
	p.Officer, p.Role = vals[keyOfficer], vals[SettingSyncRole]
	p.District, _ = strconv.Atoi(vals[keyDistrict])
	if d, err := strconv.Atoi(vals[SettingSyncDistrict]); err == nil && d > 0 {
		p.District = d // an enrolled store's district is the one HQ gave it
	}
	if p.Officer == "" {
		p.Officer = vals[SettingSyncOfficer]
	}
	if vals[keyNeighbourhoods] != "" {
		p.Neighbourhoods = strings.Split(vals[keyNeighbourhoods], ",")
	}
	return p, nil
}

// SetProfile checks and saves the office profile in one transaction.
func (s *Store) SetProfile(ctx context.Context, p Profile) error {
	const op = "save profile"
	p.Officer = strings.TrimSpace(p.Officer)
	if p.Officer == "" {
		return invalid(op, "the officer's name is required", "نام کارشناس را بنویسید")
	}
	if p.District < 1 || p.District > 22 {
		return invalid(op, "choose a district between 1 and 22", "منطقه‌ای بین ۱ تا ۲۲ انتخاب کنید")
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		for k, v := range map[string]string{keyOfficer: p.Officer, keyDistrict: strconv.Itoa(p.District),
			keyNeighbourhoods: strings.Join(p.Neighbourhoods, ",")} {
			if err := setSetting(ctx, tx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// FirstStartDone reports whether the first-start screen has been completed
// (or the store already held an office's work when the screen came in).
func (s *Store) FirstStartDone(ctx context.Context) (bool, error) {
	v, err := s.Setting(ctx, keyFirstStartDone)
	return v != "", err
}

// SetFirstStartDone records that the first-start screen is behind us.
func (s *Store) SetFirstStartDone(ctx context.Context) error {
	return s.SetSetting(ctx, keyFirstStartDone, "1")
}

// EmptyDemo removes every record of a demo store, with its change log,
// clocks, search index and drafts, and forgets the profile, so the store is
// as new and the first-start screen shows again. The built-in districts and
// departments stay. It refuses a store that is not a demo: an office's work
// is never emptied from the app.
func (s *Store) EmptyDemo(ctx context.Context) error {
	const op = "empty demo"
	demo, err := s.IsDemo(ctx)
	if err != nil {
		return err
	}
	if !demo {
		return invalid(op, "only a demo store can be emptied", "فقط انبارهٔ نمایشی را می‌توان خالی کرد")
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		var stmts []string
		for i := len(Entities) - 1; i >= 0; i-- {
			if name := Entities[i].Name; name != "departments" {
				stmts = append(stmts, "DELETE FROM "+name)
			}
		}
		stmts = append(stmts, "DELETE FROM changes", "DELETE FROM record_clocks WHERE entity <> 'departments'", "DELETE FROM search_rows",
			"INSERT INTO search_index (search_index) VALUES ('delete-all')", "DELETE FROM drafts", "DELETE FROM blobs",
			"DELETE FROM settings WHERE key IN ('"+storeKindKey+"', '"+keyFirstStartDone+"', '"+keyOfficer+"', '"+
				keyDistrict+"', '"+keyNeighbourhoods+"', 'pull_cursor')")
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return wrap(op, err, "the demo data could not be removed", "داده‌های نمایشی پاک نشد")
			}
		}
		return nil
	})
}
