package hq

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// TestPullSkipsOwnRecords: a pull does not send a device the records whose
// whole state came from its own pushes (it holds them), but does send one
// that another device changed since, and sends both to another device.
func TestPullSkipsOwnRecords(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		a := env.enrol(14, msync.RoleOfficer, "Ali")
		b := env.enrol(14, msync.RoleOfficer, "Sara")
		mine := newMeeting(14, "only Ali's", clockAt(time.Now(), 0, "aaaa"))
		shared := newMeeting(14, "Ali's, then Sara's", clockAt(time.Now(), 1, "aaaa"))
		env.mustPush(a.Token, mine, shared)
		env.mustPush(a.Token, edit(mine, clockAt(time.Now(), 2, "aaaa"), "Ali", data.Record{"title": "still only Ali's"},
			map[string]string{"title": mine.Clock}))
		env.mustPush(b.Token, edit(shared, clockAt(time.Now(), 3, "bbbb"), "Sara", data.Record{"place": "the park"},
			map[string]string{"place": shared.Clock}))
		ids := func(token string) map[string]bool {
			pulled, _ := env.pullAll(token, 1)
			out := map[string]bool{}
			for _, rc := range pulled {
				if rc.Entity == "meetings" {
					out[rc.ID] = true
				}
			}
			return out
		}
		if got := ids(a.Token); got[mine.ID] || !got[shared.ID] || len(got) != 1 {
			t.Fatalf("Ali pulled meetings %v; want only the one Sara changed (%s), not his own (%s)", got, shared.ID, mine.ID)
		}
		if got := ids(b.Token); !got[mine.ID] || !got[shared.ID] || len(got) != 2 {
			t.Fatalf("Sara pulled meetings %v; want both", got)
		}
	})
}

// TestCursorPerDistrict: a district's writes move only its part of a
// cursor; a cursor of the old global form still means "all seen up to
// there"; a cursor this server never gave out is refused.
func TestCursorPerDistrict(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		d14, d3 := env.enrol(14, msync.RoleOfficer, "Ali"), env.enrol(3, msync.RoleOfficer, "Reza")
		reader := env.enrol(14, msync.RoleOfficer, "Sara")
		hqDev := env.enrol(0, msync.RoleHQ, "HQ")
		env.mustPush(d14.Token, newMeeting(14, "m", clockAt(time.Now(), 0, "aaaa")))
		var page msync.PullResponse
		env.mustJSON(http.MethodGet, "/v1/pull", reader.Token, nil, &page)
		if page.More || len(page.Changes) != 11 || !strings.Contains(page.Cursor, ".14:") || !strings.Contains(page.Cursor, ".0:") {
			t.Fatalf("first pull: %d records, more %v, cursor %q; want the meeting and 10 departments, a cursor of districts 0 and 14",
				len(page.Changes), page.More, page.Cursor)
		}
		env.mustPush(d3.Token, newMeeting(3, "elsewhere", clockAt(time.Now(), 1, "cccc")))
		var again msync.PullResponse
		env.mustJSON(http.MethodGet, "/v1/pull?cursor="+page.Cursor, reader.Token, nil, &again)
		if len(again.Changes) != 0 || again.Cursor != page.Cursor {
			t.Fatalf("after district 3's push, district 14 pulled %d records, cursor %q (was %q)", len(again.Changes), again.Cursor, page.Cursor)
		}
		all, _ := env.pullAll(hqDev.Token, 1000)
		if len(all) != 12 {
			t.Fatalf("HQ pulled %d records, want 12", len(all))
		}
		env.mustJSON(http.MethodGet, "/v1/pull?cursor=1000000", hqDev.Token, nil, &again)
		if len(again.Changes) != 0 || again.Cursor != "1000000" {
			t.Fatalf("a global cursor past every record: %d records, cursor %q", len(again.Changes), again.Cursor)
		}
		for _, bad := range []string{"x", "-1", "1.23:5", "1.3:5.3:6", "1.3", "1.03:4", "1.3:+4", strings.Repeat("9", 20)} {
			if r := env.raw(http.MethodGet, "/v1/pull?cursor="+bad, reader.Token, nil); r.status != http.StatusBadRequest {
				t.Errorf("cursor %q: status %d, want 400", bad, r.status)
			}
		}
	})
}
