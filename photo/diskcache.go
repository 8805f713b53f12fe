package photo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultDiskBytes caps the photo cache on disk.
const DefaultDiskBytes = 200 << 20

// fileMagic starts every cache file; the content type follows on the same
// line, then the body. One file per entry keeps eviction a single remove.
const fileMagic = "sellerinbox-photo/1 "

// DiskCache keeps downloaded bytes between runs, bounded in size with
// least-recently-used eviction. File names are SHA-256 hashes of the key,
// so no URL or buyer-controlled text ever becomes a path. Safe for
// concurrent use; several processes sharing the directory only ever lose
// entries, never corrupt them (writes go through a rename).
type DiskCache struct {
	dir string
	max int64
	now func() time.Time

	mu    sync.Mutex
	size  int64
	items map[string]*diskItem // by hashed name
}

type diskItem struct {
	size int64
	used time.Time
}

// DiskOptions configures OpenDiskCache.
type DiskOptions struct {
	Dir      string           // "" means CacheDir()
	MaxBytes int64            // <= 0 means DefaultDiskBytes
	Now      func() time.Time // for tests
}

// OpenDiskCache creates the directory (0700: buyers' photos are personal
// data) and indexes what an earlier run left there.
func OpenDiskCache(o DiskOptions) (*DiskCache, error) {
	if o.Dir == "" {
		d, err := CacheDir()
		if err != nil {
			return nil, fmt.Errorf("photo cache: %w", err)
		}
		o.Dir = d
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultDiskBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("photo cache: %w", err)
	}
	c := &DiskCache{dir: o.Dir, max: o.MaxBytes, now: o.Now, items: map[string]*diskItem{}}
	ents, err := os.ReadDir(o.Dir)
	if err != nil {
		return nil, fmt.Errorf("photo cache: %w", err)
	}
	for _, e := range ents {
		name := e.Name()
		if !isHashName(name) {
			if strings.HasPrefix(name, ".tmp-") {
				_ = os.Remove(filepath.Join(o.Dir, name)) // left by a crash
			}
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		c.items[name] = &diskItem{size: info.Size(), used: info.ModTime()}
		c.size += info.Size()
	}
	c.mu.Lock()
	c.evictLocked()
	c.mu.Unlock()
	return c, nil
}

// Dir is the cache directory.
func (c *DiskCache) Dir() string { return c.dir }

// Size is the total size of the cached files.
func (c *DiskCache) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

func isHashName(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// Get returns the cached bytes for key and marks them recently used.
func (c *DiskCache) Get(key string) (data []byte, contentType string, ok bool) {
	name := hashKey(key)
	c.mu.Lock()
	it, known := c.items[name]
	c.mu.Unlock()
	if !known {
		return nil, "", false
	}
	raw, err := os.ReadFile(filepath.Join(c.dir, name))
	if err == nil {
		data, contentType, err = parseEntry(raw)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		// Gone (another process evicted it) or damaged: forget it.
		if cur, ok := c.items[name]; ok && cur == it {
			c.dropLocked(name)
		}
		return nil, "", false
	}
	t := c.now()
	it.used = t
	// The modification time carries the LRU order to the next run.
	_ = os.Chtimes(filepath.Join(c.dir, name), t, t)
	return data, contentType, true
}

// Put stores data under key, then evicts least-recently-used entries until
// the cache fits. A body larger than the whole cache is not stored.
func (c *DiskCache) Put(key string, data []byte, contentType string) error {
	ct := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, contentType)
	if len(ct) > 200 {
		ct = ct[:200]
	}
	header := fileMagic + ct + "\n"
	size := int64(len(header) + len(data))
	if size > c.max {
		return nil
	}
	name := hashKey(key)
	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("photo cache: %w", err)
	}
	_, err = tmp.WriteString(header)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	t := c.now()
	if err == nil {
		err = os.Chtimes(tmp.Name(), t, t)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(c.dir, name))
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("photo cache: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items[name]; ok {
		c.size -= old.size
	}
	c.items[name] = &diskItem{size: size, used: t}
	c.size += size
	c.evictLocked()
	return nil
}

func (c *DiskCache) evictLocked() {
	if c.size <= c.max {
		return
	}
	names := make([]string, 0, len(c.items))
	for n := range c.items {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := c.items[names[i]], c.items[names[j]]
		if !a.used.Equal(b.used) {
			return a.used.Before(b.used)
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		if c.size <= c.max {
			return
		}
		c.dropLocked(n)
	}
}

func (c *DiskCache) dropLocked(name string) {
	if it, ok := c.items[name]; ok {
		c.size -= it.size
		delete(c.items, name)
	}
	_ = os.Remove(filepath.Join(c.dir, name))
}

var errBadEntry = errors.New("not a photo cache entry")

func parseEntry(raw []byte) (data []byte, contentType string, err error) {
	if !bytes.HasPrefix(raw, []byte(fileMagic)) {
		return nil, "", errBadEntry
	}
	rest := raw[len(fileMagic):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, "", errBadEntry
	}
	return rest[nl+1:], string(rest[:nl]), nil
}
