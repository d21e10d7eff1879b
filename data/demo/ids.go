package demo

import (
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// newID makes a valid UUIDv7 whose timestamp is t (the record's creation
// time) and whose random bits come from r, so that the same seed gives the
// same ids: two demo stores made with one seed export byte-identical files.
func newID(r *rand.Rand, t time.Time) string {
	var u uuid.UUID
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		u[i] = byte(ms >> (40 - 8*i))
	}
	a, b := r.Uint64(), r.Uint64()
	u[6] = 0x70 | byte(a>>8)&0x0f // version 7
	u[7] = byte(a)
	u[8] = 0x80 | byte(b>>56)&0x3f // variant 10
	for i := 9; i < 16; i++ {
		u[i] = byte(b >> (8 * (15 - i)))
	}
	return u.String()
}
