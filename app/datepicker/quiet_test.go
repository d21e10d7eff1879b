package datepicker

// Fyne quiet under LANG=C.UTF-8 in this package's tests, as in the binary:
// no "Error parsing user locale C" in CI's log.
import _ "mahalleh/app/clocale"
