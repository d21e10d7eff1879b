package gui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mahalleh/app/i18n"
	"mahalleh/data"
)

func writeActions(t *testing.T, s *data.Store, meetingID string, list map[string][2]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.Write(context.Background(), "زهرا احمدی", func(w *data.Writer) error {
		for title, v := range list {
			mid := meetingID
			a := data.ActionItem{Meta: data.Meta{District: 14}, MeetingID: &mid, Title: title, DueDate: v[0], Status: v[1], ResponsibleName: "پروین جلالی"}
			if err := w.Put("action_items", &a); err != nil {
				return err
			}
			out[title] = a.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cardTexts are the texts of the cards on the current page.
func cardTexts(w fyne.Window) []string {
	var out []string
	walkAll(w.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*card); ok {
			out = append(out, c.Text())
		}
	})
	return out
}

// With the clock at 1404/07/09 12:30 in Tehran: today's and tomorrow's
// meetings and the action items due today or late are listed; each is
// notified once that day, and again the next day.
func TestRemindersWithInjectedClock(t *testing.T) {
	s, _ := testStore(t, "", false)
	ids := writeMeetings(t, s, "زهرا احمدی", map[string]time.Time{
		"نشست امروز":   tehran(1404, 7, 9, 17, 0),
		"نشست فردا":    tehran(1404, 7, 10, 10, 0),
		"نشست پس‌فردا": tehran(1404, 7, 11, 10, 0),
		"نشست دیروز":   tehran(1404, 7, 8, 10, 0),
	})
	writeActions(t, s, ids["نشست دیروز"], map[string][2]string{
		"لایروبی جوی خیابان": {"2025-09-25", "open"},
		"نصب چراغ کوچه":      {"2025-10-05", "open"},
		"کار انجام‌شده":      {"2025-09-20", "done"},
	})
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			s.SetSetting(context.Background(), "reminders_notified", "")
			sh, w := testShell(t, s, language)
			var sent []string
			r := sh.reminders()
			r.notify = func(n *fyne.Notification) { sent = append(sent, n.Content) }
			r.check()
			if len(sent) != 3 {
				t.Fatalf("notifications %q, want today's and tomorrow's meetings and the late action item", sent)
			}
			r.check()
			if len(sent) != 3 {
				t.Fatalf("a second check notified again: %q", sent)
			}
			if r.btn == nil || r.btn.Text != i18n.Number(3) {
				t.Fatalf("the bell says %q, want 3", r.btn.Text)
			}
			test.Tap(r.btn)
			if _, ok := sh.current().(*remindersPage); !ok {
				t.Fatalf("the bell opened %T", sh.current())
			}
			got := strings.Join(cardTexts(w), "|")
			for _, want := range []string{"نشست امروز", "نشست فردا", "لایروبی جوی خیابان"} {
				if !strings.Contains(got, want) {
					t.Errorf("the panel lacks %s: %s", want, got)
				}
			}
			for _, not := range []string{"نشست پس‌فردا", "نشست دیروز", "نصب چراغ کوچه", "کار انجام‌شده"} {
				if strings.Contains(got, not) {
					t.Errorf("the panel lists %s: %s", not, got)
				}
			}
			assertScreen(t, w, "reminders_"+language+".png", nil)

			// Four days on, the lamp is due: only it and the new days' meetings are new.
			sh.now = func() time.Time { return time.Date(2025, 10, 5, 9, 0, 0, 0, time.UTC) }
			sent = nil
			r.check()
			if len(sent) != 2 || !strings.Contains(strings.Join(sent, "|"), "نصب چراغ کوچه") {
				t.Fatalf("on 13 Mehr: %q, want the lamp due today and the gutter still late", sent)
			}
		})
	}
}

// samplePNG is a 400×300 picture: a photographed sheet.
func samplePNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 2), uint8(y), 180, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A photo attached to a meeting is listed with a thumbnail, a PDF with an
// icon; the same photo twice is one blob; what comes back is what went in.
func TestAttachmentsOfAMeeting(t *testing.T) {
	s, _ := testStore(t, "", true)
	for _, language := range []string{i18n.Persian, i18n.English} {
		t.Run(language, func(t *testing.T) {
			sh, w := testShell(t, s, language)
			onMeetings(sh).list.Select(0)
			ed := editorOf(t, sh)
			v := ed.more.att
			photo := samplePNG(t)
			if len(v.rows) == 0 {
				v.add("برگه حضور امضاشده.png", "", io.NopCloser(bytes.NewReader(photo)))
				v.add("copy.png", "image/png", io.NopCloser(bytes.NewReader(photo)))
				v.add("صورتجلسه.pdf", "", io.NopCloser(strings.NewReader("%PDF-1.4 minutes")))
			}
			if len(v.rows) != 3 {
				t.Fatalf("%d attachments listed, want 3", len(v.rows))
			}
			first := v.rows[0]
			if first.a.FileName != "برگه حضور امضاشده.png" || first.a.MIME != "image/png" || first.thumb == nil {
				t.Fatalf("first attachment %+v", first)
			}
			if b := first.thumb.Bounds(); b.Dx() != thumbWidth || b.Dy() != thumbHeight {
				t.Fatalf("thumbnail %v, want %dx%d (4:3 kept)", b, thumbWidth, thumbHeight)
			}
			if v.rows[2].thumb != nil || v.rows[2].a.MIME != "application/pdf" {
				t.Fatalf("the PDF: %+v", v.rows[2])
			}
			if n := countRows(t, s, "blobs"); n != 2 {
				t.Fatalf("%d blobs, want 2 (the photo once, the PDF)", n)
			}
			r, err := s.OpenBlob(context.Background(), first.a.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			back, _ := io.ReadAll(r)
			if !bytes.Equal(back, photo) {
				t.Fatal("the photo came back different")
			}
			v.open(first.a)
			if top := w.Canvas().Overlays().Top(); top == nil {
				t.Fatal("opening the photo showed nothing")
			}
			w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
			ed.scroll.ScrollToBottom()
			assertScreen(t, w, "attachments_"+language+".png", nil)
		})
	}
}
