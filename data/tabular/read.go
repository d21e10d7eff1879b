package tabular

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mahalleh/data"
)

// IsSpreadsheet reports whether the file at path is an XLSX workbook (a zip)
// or has a .csv or .xlsx name: what import hands to ImportPeople rather
// than to the JSON backup reader.
func IsSpreadsheet(path string) bool {
	lower := strings.ToLower(path)
	if strings.HasSuffix(lower, ".csv") || strings.HasSuffix(lower, ".xlsx") {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := f.Read(head)
	return bytes.Equal(head[:n], []byte("PK\x03\x04"))
}

// ReadCells reads the first sheet of an XLSX workbook or a CSV file (UTF-8,
// a byte order mark allowed, comma or semicolon separated), told apart by
// content, not by name: a file saved with the wrong extension still reads.
func ReadCells(path string) ([][]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, &data.Error{Op: "import", Code: data.ErrInvalid, Err: err,
			Msg: "cannot read " + path + "; check the path", MsgFa: "پرونده «" + path + "» خوانده نشد؛ مسیر را بررسی کنید"}
	}
	notSheet := &data.Error{Op: "import", Code: data.ErrInvalid,
		Msg:   path + " is not a spreadsheet: save it from Excel as .xlsx, or as CSV UTF-8",
		MsgFa: "پرونده «" + path + "» صفحه‌گسترده نیست؛ آن را در اکسل با قالب xlsx یا «CSV UTF-8» ذخیره کنید"}
	var cells [][]string
	if bytes.HasPrefix(raw, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(raw))
		if err != nil {
			return nil, notSheet
		}
		defer f.Close()
		if cells, err = f.GetRows(f.GetSheetName(0)); err != nil {
			return nil, notSheet
		}
	} else {
		text := strings.TrimPrefix(string(raw), BOM)
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return nil, notSheet
		}
		r := csv.NewReader(strings.NewReader(text))
		r.FieldsPerRecord = -1
		first, _, _ := strings.Cut(text, "\n")
		if strings.Count(first, ";") > strings.Count(first, ",") {
			r.Comma = ';' // Excel in many locales saves CSV with semicolons
		}
		if cells, err = r.ReadAll(); err != nil {
			return nil, notSheet
		}
	}
	return cells, nil
}
