package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
	"time"
)

func meetingAt(t *testing.T, s *Store, author, title string, start time.Time, length time.Duration) string {
	t.Helper()
	f := map[string]any{"district": testDistrict, "kind": "elders", "title": title, "starts_at": FormatTime(start)}
	if length > 0 {
		f["ends_at"] = FormatTime(start.Add(length))
	}
	var id string
	err := s.Write(context.Background(), author, func(w *Writer) error {
		rec, err := w.Save("meetings", f)
		id = rec.ID()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A week of the calendar holds the meetings the test wrote in it, in time
// order, and none from outside it, another district or the trash.
func TestMeetingsBetween(t *testing.T) {
	s := openTestStore(t)
	newWorld(t, s)
	ctx := context.Background()
	week := time.Date(2025, 9, 27, 0, 0, 0, 0, time.UTC) // a Saturday
	in2 := meetingAt(t, s, "a", "in, later", week.Add(50*time.Hour), 0)
	in1 := meetingAt(t, s, "a", "in, first", week, 0)
	meetingAt(t, s, "a", "next week", week.AddDate(0, 0, 7), 0)
	meetingAt(t, s, "a", "before", week.Add(-time.Minute), 0)
	gone := meetingAt(t, s, "a", "deleted", week.Add(time.Hour), 0)
	mustWrite(t, s, func(w *Writer) error { return w.Delete("meetings", gone) })
	save(t, s, "meetings", map[string]any{"district": 7, "kind": "elders", "title": "district 7", "starts_at": FormatTime(week.Add(time.Hour))})
	got, err := s.MeetingsBetween(ctx, testDistrict, week, week.AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	// newWorld's meeting (2025-10-01 08:00) is in the week too.
	var ids []string
	for _, m := range got {
		ids = append(ids, m.Title)
	}
	want := []string{"in, first", "in, later", "نشست با معتمدان"}
	if len(got) != 3 || got[0].ID != in1 || got[1].ID != in2 || got[2].Title != want[2] {
		t.Fatalf("the week holds %v, want %v", ids, want)
	}
	all, _ := s.MeetingsBetween(ctx, 0, week, week.AddDate(0, 0, 7))
	if len(all) != 4 {
		t.Fatalf("every district: %d meetings, want 4", len(all))
	}
}

// Two meetings of one officer collide when one starts before the other
// ends; a meeting without an end lasts an hour; touching is no collision,
// nor are two officers at the same time.
func TestOverlaps(t *testing.T) {
	at := func(h, m int) string { return FormatTime(time.Date(2025, 10, 1, h, m, 0, 0, time.UTC)) }
	ms := []Meeting{
		{Meta: Meta{ID: "a", CreatedBy: "zahra"}, Title: "a", StartsAt: at(9, 0), EndsAt: at(10, 0)},
		{Meta: Meta{ID: "b", CreatedBy: "zahra"}, Title: "b", StartsAt: at(10, 0)},           // touches a; lasts to 11:00
		{Meta: Meta{ID: "c", CreatedBy: "zahra"}, Title: "c", StartsAt: at(10, 59)},          // collides with b
		{Meta: Meta{ID: "d", CreatedBy: "ali"}, Title: "d", StartsAt: at(9, 30)},             // another officer
		{Meta: Meta{ID: "e", CreatedBy: "ali"}, Title: "e", StartsAt: at(12, 0), EndsAt: ""}, // alone
	}
	got := Overlaps(ms)
	if len(got) != 1 || got[0].A.ID != "b" || got[0].B.ID != "c" || got[0].Officer != "zahra" {
		t.Fatalf("overlaps %+v, want b and c of zahra", got)
	}
}

// A follow-up meeting is a new meeting joined to the first one by a link
// each way, found from either side.
func TestScheduleFollowUp(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	when := time.Date(2025, 10, 8, 8, 0, 0, 0, time.UTC)
	next, err := s.ScheduleFollowUp(ctx, "زهرا", wd.meeting, when)
	if err != nil {
		t.Fatal(err)
	}
	if next.ID == "" || next.ID == wd.meeting || next.Title != "نشست با معتمدان" || next.StartsAt != FormatTime(when) {
		t.Fatalf("follow-up meeting %+v", next)
	}
	ups, _, err := s.RelatedMeetings(ctx, wd.meeting)
	if err != nil || len(ups) != 1 || ups[0].ID != next.ID {
		t.Fatalf("the first meeting's follow-ups: %+v (%v)", ups, err)
	}
	_, back, err := s.RelatedMeetings(ctx, next.ID)
	if err != nil || len(back) != 1 || back[0].ID != wd.meeting {
		t.Fatalf("the follow-up follows %+v (%v)", back, err)
	}
	if n := queryCount(t, s.DB(), "SELECT count(*) FROM changes WHERE entity = 'links'"); n != 2 {
		t.Fatalf("%d link changes logged, want 2 (they sync)", n)
	}
	if _, err := s.ScheduleFollowUp(ctx, "زهرا", "no-such-meeting", when); err == nil {
		t.Fatal("a follow-up of no meeting was scheduled")
	}
}

// Reminders of a day: its meetings and the next day's, and the open
// action items due that day or before; a notification is remembered once.
func TestReminders(t *testing.T) {
	s := openTestStore(t)
	newWorld(t, s)
	ctx := context.Background()
	teh, _ := time.LoadLocation("Asia/Tehran")
	day := time.Date(2025, 10, 5, 7, 0, 0, 0, teh)
	today := meetingAt(t, s, "a", "today", time.Date(2025, 10, 5, 17, 0, 0, 0, teh), 0)
	tomorrow := meetingAt(t, s, "a", "tomorrow", time.Date(2025, 10, 6, 23, 30, 0, 0, teh), 0)
	meetingAt(t, s, "a", "after", time.Date(2025, 10, 7, 0, 0, 0, 0, teh), 0)
	meetingAt(t, s, "a", "yesterday", time.Date(2025, 10, 4, 23, 59, 0, 0, teh), 0)
	act := func(title, due, status string) string {
		return save(t, s, "action_items", map[string]any{"district": testDistrict, "title": title, "due_date": due, "status": status}).ID()
	}
	late := act("late", "2025-10-01", "open")
	now := act("now", "2025-10-05", "in_progress")
	act("later", "2025-10-06", "open")
	act("done late", "2025-10-01", "done")
	act("no deadline", "", "open")
	due, err := s.Reminders(ctx, testDistrict, day, teh)
	if err != nil {
		t.Fatal(err)
	}
	if len(due.Meetings) != 2 || due.Meetings[0].ID != today || due.Meetings[1].ID != tomorrow {
		t.Fatalf("meetings %+v, want today's and tomorrow's", due.Meetings)
	}
	if len(due.Actions) != 2 || due.Actions[0].ID != late || due.Actions[1].ID != now || due.Overdue != 1 || due.DueToday != 1 {
		t.Fatalf("actions %+v (overdue %d, today %d)", due.Actions, due.Overdue, due.DueToday)
	}
	if err := s.MarkNotified(ctx, "2025-10-05", []string{late, now}); err != nil {
		t.Fatal(err)
	}
	s.MarkNotified(ctx, "2025-10-05", []string{late, today})
	got, _ := s.Notified(ctx, "2025-10-05")
	if len(got) != 3 || !got[late] || !got[now] || !got[today] {
		t.Fatalf("notified %v", got)
	}
	if next, _ := s.Notified(ctx, "2025-10-06"); len(next) != 0 {
		t.Fatalf("a new day starts with %v notified", next)
	}
}

// The same file attached twice is stored once; its content comes back
// byte for byte; a download is checked against its hash.
func TestAttachments(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	content := bytes.Repeat([]byte("signed attendance sheet "), 5000)
	a, err := s.AddAttachment(ctx, "زهرا", wd.meeting, "حاضرین.jpg", "image/jpeg", bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	if a.SHA256 != hex.EncodeToString(sum[:]) || a.Size != int64(len(content)) || a.District != testDistrict {
		t.Fatalf("attachment %+v", a)
	}
	if _, err := s.AddAttachment(ctx, "زهرا", wd.meeting, "copy.jpg", "image/jpeg", bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	list, err := s.Attachments(ctx, wd.meeting)
	if err != nil || len(list) != 2 || list[0].FileName != "حاضرین.jpg" || list[1].FileName != "copy.jpg" {
		t.Fatalf("attachments %+v (%v)", list, err)
	}
	if n := queryCount(t, s.DB(), "SELECT count(*) FROM blobs"); n != 1 {
		t.Fatalf("%d blobs for one content twice, want 1", n)
	}
	if n := queryCount(t, s.DB(), "SELECT count(*) FROM changes WHERE entity = 'attachments'"); n != 2 {
		t.Fatalf("%d attachment changes logged, want 2", n)
	}
	r, err := s.OpenBlob(ctx, a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	back, _ := io.ReadAll(r)
	r.Close()
	if !bytes.Equal(back, content) {
		t.Fatal("the blob came back different")
	}
	if _, err := s.AddAttachment(ctx, "زهرا", "no-such-meeting", "x.pdf", "application/pdf", bytes.NewReader(content)); err == nil {
		t.Fatal("a file was attached to no meeting")
	}
	// A second store learns of the file by its record and takes it whole.
	other := openTestStore(t)
	if err := other.PutBlob(ctx, a.SHA256, bytes.NewReader(content[1:])); err == nil {
		t.Fatal("a damaged file was stored")
	}
	if ok, _ := other.HasBlob(ctx, a.SHA256); ok {
		t.Fatal("the damaged file is there")
	}
	if err := other.PutBlob(ctx, a.SHA256, bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := other.HasBlob(ctx, a.SHA256); !ok {
		t.Fatal("the file is not there after PutBlob")
	}
}

// A download in chunks: missing until finished, then whole; damaged
// content starts again from nothing.
func TestBlobDownloadInChunks(t *testing.T) {
	s := openTestStore(t)
	wd := newWorld(t, s)
	ctx := context.Background()
	content := bytes.Repeat([]byte{1, 2, 3, 4, 5}, 1000)
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	save(t, s, "attachments", map[string]any{"district": testDistrict, "meeting_id": wd.meeting, "file_name": "a.png", "sha256": sha, "size": len(content)})
	if miss, _ := s.MissingBlobs(ctx); len(miss) != 1 || miss[0].SHA256 != sha || miss[0].Size != int64(len(content)) {
		t.Fatalf("missing %+v", miss)
	}
	have, err := s.StartBlob(ctx, sha, int64(len(content)))
	if err != nil || have != 0 {
		t.Fatalf("start: %d, %v", have, err)
	}
	s.AppendBlob(ctx, sha, content[:3000])
	if have, _ := s.StartBlob(ctx, sha, int64(len(content))); have != 3000 {
		t.Fatalf("a resumed download starts at %d, want 3000", have)
	}
	s.AppendBlob(ctx, sha, content[3000:4999])
	if ok, err := s.FinishBlob(ctx, sha); ok || err != nil {
		t.Fatalf("a file short of a byte finished (%v)", err)
	}
	if have, _ := s.BlobLength(ctx, sha); have != 0 {
		t.Fatalf("a damaged download kept %d bytes", have)
	}
	s.AppendBlob(ctx, sha, content)
	if ok, err := s.FinishBlob(ctx, sha); !ok || err != nil {
		t.Fatalf("finish: %v %v", ok, err)
	}
	if miss, _ := s.MissingBlobs(ctx); len(miss) != 0 {
		t.Fatalf("still missing %+v", miss)
	}
	if up, _ := s.BlobsForHQ(ctx); len(up) != 1 || up[0] != sha {
		t.Fatalf("for HQ %v", up)
	}
	s.MarkBlobAtHQ(ctx, sha)
	if up, _ := s.BlobsForHQ(ctx); len(up) != 0 {
		t.Fatalf("for HQ after marking %v", up)
	}
	chunk, _ := s.BlobChunk(ctx, sha, 10, 7)
	if !bytes.Equal(chunk, content[10:17]) {
		t.Fatalf("chunk %v", chunk)
	}
}
