package data

import (
	"fmt"
)

// FieldConflict is the losing side of two concurrent edits of one free-text
// field. It is kept, never dropped: HQ stores it as a "conflicts" record that
// the officer and HQ can see and resolve.
type FieldConflict struct {
	Field     string
	Kept      any    // the value that stays in the record
	Lost      any    // the other version
	LostClock string // the clock of the losing write
}

// MergeResult says which incoming fields win and which edits collided.
type MergeResult struct {
	Take      []string        // incoming fields to write
	Conflicts []FieldConflict // free-text fields edited concurrently
}

// Merge decides, field by field, what an incoming change does to a record.
// The write with the later clock wins (clocks are totally ordered, so every
// replica picks the same winner). A free-text field was edited concurrently
// when the incoming edit was based on an older version than the one stored
// (base differs from the current clock) and both values differ: then the
// loser is reported as a conflict. inBase may be nil (pull: no conflicts).
func Merge(e *Entity, cur Record, curClocks map[string]string, in Record, inClocks, inBase map[string]string) MergeResult {
	var res MergeResult
	for name, v := range in {
		if name == "id" {
			continue
		}
		inClock, curClock := inClocks[name], curClocks[name]
		win := inClock > curClock
		f := e.Field(name)
		concurrent := inBase != nil && f != nil && f.FreeText && curClock != "" &&
			inBase[name] != curClock && cur != nil && !sameValue(cur[name], v)
		if win {
			res.Take = append(res.Take, name)
		}
		if !concurrent {
			continue
		}
		if win {
			res.Conflicts = append(res.Conflicts, FieldConflict{Field: name, Kept: v, Lost: cur[name], LostClock: curClock})
		} else if inClock != curClock {
			res.Conflicts = append(res.Conflicts, FieldConflict{Field: name, Kept: cur[name], Lost: v, LostClock: inClock})
		}
	}
	return res
}

// ValueText renders a field value for a conflict record.
func ValueText(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
