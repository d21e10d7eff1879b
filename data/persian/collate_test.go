package persian

import (
	"math/rand"
	"slices"
	"testing"
)

// dictionaryOrder is a register's names in the order of a Persian
// dictionary, written by hand (letter by letter: ا آ ب پ ت ث ج چ ح خ د ذ ر
// ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی; words starting with آ open the
// dictionary; a shorter word comes before a longer one that starts with
// it; a name of two words comes before a one-word name that continues the
// first word). It is the oracle: it was not produced by SortKey.
var dictionaryOrder = []string{
	"آذر",
	"آرش",
	"احمد",
	"اکبر",
	"بابک",
	"بهرام",
	"پروین",
	"پیمان",
	"تقی",
	"ثریا",
	"جعفر",
	"جواد",
	"چنگیز",
	"حسن",
	"حسن زاده",
	"حسین",
	"خدیجه",
	"داوود",
	"ذبیح‌الله",
	"رضا",
	"زهرا",
	"ژاله",
	"ژیلا",
	"سارا",
	"شهرام",
	"صادق",
	"ضیا",
	"طاهره",
	"ظریف",
	"عباس",
	"علی",
	"علی احمدی",
	"علی رضایی",
	"علی‌اکبر",
	"علیرضا",
	"غلام",
	"فاطمه",
	"قاسم",
	"کاظم",
	"کوروش",
	"گلناز",
	"گیتی",
	"لیلا",
	"مریم",
	"نرگس",
	"وحید",
	"هادی",
	"یاسمن",
}

func TestSortKeyIsDictionaryOrder(t *testing.T) {
	shuffled := slices.Clone(dictionaryOrder)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	slices.SortStableFunc(shuffled, func(a, b string) int {
		ka, kb := SortKey(a), SortKey(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	for i := range shuffled {
		if shuffled[i] != dictionaryOrder[i] {
			t.Errorf("position %d: got %q, want %q", i, shuffled[i], dictionaryOrder[i])
		}
	}
}

// The same name typed differently must sort as one: Arabic ي/ك, a ZWNJ or
// none, Persian or Latin digits, harakat, extra spaces.
func TestSortKeyFoldsVariants(t *testing.T) {
	same := [][]string{
		{"علی کریمی", "علي كريمي", "  علی   کریمی "},
		{"خانه‌ها", "خانهها"},
		{"محمد", "مُحَمَّد"},
		{"کوچه ۱۲", "کوچه 12", "کوچه ١٢"},
	}
	for _, g := range same {
		for _, s := range g[1:] {
			if SortKey(s) != SortKey(g[0]) {
				t.Errorf("SortKey(%q) != SortKey(%q)", s, g[0])
			}
		}
	}
	// Digits and Latin come before Persian letters.
	for _, pair := range [][2]string{{"12 نفر", "الف"}, {"Ali", "آذر"}, {"ب", "پ"}, {"ج", "چ"}, {"ز", "ژ"}, {"ک", "گ"}, {"گ", "ل"}} {
		if !(SortKey(pair[0]) < SortKey(pair[1])) {
			t.Errorf("%q should sort before %q", pair[0], pair[1])
		}
	}
}

func TestPhoneKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"09121234567", "09121234567"},
		{"+98 912 123 4567", "09121234567"},
		{"0098-912-123-4567", "09121234567"},
		{"۰۹۱۲ ۱۲۳ ۴۵۶۷", "09121234567"},
		{"٠٩١٢١٢٣٤٥٦٧", "09121234567"},
		{"989121234567", "09121234567"},
		{"9121234567", "09121234567"},
		{"021-5512 3456", "02155123456"},
		{"+98 21 5512 3456", "02155123456"},
		{"تلفن ندارد", ""},
		{"", ""},
	} {
		if got := PhoneKey(c.in); got != c.want {
			t.Errorf("PhoneKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
