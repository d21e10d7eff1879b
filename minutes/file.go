package minutes

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
)

// ErrExists is returned by SaveFile when the file is there and force is
// not set: printing minutes never replaces a file without being asked.
var ErrExists = errors.New("minutes: the file already exists")

// SaveFile writes the minutes of m to path. The document is made in memory
// and written beside path under a temporary name, then renamed, so a
// failure never leaves half a PDF; an existing path is kept unless force.
func SaveFile(path string, m *Meeting, lang string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return ErrExists
	}
	var b bytes.Buffer
	if err := Write(&b, m, lang); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
