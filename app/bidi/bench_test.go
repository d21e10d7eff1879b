package bidi

import (
	"strings"
	"testing"
)

// benchLine is an 80-rune mixed Persian/Latin/digit line.
var benchLine = []rune("جلسه Mahalleh ساعت ۱۶:۳۰ روز 1404/07/09 در (سالن ۲) برگزار شد؛ tel: 021-55123456")

func BenchmarkResolveLine(b *testing.B) {
	if len(benchLine) != 80 {
		b.Fatalf("line has %d runes", len(benchLine))
	}
	for b.Loop() {
		p := Resolve(benchLine, Auto)
		_ = p.LineRuns(0, len(benchLine))
	}
}

func BenchmarkResolveParagraph2000(b *testing.B) {
	text := []rune(strings.Repeat("کد 123 و abc، ", 2000/14))
	for b.Loop() {
		p := Resolve(text, RTL)
		_ = p.VisualOrder(0, len(text))
	}
}
