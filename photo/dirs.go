package photo

import (
	"errors"
	"os"
	"path/filepath"
)

// CacheDir is where downloaded photos are kept between runs:
// $XDG_CACHE_HOME/sellerinbox/photos, else the platform cache directory.
func CacheDir() (string, error) {
	return cacheDir(os.Getenv, os.UserCacheDir)
}

func cacheDir(getenv func(string) string, userCache func() (string, error)) (string, error) {
	if x := getenv("XDG_CACHE_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "sellerinbox", "photos"), nil
	}
	d, err := userCache()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "sellerinbox", "photos"), nil
}

// DownloadDir is where Save puts files by default:
// $XDG_DOWNLOAD_DIR/sellerinbox, else ~/Downloads/sellerinbox.
func DownloadDir() (string, error) {
	return downloadDir(os.Getenv, os.UserHomeDir)
}

func downloadDir(getenv func(string) string, home func() (string, error)) (string, error) {
	// A relative value is a misconfiguration; writing relative to
	// wherever the TUI was started would scatter files.
	if x := getenv("XDG_DOWNLOAD_DIR"); filepath.IsAbs(x) {
		return filepath.Join(x, "sellerinbox"), nil
	}
	h, err := home()
	if err != nil {
		return "", err
	}
	if h == "" {
		return "", errors.New("no home directory")
	}
	return filepath.Join(h, "Downloads", "sellerinbox"), nil
}
