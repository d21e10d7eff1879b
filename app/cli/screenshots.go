package cli

import (
	"fmt"
	"io"
	"os"

	"mahalleh/app/gui"
)

func init() {
	Register("screenshots", Command{NameFa: "تصویر صفحه‌ها", Summary: "render every main screen to PNG, headless (no display needed)", Run: runScreenshots})
}

func runScreenshots(args []string, stdout, stderr io.Writer) int {
	fs := NewFlags("screenshots", "--db FILE --out DIR [--lang fa|en]", stdout)
	db := fs.String("db", "", "the store whose screens to render")
	out := fs.String("out", "", "the folder the PNG files go to (made if missing)")
	lang := fs.String("lang", "fa", "the UI language: fa (Persian) or en (English)")
	if code, ok := Parse(fs, args, stderr); !ok {
		return code
	}
	switch {
	case *db == "" || *out == "":
		return UsageError(stderr, "screenshots", "گزینه‌های --db و --out لازم است", "--db FILE and --out DIR are required")
	case *lang != "fa" && *lang != "en":
		return UsageError(stderr, "screenshots", "زبان باید fa یا en باشد، نه «"+*lang+"»", "--lang must be fa or en, not "+*lang)
	case fs.NArg() > 0:
		return extraArgs(stderr, "screenshots", fs)
	}
	if _, err := os.Stat(*db); err != nil {
		return Fail(stderr, fail("انبارهٔ «%s» پیدا نشد؛ مسیر --db را بررسی کنید", "the store %s does not exist; check the --db path", *db))
	}
	files, err := gui.Screenshots(*db, *out, *lang)
	if err != nil {
		return Fail(stderr, err)
	}
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	return ExitOK
}
