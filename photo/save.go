package photo

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxSuffix bounds the "-N" search; past it the folder is a mess and the
// user is better told so than handed "photo-10000.jpg".
const maxSuffix = 9999

// Save writes data into dir ("" means DownloadDir()) under a SafeName
// derived from suggestedName, with the extension of what the bytes are: a
// "photo.jpg" that is a PNG is saved as "photo.png". It never overwrites
// (photo.jpg, photo-1.jpg, photo-2.jpg...) and returns the path written.
// A file with the same bytes already saved under one of those names is
// not written again: its path comes back with existed true, so pressing
// save twice does not fill the folder with copies.
func Save(dir, suggestedName string, data []byte, contentType string) (path string, existed bool, err error) {
	if len(data) == 0 {
		return "", false, fail(ReasonEmpty, nil)
	}
	if dir == "" {
		d, err := DownloadDir()
		if err != nil {
			return "", false, fail(ReasonSaveFailed, err)
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, fail(ReasonSaveFailed, err)
	}
	name := SafeName(suggestedName, Identify(data, contentType).Ext())
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 0; n <= maxSuffix; n++ {
		cand := name
		if n > 0 {
			cand = stem + "-" + strconv.Itoa(n) + ext
		}
		path := filepath.Join(dir, cand)
		if sameBytes(path, data) {
			return path, true, nil
		}
		// O_EXCL makes "does it exist" and "create it" one step, so two
		// saves at once cannot pick the same name.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", false, fail(ReasonSaveFailed, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(path)
			return "", false, fail(ReasonSaveFailed, err)
		}
		return path, false, nil
	}
	return "", false, fail(ReasonSaveFailed, fmt.Errorf("%s: %d files named like %q already", dir, maxSuffix, name))
}

// sameBytes reports a regular file at path holding exactly data.
func sameBytes(path string, data []byte) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	got, err := os.ReadFile(path)
	return err == nil && bytes.Equal(got, data)
}
