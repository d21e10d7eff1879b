// Package rtl draws and edits right-to-left and bidirectional text in Fyne.
//
// Fyne v2.7 shapes Persian letters but lays the directional runs of a
// string out in logical order, left to right, so a Persian sentence with
// a date or a Latin word in it reads as nonsense, and its Entry puts the
// caret at the width of the logical prefix. This package fixes that once
// for the whole application:
//
//   - Layout (layout.go) wraps text in logical order, orders every line's
//     runs with package bidi (UAX #9) and measures them with the theme's
//     font; caret.go turns that into caret positions, hit testing and
//     visual caret movement.
//   - Label, Text, Entry and the table/list cells draw each directional
//     run as its own canvas.Text at the x the layout computed.
//   - NewTheme ships Vazirmatn for every text style, and direction.go lets
//     screens be written once and mirrored for Persian (HBox, Border,
//     Form, Column).
package rtl
