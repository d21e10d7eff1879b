package data

import (
	"context"
	"time"
)

// ConflictSides is what a person needs to decide a conflict: the record it
// is about, and both versions of the field with who wrote each and when.
// The kept version is the one in the record now; the other was set aside.
type ConflictSides struct {
	Conflict
	RecordTitle string    // the record's title or name, "" when it has none
	RecordGone  bool      // the record was deleted since; a decision stays in the conflict
	KeptBy      string    // who last changed the record
	KeptAt      time.Time // when the kept version was written (its field clock)
	LostAt      time.Time // when the other version was written
}

// Sides reads both versions of an open conflict for the screen that
// decides it.
func (s *Store) Sides(ctx context.Context, c Conflict) (ConflictSides, error) {
	cs := ConflictSides{Conflict: c, LostAt: clockTime(c.LostClock)}
	if EntityByName(c.Entity) == nil {
		return cs, invalid("conflict", "unknown record type "+c.Entity, "نوع رکورد ناشناخته است")
	}
	rec, err := s.Get(ctx, c.Entity, c.RecordID)
	if err != nil {
		if IsNotFound(err) {
			cs.RecordGone = true
			return cs, nil
		}
		return cs, err
	}
	cs.RecordGone = rec["deleted"] == true
	cs.KeptBy, _ = rec["updated_by"].(string)
	cs.RecordTitle = s.displayTitle(ctx, c.Entity, c.RecordID)
	clocks, err := readClocks(ctx, s.db, c.Entity, c.RecordID)
	if err != nil {
		return cs, err
	}
	cs.KeptAt = clockTime(clocks[c.Field])
	return cs, nil
}

// clockTime is the wall time of a clock reading, zero when it has none.
func clockTime(reading string) time.Time {
	wall, _, _, ok := ParseClock(reading)
	if !ok {
		return time.Time{}
	}
	return time.UnixMilli(wall).UTC()
}
