package data

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Settings the sync client writes when it enrols the store; the store reads
// them to know what HQ will take from it and who the office is (Profile).
// The client's own keys live in sync/client, which uses these names.
const (
	SettingSyncToken    = "sync_token"
	SettingSyncDistrict = "sync_district"
	SettingSyncRole     = "sync_role"
	SettingSyncOfficer  = "sync_officer"
)

// MaxClockAhead is how far ahead of HQ's time a change's clock or a
// record's timestamps may be; HQ refuses anything later (a device whose
// clock ran ahead would otherwise win every merge for ever).
const MaxClockAhead = 24 * time.Hour

// Scope is what HQ lets an enrolled store write: the records of its own
// district and, for the hq role only, reference data of any district.
type Scope struct {
	Enrolled bool
	District int
	HQ       bool // role "hq": every district and reference data
}

// SyncScope reads the store's enrolment (zero Scope when not enrolled).
func (s *Store) SyncScope(ctx context.Context) (Scope, error) {
	tok, err := s.Setting(ctx, SettingSyncToken)
	if err != nil || tok == "" {
		return Scope{}, err
	}
	d, err := s.Setting(ctx, SettingSyncDistrict)
	if err != nil {
		return Scope{}, err
	}
	role, err := s.Setting(ctx, SettingSyncRole)
	if err != nil {
		return Scope{}, err
	}
	district, _ := strconv.Atoi(d)
	return Scope{Enrolled: true, District: district, HQ: role == "hq"}, nil
}

// admits refuses, for an enrolled officer or supervisor store, a record HQ
// would refuse when it is pushed: reference data, another district's
// record, a timestamp more than MaxClockAhead in the future. A store not
// enrolled (a backup being restored, a test) takes anything.
func (sc Scope) admits(e *Entity, rec Record, now time.Time) error {
	if !sc.Enrolled || sc.HQ {
		return nil
	}
	if e.Reference {
		return invalid("import", fmt.Sprintf("%s is reference data, which only HQ sends; this store is enrolled with HQ, so HQ would refuse it (remove it from the file)", e.Name),
			"«"+e.Name+"» داده مرجع است و فقط ستاد آن را می‌فرستد؛ این انباره در ستاد ثبت شده و ستاد آن را نمی‌پذیرد (آن را از پرونده حذف کنید)")
	}
	if rec.District() != sc.District {
		return invalid("import", fmt.Sprintf("the record belongs to district %d, but this store is enrolled for district %d; HQ would refuse it (remove it from the file)", rec.District(), sc.District),
			fmt.Sprintf("این رکورد از منطقه %d است اما این انباره برای منطقه %d ثبت شده است؛ ستاد آن را نمی‌پذیرد (آن را از پرونده حذف کنید)", rec.District(), sc.District))
	}
	for _, name := range []string{"created_at", "updated_at"} {
		v, _ := rec[name].(string)
		if t, err := ParseTime(v); err == nil && t.After(now.Add(MaxClockAhead)) {
			return invalid("import", fmt.Sprintf("%s %s is more than a day in the future; HQ would refuse the record (correct the date in the file)", name, v),
				fmt.Sprintf("زمان %s (%s) بیش از یک روز در آینده است؛ ستاد این رکورد را نمی‌پذیرد (تاریخ را در پرونده درست کنید)", name, v))
		}
	}
	return nil
}
