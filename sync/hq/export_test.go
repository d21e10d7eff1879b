package hq

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"testing"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// HQ's export of a district equals, byte for byte, the export of a device
// store holding the same records: the convergence tests compare the two.
func TestExportEqualsDeviceExport(t *testing.T) {
	eachStore(t, func(t *testing.T, env *hqEnv) {
		ctx := context.Background()
		dev := env.enrol(14, msync.RoleOfficer, "Zahra")
		local, err := data.Open(filepath.Join(t.TempDir(), "device.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer local.Close()
		var meetingID string
		err = local.Write(ctx, "Zahra", func(w *data.Writer) error {
			m, err := w.Save("meetings", map[string]any{"district": 14, "kind": "elders", "title": "جلسه با معتمدین محله",
				"starts_at": "2025-10-01T09:00:00.000Z", "minutes": "متن صورتجلسه", "place": "مسجد"})
			if err != nil {
				return err
			}
			meetingID = m.ID()
			_, err = w.Save("action_items", map[string]any{"district": 14, "meeting_id": meetingID, "title": "Fix the lights",
				"status": "open", "due_date": "2025-11-01", "department_id": "0193f000-0000-7000-8000-000000000002"})
			if err != nil {
				return err
			}
			gone, err := w.Save("concerns", map[string]any{"district": 14, "title": "gone", "priority": "low", "status": "open"})
			if err != nil {
				return err
			}
			return w.Delete("concerns", gone.ID())
		})
		if err != nil {
			t.Fatal(err)
		}
		changes, err := local.PendingChanges(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		env.mustPush(dev.Token, changes...)
		var fromDevice, fromHQ bytes.Buffer
		if err := local.Export(ctx, &fromDevice, 14); err != nil {
			t.Fatal(err)
		}
		if err := Export(ctx, env.store, 14, &fromHQ); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fromDevice.Bytes(), fromHQ.Bytes()) {
			t.Fatalf("exports differ:\ndevice:\n%s\nHQ:\n%s", fromDevice.String(), fromHQ.String())
		}
		// And a new device of district 14 that pulls everything exports the same.
		other, err := data.Open(filepath.Join(t.TempDir(), "other.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		d2 := env.enrol(14, msync.RoleOfficer, "Sara")
		var page msync.PullResponse
		env.mustJSON(http.MethodGet, "/v1/pull", d2.Token, nil, &page)
		if _, err := other.ApplyPull(ctx, page.Changes, page.Cursor); err != nil {
			t.Fatal(err)
		}
		var fromOther bytes.Buffer
		other.Export(ctx, &fromOther, 14)
		if !bytes.Equal(fromOther.Bytes(), fromHQ.Bytes()) {
			t.Fatalf("pulled device's export differs from HQ's:\n%s\nvs\n%s", fromOther.String(), fromHQ.String())
		}
	})
}
