package hq

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// TestPullPageIsBoundedByBytes: sixty meetings with 100,000-character
// minutes (6 MB) come down in several pages, each within the documented
// bound, and together exactly the meetings pushed.
func TestPullPageIsBoundedByBytes(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		dev := env.enrol(8, msync.RoleOfficer, "Ali")
		reader := env.enrol(8, msync.RoleOfficer, "Sara") // the pusher gets none of its own records back
		long := strings.Repeat("m", 100000)
		want := map[string]bool{}
		var batch []data.Change
		for i := range 60 {
			m := newMeeting(8, fmt.Sprint("meeting ", i), clockAt(time.Now(), int64(i), "aaaa"))
			m.Fields["minutes"] = long
			want[m.ID] = true
			batch = append(batch, m)
		}
		for i := 0; i < len(batch); i += 20 {
			env.mustPush(dev.Token, batch[i:i+20]...)
		}
		cursor, pages, got := "", 0, 0
		for more := true; more; pages++ {
			r := env.raw(http.MethodGet, "/v1/pull?cursor="+cursor, reader.Token, nil)
			if len(r.body) > msync.MaxPullPageBytes+len(long)+4096 {
				t.Fatalf("page %d has %d bytes, over the bound of %d and one record", pages, len(r.body), msync.MaxPullPageBytes)
			}
			var page msync.PullResponse
			if err := json.Unmarshal(r.body, &page); err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Changes {
				if c.Entity == "meetings" {
					if !want[c.ID] {
						t.Fatalf("meeting %s twice or never pushed", c.ID)
					}
					delete(want, c.ID)
					got++
				}
			}
			cursor, more = page.Cursor, page.More
		}
		if len(want) != 0 || pages < 2 {
			t.Fatalf("%d pages, %d meetings, %d missing", pages, got, len(want))
		}
	})
}
