// Package clocale keeps Fyne quiet under the C locale. Fyne's lang package
// reads the user's locale in its init function (through go-locale, from
// LC_ALL, LC_MESSAGES, LANG and LANGUAGE) and logs "Fyne error: Error parsing
// user locale C" with a source path for every attempt when the locale is
// C.UTF-8 or POSIX.UTF-8: go-locale recognises only a bare "C" or "POSIX" as
// "no locale", and hands "C" from "C.UTF-8" to a BCP 47 parser. On a server or
// a fresh Debian that is the default, and every command printed six such lines.
//
// Importing this package first from main fixes the environment before that
// init runs: for a C or POSIX locale with an encoding it sets LANGUAGE=en
// (when LANGUAGE is empty), which go-locale then reads instead. LANG and
// LC_* are left alone, so programs the app starts keep their UTF-8 charset,
// and gettext ignores LANGUAGE under the C locale anyway. The app's own
// language never comes from the locale (see app/i18n), so nothing else changes.
//
// Why this runs first: since Go 1.21 packages are initialised in import-path
// order among those whose imports are done. This package imports only os;
// Fyne's lang imports text/template, which needs os (through fmt) and sorts
// after "mahalleh/…", so this package is always initialised before
// text/template and hence before lang. TestQuietUnderCLocale in the main
// package proves it on the built binary.
package clocale

import "os"

func init() { Fix() }

// Fix sets LANGUAGE=en when the locale go-locale would read is C or POSIX
// with an encoding (C.UTF-8, POSIX.utf8) and LANGUAGE is not set. It is
// exported for the test; main gets it by importing the package.
func Fix() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	loc := ""
	for _, env := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(env); loc != "" {
			break
		}
	}
	if isCWithEncoding(loc) {
		os.Setenv("LANGUAGE", "en")
	}
}

// isCWithEncoding reports whether loc is "C" or "POSIX" followed by a dot
// or an at sign (C.UTF-8, C.utf8, POSIX@euro): the forms go-locale misreads.
func isCWithEncoding(loc string) bool {
	for _, base := range [...]string{"C", "POSIX"} {
		if len(loc) > len(base) && loc[:len(base)] == base && (loc[len(base)] == '.' || loc[len(base)] == '@') {
			return true
		}
	}
	return false
}
