package bidi

import (
	"fmt"
	"strings"
	"testing"
)

// display resolves text and returns it as drawn left to right: runes in
// visual order, mirrored (L4) where their level is odd.
func display(text []rune, dir Direction) string {
	p := Resolve(text, dir)
	_, lv := p.lineLevels(0, len(text))
	var b strings.Builder
	for _, i := range p.VisualOrder(0, len(text)) {
		r := text[i]
		if IsRTL(lv[i]) {
			r = MirrorRune(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// expand turns the notation of the expectations into the drawn string:
// text outside <…> is left-to-right, drawn as written; <X> is a
// right-to-left stretch, X written in its reading order (right to left),
// so it is drawn reversed and mirrored.
func expand(want string) string {
	var b strings.Builder
	for want != "" {
		i := strings.IndexByte(want, '<')
		if i < 0 {
			b.WriteString(want)
			break
		}
		j := strings.IndexByte(want, '>')
		b.WriteString(want[:i])
		rs := []rune(want[i+1 : j])
		for k := len(rs) - 1; k >= 0; k-- {
			b.WriteRune(MirrorRune(rs[k]))
		}
		want = want[j+1:]
	}
	return b.String()
}

var visualCases = []struct {
	dir        Direction
	text, want string
}{
	{RTL, "", ""},
	{Auto, "", ""},
	{RTL, "سلام", "<سلام>"},
	{Auto, "سلام دنیا", "<سلام دنیا>"},
	{LTR, "سلام دنیا", "<سلام دنیا>"},
	{RTL, "hello", "hello"},
	{Auto, "hello world", "hello world"},
	{RTL, "سال ۱۴۰۴", "۱۴۰۴<سال >"},
	{LTR, "سال ۱۴۰۴", "۱۴۰۴<سال >"},
	{RTL, "عدد ٣٤", "٣٤<عدد >"},
	{RTL, "کد 123", "123<کد >"},
	{LTR, "123 سلام", "123 <سلام>"},
	{LTR, "x ٣٤ y", "x ٣٤ y"},
	{RTL, "٣٤,٥٦", "٣٤,٥٦"},
	{RTL, "تاریخ 1404/07/09", "1404/07/09<تاریخ >"},
	{RTL, "تاریخ ۱۴۰۴/۰۷/۰۹", "۱۴۰۴/۰۷/۰۹<تاریخ >"},
	{RTL, "1404/07/09", "1404/07/09"},
	{Auto, "۱۴۰۴/۰۷/۰۹", "۱۴۰۴/۰۷/۰۹"},
	{RTL, "ساعت ۱۶:۳۰", "۱۶:۳۰<ساعت >"},
	{RTL, "ساعت 16:30", "16:30<ساعت >"},
	{RTL, "تلفن 021-55123456", "55123456-021<تلفن >"},
	{RTL, "021-55123456", "021-55123456"},
	{RTL, "تلفن ۰۹۱۲ ۳۴۵ ۶۷۸۹", "۶۷۸۹ ۳۴۵ ۰۹۱۲<تلفن >"},
	{RTL, "۰۹۱۲ ۳۴۵ ۶۷۸۹", "۶۷۸۹ ۳۴۵ ۰۹۱۲"},
	{LTR, "۰۹۱۲ ۳۴۵ ۶۷۸۹", "۰۹۱۲ ۳۴۵ ۶۷۸۹"},
	{RTL, "من Go دوست دارم", "<دوست دارم> Go <من>"},
	{RTL, "او گفت Hello, world! و رفت", "<! و رفت>Hello, world<او گفت >"},
	{LTR, "I live in تهران now", "I live in <تهران> now"},
	{LTR, "The word کتاب خوب means good book", "The word <کتاب خوب> means good book"},
	{LTR, "Room اتاق ۱۲ is free", "Room ۱۲<اتاق > is free"},
	{LTR, "Total: 5 کتاب", "Total: 5 <کتاب>"},
	{RTL, "سلام (دنیا)", "<سلام (دنیا)>"},
	{RTL, "زبان (Go) خوب است", "<خوب است> (Go) <زبان>"},
	{LTR, "see (تهران) here", "see (<تهران>) here"},
	{LTR, "شهر (تهران)", "<شهر (تهران)>"},
	{LTR, "Call (۰۲۱) now", "Call (۰۲۱) now"},
	{RTL, "(123)", "(123)"},
	{LTR, "abc (def", "abc (def"},
	{RTL, "«سلام»", "<«سلام»>"},
	{RTL, "کتاب «Go» خوب", "<خوب> «Go» <کتاب>"},
	{RTL, "مرجع [12] دیده شود", "<دیده شود> [12] <مرجع>"},
	{RTL, "چطوری؟", "<چطوری؟>"},
	{LTR, "چطوری؟", "<چطوری؟>"},
	{LTR, "Is it سلام؟", "Is it <سلام؟>"},
	{LTR, "Is it سلام?", "Is it <سلام>?"},
	{LTR, "He said سلام.", "He said <سلام>."},
	{RTL, "من از Python.", ".Python <من از>"},
	{RTL, "سیب، موز", "<سیب، موز>"},
	{RTL, "الف؛ ب", "<الف؛ ب>"},
	{RTL, "نام: علی", "<نام: علی>"},
	{RTL, "شمال-جنوب", "<شمال-جنوب>"},
	{LTR, "abc-سلام", "abc-<سلام>"},
	{RTL, "abc-سلام", "<-سلام>abc"},
	{RTL, "۴۵٪", "۴۵٪"},
	{RTL, "تخفیف ۴۵٪", "٪۴۵<تخفیف >"},
	{RTL, "45%", "45%"},
	{RTL, "تخفیف 45%", "%45<تخفیف >"},
	{LTR, "discount 45%", "discount 45%"},
	{RTL, "۱۲۰ میلیون ریال", "<میلیون ریال> ۱۲۰"},
	{RTL, "قیمت ۱۲۰ میلیون ریال", "<میلیون ریال> ۱۲۰ <قیمت>"},
	{LTR, "$100", "$100"},
	{RTL, "$100", "$100"},
	{RTL, "قیمت $100", "100$<قیمت >"},
	{RTL, "می\u200cخواهم", "<می\u200cخواهم>"},
	{LTR, "I said می\u200cخواهم today", "I said <می\u200cخواهم> today"},
	{LTR, "user \u2068سلام\u2069 wrote", "user \u2068<سلام>\u2069 wrote"},
	{RTL, "hello ", " hello"},
	{LTR, "سلام  ", "<سلام>  "},
	{RTL, "نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09 برگزار شد",
		"<برگزار شد> 1404/07/09 <در تاریخ> ۱۴ <نشست با معتمدان محله>"},
	{LTR, "نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09 برگزار شد",
		"<برگزار شد> 1404/07/09 <در تاریخ> ۱۴ <نشست با معتمدان محله>"},
	{Auto, "«نشست با معتمدان محله ۱۴ در تاریخ 1404/07/09 برگزار شد»",
		"<برگزار شد»> 1404/07/09 <در تاریخ> ۱۴ <«نشست با معتمدان محله>"},
}

func TestVisualOrder(t *testing.T) {
	if len(visualCases) < 40 {
		t.Fatalf("only %d cases", len(visualCases))
	}
	for _, c := range visualCases {
		got, want := display([]rune(c.text), c.dir), expand(c.want)
		if got != want {
			t.Errorf("dir %d %q:\n got %q\nwant %q (%s)", c.dir, c.text, got, want, c.want)
		}
	}
}

// TestLongParagraph checks a 2,000-rune paragraph made of one repeated
// segment: every copy has the same neighbours, so the RTL paragraph is
// drawn as the segment's own display repeated.
func TestLongParagraph(t *testing.T) {
	seg := "کد 123 و abc، "
	n := 2000 / len([]rune(seg))
	text := []rune(strings.Repeat(seg, n))
	got := display(text, RTL)
	if want := strings.Repeat(expand("<، >abc< و >123<کد >"), n); got != want {
		t.Fatalf("long paragraph (%d runes) drawn wrongly", len(text))
	}
}

func TestLines(t *testing.T) {
	text := []rune("سلام\nhello\r\nدنیا ۱۲\u2029end")
	paras := Paragraphs(text)
	if fmt.Sprint(paras) != "[[0 5] [5 12] [12 20] [20 23]]" {
		t.Fatalf("Paragraphs = %v", paras)
	}
	want := []string{"<سلام>", "hello", "۱۲<دنیا >", "end"}
	for i, pr := range paras {
		end := pr[1]
		for end > pr[0] && classOf(text[end-1]) == cB {
			end--
		}
		if got := display(text[pr[0]:end], Auto); got != expand(want[i]) {
			t.Errorf("paragraph %d: got %q want %q", i, got, expand(want[i]))
		}
	}
	if Paragraphs(nil) != nil || len(Paragraphs([]rune("\n"))) != 1 {
		t.Error("Paragraphs of empty or lone separator")
	}
}

// TestWrappedLine checks L1 and L2 on the lines of one wrapped paragraph.
func TestWrappedLine(t *testing.T) {
	text := []rune("سلام دنیا hello world")
	p := Resolve(text, RTL)
	var b strings.Builder
	for _, i := range p.VisualOrder(0, 10) {
		b.WriteRune(text[i])
	}
	if got := b.String(); got != expand("<سلام دنیا >") {
		t.Errorf("line 1: %q", got)
	}
	if got := fmt.Sprint(p.VisualOrder(10, 21)); got != "[10 11 12 13 14 15 16 17 18 19 20]" {
		t.Errorf("line 2: %s", got)
	}
}

func TestLineRuns(t *testing.T) {
	p := Resolve([]rune("abc سلام def"), LTR)
	if got := fmt.Sprint(p.LineRuns(0, 12)); got != "[{0 4 0} {4 8 1} {8 12 0}]" {
		t.Errorf("LTR runs %s", got)
	}
	p = Resolve([]rune("سلام abc ۱۲"), RTL)
	if got := fmt.Sprint(p.LineRuns(0, 11)); got != "[{5 11 2} {0 5 1}]" {
		t.Errorf("RTL runs %s", got)
	}
	if p.LineRuns(5, 5) != nil || p.LineRuns(-3, 99) == nil {
		t.Error("LineRuns range handling")
	}
}

func TestMirrorRune(t *testing.T) {
	for in, want := range map[rune]rune{'(': ')', ')': '(', '[': ']', '«': '»', '<': '>', 'a': 'a', 'س': 'س', '\u2329': '\u232A'} {
		if got := MirrorRune(in); got != want {
			t.Errorf("MirrorRune(%q) = %q, want %q", in, got, want)
		}
	}
	if IsRTL(0) || !IsRTL(1) || IsRTL(2) {
		t.Error("IsRTL")
	}
}
