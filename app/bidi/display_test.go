package bidi

import (
	"slices"
	"testing"
)

// The expected orders are worked out by hand: the number (a run at level 2)
// is drawn left to right at the left end, then the space, then the Persian
// word reversed.
func TestResolveDisplayKeepsPhoneNumbersInOrder(t *testing.T) {
	text := []rune("تلفن 021-55123456")
	want := []int{5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 4, 3, 2, 1, 0}
	got := ResolveDisplay(text, RTL).VisualOrder(0, len(text))
	if !slices.Equal(got, want) {
		t.Errorf("display order of %q = %v, want %v (the number read as typed)", string(text), got, want)
	}
	// The plain algorithm, by contrast, splits the number at the hyphen:
	// "55123456" is drawn left of "-", and "021" right of it.
	plain := Resolve(text, RTL).VisualOrder(0, len(text))
	if slices.Equal(plain, want) {
		t.Errorf("Resolve must stay the plain UAX #9 algorithm; it gave the display order %v", plain)
	}
}

func TestResolveDisplayLeavesOtherHyphensAlone(t *testing.T) {
	// A hyphen between words is not touched: same levels as Resolve.
	for _, s := range []string{"شمال-جنوب", "abc-def", "۱۴-", "-۱۴", "a - 1"} {
		text := []rune(s)
		if got, want := ResolveDisplay(text, RTL).Levels, Resolve(text, RTL).Levels; !slices.Equal(got, want) {
			t.Errorf("%q: display levels %v differ from UAX #9 levels %v", s, got, want)
		}
	}
}
