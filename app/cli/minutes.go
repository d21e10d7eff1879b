package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"mahalleh/minutes"
)

func init() {
	Register("minutes", Command{NameFa: "صورتجلسه", Summary: "print a meeting's official minutes as an A4 PDF", Run: runMinutes})
}

// runMinutes writes the minutes of one meeting to a PDF.
func runMinutes(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("minutes", "--db FILE --meeting ID --out PATH [--lang fa|en] [--force]", stdout)
	db := fs.String("db", "", "the store the meeting is in (must exist)")
	id := fs.String("meeting", "", "the meeting's id")
	out := fs.String("out", "", "the PDF file to write")
	lang := fs.String("lang", "fa", "fa (Persian, right to left) or en")
	force := fs.Bool("force", false, "replace --out if it exists")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	switch {
	case *db == "":
		return missingDB(stderr, "minutes")
	case *id == "":
		return UsageError(stderr, "minutes", "گزینه --meeting (شناسه نشست) لازم است", "--meeting ID is required")
	case *out == "":
		return UsageError(stderr, "minutes", "گزینه --out (مسیر فایل PDF) لازم است", "--out PATH is required")
	case *lang != "fa" && *lang != "en":
		return UsageError(stderr, "minutes", "زبان «"+*lang+"» پشتیبانی نمی‌شود؛ fa یا en", "unknown language "+*lang+"; use fa or en")
	case fs.NArg() > 0:
		return extraArgs(stderr, "minutes", fs)
	}
	s, err := openExisting(*db)
	if err != nil {
		return Fail(stderr, err)
	}
	defer s.Close()
	m, err := minutes.Load(context.Background(), s, *id)
	if err != nil {
		return Fail(stderr, hinted(err, "شناسه نشست را از فهرست نشست‌ها یا خروجی export بردارید.",
			"take the meeting's id from the meetings list or an export."))
	}
	switch err := minutes.SaveFile(*out, m, *lang, *force); {
	case errors.Is(err, minutes.ErrExists):
		return Fail(stderr, fail("فایل «%s» از قبل هست و جایگزین نشد. مسیر دیگری بدهید یا --force بگذارید.",
			"%s already exists and was left alone; give another --out or add --force.", *out))
	case err != nil:
		return Fail(stderr, cannotWrite(*out))
	}
	fmt.Fprintf(stdout, "minutes: wrote %s\n", *out)
	return ExitOK
}
