package tabular

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"

	"mahalleh/data"
)

// Format is the kind of file an export writes.
type Format string

const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Export reads the lists with o's filters and writes them to path: XLSX
// holds one sheet per list, CSV exactly one list. It never replaces an
// existing file unless force is set (ErrExists otherwise), and the file
// appears whole or not at all.
func Export(ctx context.Context, s *data.Store, path string, format Format, lists []List, force bool, o Options) error {
	if format == CSV && len(lists) != 1 {
		return &data.Error{Op: "export", Code: data.ErrInvalid, Msg: "a CSV file holds one list; name the list to export",
			MsgFa: "هر پرونده CSV یک فهرست را نگه می‌دارد؛ فهرستی را که خروجی می‌خواهید نام ببرید"}
	}
	if err := CheckNew(path, force); err != nil {
		return err // before reading a long list, not after
	}
	var tables []*Table
	for _, l := range lists {
		t, err := Build(ctx, s, l, o)
		if err != nil {
			return err
		}
		tables = append(tables, t)
	}
	return WriteFile(path, force, func(w io.Writer) error {
		if format == CSV {
			return WriteCSV(w, tables[0])
		}
		return WriteXLSX(w, o.Lang, tables...)
	})
}

// CheckNew returns an ErrExists error when path already exists and force
// is not set, so that a command refuses before any work is done.
func CheckNew(path string, force bool) error {
	if force {
		return nil
	}
	if _, err := os.Lstat(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		return exists(path)
	}
	return nil
}

// ErrExists is the Op of the error CheckNew and WriteFile return when the
// file is already there.
const ErrExists = "file exists"

func exists(path string) error {
	return &data.Error{Op: ErrExists, Code: data.ErrInvalid,
		Msg:   "the file " + path + " already exists and was left alone; choose another name, or add --force to replace it",
		MsgFa: "پرونده «" + path + "» از پیش هست و دست نخورد؛ نام دیگری بدهید یا برای جایگزینی --force را بیفزایید"}
}

// IsExists reports whether err says the target file was already there.
func IsExists(err error) bool {
	var de *data.Error
	return errors.As(err, &de) && de.Op == ErrExists
}

// WriteFile writes a file through write into a temporary file beside path
// and then puts it in place: without force by a hard link, which fails if
// path appeared meanwhile (never replacing it), with force by a rename. A
// failed write leaves nothing behind.
func WriteFile(path string, force bool, write func(io.Writer) error) error {
	if err := CheckNew(path, force); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return cannotWrite(path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return cannotWrite(path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return cannotWrite(path, err)
	}
	if err := tmp.Close(); err != nil {
		return cannotWrite(path, err)
	}
	if force {
		err = os.Rename(tmp.Name(), path)
	} else if err = os.Link(tmp.Name(), path); errors.Is(err, os.ErrExist) {
		return exists(path)
	} else if err != nil { // a file system without hard links
		if err = CheckNew(path, false); err == nil {
			err = os.Rename(tmp.Name(), path)
		}
	}
	if err != nil {
		return cannotWrite(path, err)
	}
	return nil
}

func cannotWrite(path string, err error) error {
	var de *data.Error
	if errors.As(err, &de) {
		return err
	}
	return &data.Error{Op: "export", Code: data.ErrInternal, Err: err,
		Msg:   "cannot write " + path + "; check that the folder exists and is writable and that the disk has room",
		MsgFa: "نوشتن در «" + path + "» ممکن نشد؛ پوشه را بررسی کنید و جای خالی دیسک را ببینید"}
}
