package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"mahalleh/data/persian"
)

// The minutes are built from sentences in the style of the district's news
// reports (see the seed article): a fixed opening, the attendees' words and a
// closing "based on the decisions taken". Demo data is what a new officer
// reads first, so every text is correct Persian: Persian ی and ک, and the
// ZWNJ where it belongs (گروه‌های, می‌شود). Only the digits vary (typed):
// some officers type them on the Latin layout, which is not a spelling
// mistake and keeps digit normalisation exercised. Careless typing (Arabic
// ي/ك, lost ZWNJs) is what the search tests feed in on purpose
// (data/store_test.go, the seed article); it has no place in the demo.

var openings = []string{
	"به گزارش روابط عمومی شهرداری منطقه ۱۴، %s با حضور %s در %s برگزار شد.",
	"%s با حضور %s و جمعی از اهالی در %s برگزار شد.",
	"در ادامه برنامه‌های ارتباط با مردم، %s با حضور %s در %s تشکیل شد.",
}

var purposes = []string{
	"این نشست با هدف بررسی مشکلات محله %s، شناسایی چالش‌ها و ارائه راهکارهای ارتقای خدمات شهری صورت گرفت.",
	"این جلسه با هدف شنیدن مطالبات اهالی محله %s و پاسخگویی به نیازهای شهروندان برگزار شد.",
	"هدف از این دیدار، بررسی روند اجرای پروژه‌های محله %s و هم‌افزایی با ظرفیت‌های مردمی بود.",
}

var remarks = []string{
	"%s، با تأکید بر ضرورت تقویت امید اجتماعی گفت: خدمت به شهروندان باید بدون توجه به حاشیه‌ها و با بهره‌گیری از تمام ظرفیت‌های مردمی صورت گیرد.",
	"%s، در این نشست گفت: مردم سرمایه‌های اصلی ما هستند و باید در مرکز تصمیم‌گیری‌ها قرار گیرند.",
	"%s، ضمن تقدیر از خدمات شهرداری منطقه ۱۴، خواستار تداوم اجرای پروژه‌های مؤثر و مورد نیاز شهروندان شد.",
	"%s، یادآور شد: توسعه محله‌ها بدون مشارکت فعال مردم امکان‌پذیر نیست.",
	"%s، با اشاره به مشکلات محله، خواستار رسیدگی سریع به مطالبات اهالی شد.",
	"%s، ابراز امیدواری کرد: ارتقای کیفیت خدمت‌رسانی در محله، حرکتی نویدبخش و آینده‌ای روشن‌تر برای اهالی خواهد بود.",
}

var raised = []string{
	"در ادامه، اهالی موضوع «%s» را مطرح کردند.",
	"یکی از مهم‌ترین چالش‌های مطرح‌شده در این جلسه، «%s» بود.",
	"معتمدین محله خواستار رسیدگی به «%s» شدند.",
}

var closings = []string{
	"بر اساس تصمیمات اتخاذ شده، راهکارهای عملی برای رفع این چالش‌ها در دستور کار قرار گرفت.",
	"در پایان مقرر شد گزارش اقدامات انجام‌شده در جلسه بعد ارائه شود.",
	"در پایان جلسه، حاضرین آمادگی کامل خود را برای همکاری با مدیریت شهری اعلام کردند.",
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// style is how one officer happens to type one text.
type style int

const (
	careful     style = iota // Persian digits
	latinDigits              // digits typed on the Latin layout
)

// pickStyle chooses a typing style: Latin digits a quarter of the time. It
// draws one number, as it always has, so that a seed gives the same
// meetings, people and dates as before.
func pickStyle(r *rand.Rand) style {
	if r.IntN(100) < 75 {
		return careful
	}
	return latinDigits
}

// typed renders careful text s in style st.
func typed(s string, st style) string {
	if st == latinDigits {
		return persian.LatinDigits(s)
	}
	return s
}

// minutes writes a meeting's minutes (صورتجلسه text).
func minutes(r *rand.Rand, title, place, hood string, speakers []string, concerns, decisions []string, when string) string {
	var b strings.Builder
	who := "جمعی از معتمدین و اهالی"
	if len(speakers) > 0 {
		who = strings.Join(speakers[:min(3, len(speakers))], " و ")
	}
	b.WriteString(fmt.Sprintf(pick(r, openings), title, who, place))
	b.WriteString(" ")
	b.WriteString(fmt.Sprintf(pick(r, purposes), hood))
	b.WriteString("\n\n")
	for i, sp := range speakers {
		if i >= 3 {
			break
		}
		b.WriteString(fmt.Sprintf(pick(r, remarks), sp))
		b.WriteString("\n\n")
	}
	for _, c := range concerns {
		b.WriteString(fmt.Sprintf(pick(r, raised), c))
		b.WriteString(" ")
	}
	if len(decisions) > 0 {
		b.WriteString("\n\nمصوبات جلسه:\n")
		for i, d := range decisions {
			b.WriteString(persian.Digits(strconv.Itoa(i+1)) + ". " + d + ".\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(pick(r, closings))
	b.WriteString(" تاریخ جلسه: " + when + ".")
	return b.String()
}
