package reply

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tmpPrefix marks files being written; every reader skips names starting
// with a dot, so a temp file left by a crash is never taken for data.
const tmpPrefix = ".tmp-"

// staleTemp is how old a leftover temp file must be before it is removed:
// a younger one may belong to another running instance mid-write.
const staleTemp = 10 * time.Minute

// writeFileAtomic replaces path with data so that a reader, or the disk
// after a crash or kill -9 at any instant, holds either the old content or
// the new one, never a torn mix: write a temp file in the same directory,
// fsync it, rename it over path, fsync the directory so the rename itself
// is durable.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(perm); err != nil {
		_ = f.Close()
		return err
	}
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// removeFile deletes path durably; a file already gone is not an error.
func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// sweepTemps removes temp files that a crashed writer left behind.
func sweepTemps(dir string, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range ents {
		if !strings.HasPrefix(de.Name(), tmpPrefix) {
			continue
		}
		if info, err := de.Info(); err == nil && now.Sub(info.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(dir, de.Name()))
		}
	}
}
