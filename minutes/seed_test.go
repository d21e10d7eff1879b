package minutes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mahalleh/data"
)

// seedMeeting is the meeting of the seed news article (District 14, 9 Mehr
// 1404): what the test writes is the oracle the printed minutes are read
// back against.
type seedMeeting struct {
	id        string
	title     string
	attendees []string // names of those present
	absent    []string
	agenda    []string
	decisions []string
	actions   []string
}

// seedArticle returns the paragraphs of the seed article's report (the
// lines between the dateline and the source notice).
func seedArticle(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "data", "testdata", "district14-news-article.fa.txt"))
	if err != nil {
		t.Fatalf("the seed article is missing: %v", err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "منبع خبر") {
			break
		}
		if l != "" && !strings.HasPrefix(l, "خبرگزاری مهر چهارشنبه") {
			out = append(out, l)
		}
	}
	return out[1:] // the headline is the meeting's title
}

// openSeed creates a store holding the seed meeting, plus extra attendees
// (guests) when a test needs a long attendance list.
func openSeed(t *testing.T, extraGuests int) (*data.Store, seedMeeting) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "seed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sm := seedMeeting{
		title: "نشست نظارت ستادی معاونت هماهنگی و امور مناطق",
		agenda: []string{
			"بررسی عملکرد شهرداری منطقه ۱۴ و شناسایی چالش‌های محلات",
			"گزارش مدیران حوزه‌ها از اقدامات عمرانی، خدمات شهری، فرهنگی و اجتماعی",
			"پیگیری درخواست‌های سامانه 137 و ایستگاه BRT خط 7 (Piroozi)",
		},
		actions: []string{
			"تهیه فهرست پروژه‌های اولویت‌دار محلات",
			"برگزاری مراسم تقدیر از کارکنان نمونه",
			"ارائه گزارش راهکارهای رفع چالش‌ها",
		},
		decisions: []string{
			"تداوم اجرای پروژه‌های مؤثر و مورد نیاز شهروندان در محلات منطقه ۱۴",
			"تشویق و حمایت از کارکنان منطقه برای ارتقای خدمت‌رسانی",
			"ارائه راهکارهای عملی برای رفع چالش‌های هر محله تا پایان آبان ۱۴۰۴",
		},
	}
	teh, _ := time.LoadLocation("Asia/Tehran")
	dept := func(i int) *string { id := data.BuiltinDepartments[i].ID; return &id }
	err = s.Write(context.Background(), "test", func(w *data.Writer) error {
		sub := map[string]any{"number": int64(2), "name": "ناحیه ۲"}
		subRec, err := w.Save("subdistricts", withDistrict(sub))
		if err != nil {
			return err
		}
		subID := subRec.ID()
		n := data.Neighbourhood{Meta: data.Meta{District: 14}, SubdistrictID: &subID, Name: "پیروزی"}
		if err := w.Put("neighbourhoods", &n); err != nil {
			return err
		}
		people := []data.Person{
			{Name: "لطف‌الله فروزنده", Role: "staff", Organisation: "معاونت هماهنگی و امور مناطق شهرداری تهران"},
			{Name: "امیر شهرابی", Role: "staff", Organisation: "شهرداری منطقه ۱۴"},
			{Name: "حاج ابراهیم کریمی", Role: "elder"},
			{Name: "گلناز کاظمی", Role: "imam"},
			{Name: "پروین جلالی", Role: "council_member"},
		}
		roles := []string{"chair", "speaker", "member", "member", "secretary"}
		for i := range people {
			people[i].District = 14
			people[i].NeighbourhoodID = &n.ID
			if err := w.Put("people", &people[i]); err != nil {
				return err
			}
		}
		m := data.Meeting{Meta: data.Meta{District: 14}, NeighbourhoodID: &n.ID, Kind: "hq_supervision", Title: sm.title,
			StartsAt: data.FormatTime(time.Date(2025, 10, 1, 10, 0, 0, 0, teh)),
			EndsAt:   data.FormatTime(time.Date(2025, 10, 1, 12, 30, 0, 0, teh)),
			Place:    "سالن جلسات شهرداری منطقه ۱۴", OrganiserID: &people[1].ID,
			Minutes: strings.Join(seedArticle(t), "\n")}
		if err := w.Put("meetings", &m); err != nil {
			return err
		}
		sm.id = m.ID
		for i, p := range people {
			a := data.Attendance{Meta: data.Meta{District: 14}, MeetingID: m.ID, PersonID: &p.ID, Present: true, MeetingRole: roles[i]}
			if err := w.Put("attendance", &a); err != nil {
				return err
			}
			sm.attendees = append(sm.attendees, p.Name)
		}
		guests := []string{"مدیران کل معاونت هماهنگی", "نماینده شورایاری محله پیروزی"}
		for i := 0; i < extraGuests; i++ {
			guests = append(guests, fmt.Sprintf("مهمان شماره %d از محله پیروزی", i+1))
		}
		for _, g := range guests {
			a := data.Attendance{Meta: data.Meta{District: 14}, MeetingID: m.ID, GuestName: g, Present: true, MeetingRole: "guest"}
			if err := w.Put("attendance", &a); err != nil {
				return err
			}
			sm.attendees = append(sm.attendees, g)
		}
		abs := data.Attendance{Meta: data.Meta{District: 14}, MeetingID: m.ID, GuestName: "نماینده اداره برق", Present: false}
		if err := w.Put("attendance", &abs); err != nil {
			return err
		}
		sm.absent = []string{abs.GuestName}
		for i, text := range sm.agenda {
			if err := w.Put("agenda_items", &data.AgendaItem{Meta: data.Meta{District: 14}, MeetingID: m.ID, Position: i + 1, Text: text}); err != nil {
				return err
			}
		}
		c := data.Concern{Meta: data.Meta{District: 14}, MeetingID: &m.ID, NeighbourhoodID: &n.ID, DepartmentID: dept(3),
			Title: "ترافیک خیابان پیروزی در ساعات اوج", Priority: "high", Status: "open", RaisedByID: &people[2].ID}
		if err := w.Put("concerns", &c); err != nil {
			return err
		}
		for i, text := range sm.decisions {
			dec := data.Decision{Meta: data.Meta{District: 14}, MeetingID: &m.ID, Text: text}
			if err := w.Put("decisions", &dec); err != nil {
				return err
			}
			a := data.ActionItem{Meta: data.Meta{District: 14}, MeetingID: &m.ID, DecisionID: &dec.ID, NeighbourhoodID: &n.ID,
				DepartmentID: dept(i), Title: sm.actions[i], DueDate: fmt.Sprintf("2025-11-%02d", 10+i), Status: "open"}
			if i == 1 {
				a.ResponsibleID = &people[1].ID
			} else {
				a.ResponsibleName = "مدیر حوزه " + data.BuiltinDepartments[i].NameFa
			}
			if err := w.Put("action_items", &a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, sm
}

func withDistrict(r map[string]any) map[string]any {
	r["district"] = int64(14)
	return r
}
