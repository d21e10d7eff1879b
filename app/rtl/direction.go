package rtl

import (
	"sync/atomic"

	"mahalleh/app/bidi"
)

// Direction is a paragraph or layout direction.
type Direction int

const (
	// LTR is left to right (English UI).
	LTR Direction = iota
	// RTL is right to left (Persian UI).
	RTL
	// Auto lets the first strong letter of each paragraph decide
	// (UAX #9 P2/P3); only meaningful for text, not for layouts.
	Auto
)

func (d Direction) bidi() bidi.Direction {
	switch d {
	case RTL:
		return bidi.RTL
	case Auto:
		return bidi.Auto
	}
	return bidi.LTR
}

// current is the UI direction; Persian is the default language.
var current atomic.Int32

func init() { current.Store(int32(RTL)) }

// SetDirection sets the UI direction, normally from the UI language:
// RTL for Persian, LTR for English. Widgets created or refreshed after
// the call follow it; Auto is treated as RTL for layouts.
func SetDirection(d Direction) { current.Store(int32(d)) }

// Current returns the UI direction set by SetDirection (RTL by default).
func Current() Direction { return Direction(current.Load()) }

// IsRTL reports whether the UI is laid out right to left.
func IsRTL() bool { return Current() != LTR }

// Column maps the logical column i of n (0 = first in reading order) to
// the visual column index: mirrored in RTL so that the first column of a
// Persian table is on the right.
func Column(i, n int) int {
	if IsRTL() {
		return n - 1 - i
	}
	return i
}
