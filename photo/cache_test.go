package photo

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLRU(t *testing.T) {
	c := newLRU[string, int](3, 100)
	c.put("a", 1, 10)
	c.put("b", 2, 10)
	c.put("c", 3, 10)
	c.get("a") // a is now the most recent; b the least
	c.put("d", 4, 10)
	if _, ok := c.get("b"); ok {
		t.Error("b survived a count eviction although it was least recent")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s evicted", k)
		}
	}
	c.put("big", 5, 75) // 30 + 75 > 100: the oldest (a) goes
	if _, ok := c.get("a"); ok || c.len() != 3 || c.cost != 95 {
		t.Errorf("after a costly put: len %d, cost %d, a kept %v", c.len(), c.cost, ok)
	}
	c.put("huge", 6, 101)
	if _, ok := c.get("huge"); ok {
		t.Error("an entry over the whole budget was kept")
	}
	c.put("big", 7, 1) // replacing refunds the old cost
	if v, _ := c.get("big"); v != 7 || c.cost > 100 {
		t.Errorf("replace: v=%d cost=%d", v, c.cost)
	}
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func newTestDisk(t *testing.T, dir string, max int64) (*DiskCache, *fakeClock) {
	t.Helper()
	clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	c, err := OpenDiskCache(DiskOptions{Dir: dir, MaxBytes: max, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	return c, clk
}

func TestDiskCacheRoundTripAndHashedNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "photos")
	c, _ := newTestDisk(t, dir, 1<<20)
	key := "https://photos.wbstatic.net/claim/../../etc/passwd?x=1"
	data := []byte("\xff\xd8\xff photo bytes")
	if err := c.Put(key, data, "image/jpeg\r\nX-Evil: 1"); err != nil {
		t.Fatal(err)
	}
	got, ct, ok := c.Get(key)
	if !ok || !bytes.Equal(got, data) || ct != "image/jpegX-Evil: 1" {
		t.Fatalf("Get = %q, %q, %v", got, ct, ok)
	}
	if _, _, ok := c.Get("another key"); ok {
		t.Error("hit for a key never stored")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || !isHashName(ents[0].Name()) || strings.Contains(ents[0].Name(), "passwd") {
		t.Errorf("cache dir holds %v", ents)
	}
	info, _ := os.Stat(dir)
	if runtimeUnixPerms() && info.Mode().Perm() != 0o700 {
		t.Errorf("cache dir mode %v, want 0700", info.Mode().Perm())
	}
}

func TestDiskCacheEvictsLeastRecentlyUsed(t *testing.T) {
	dir := t.TempDir()
	entry := int64(len(fileMagic) + len("image/png") + 1 + 100)
	c, _ := newTestDisk(t, dir, 3*entry)
	body := bytes.Repeat([]byte{1}, 100)
	for _, k := range []string{"a", "b", "c"} {
		if err := c.Put(k, body, "image/png"); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, ok := c.Get("a"); !ok { // a is used again: b is now the oldest
		t.Fatal("a missing")
	}
	if err := c.Put("d", body, "image/png"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := c.Get("b"); ok {
		t.Error("b survived; it was the least recently used")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, _, ok := c.Get(k); !ok {
			t.Errorf("%s was evicted", k)
		}
	}
	if c.Size() > 3*entry {
		t.Errorf("size %d over the cap %d", c.Size(), 3*entry)
	}
	// A body bigger than the whole cache is not stored and evicts nothing.
	if err := c.Put("huge", bytes.Repeat([]byte{2}, int(4*entry)), "image/png"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := c.Get("huge"); ok {
		t.Error("an over-cap body was stored")
	}
	if _, _, ok := c.Get("d"); !ok {
		t.Error("an over-cap body evicted d")
	}

	// The order survives a restart (it is kept in modification times):
	// the loop above read a, then c, then d, so a is the next to go.
	c2, _ := newTestDisk(t, dir, 3*entry)
	c2.clockAfter(t, c)
	if err := c2.Put("e", body, "image/png"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := c2.Get("a"); ok {
		t.Error("after a restart a survived although it was least recently used")
	}
	for _, k := range []string{"c", "d", "e"} {
		if _, _, ok := c2.Get(k); !ok {
			t.Errorf("after a restart %s was evicted", k)
		}
	}
}

// clockAfter moves a reopened cache's clock past the old one's last tick.
func (c *DiskCache) clockAfter(t *testing.T, old *DiskCache) {
	t.Helper()
	last := old.now()
	c.now = func() time.Time { last = last.Add(time.Second); return last }
}

func TestDiskCacheShrinksOnOpenAndDropsDamagedEntries(t *testing.T) {
	dir := t.TempDir()
	c, _ := newTestDisk(t, dir, 1<<20)
	for i := 0; i < 5; i++ {
		if err := c.Put(fmt.Sprint(i), bytes.Repeat([]byte{byte(i)}, 1000), "image/png"); err != nil {
			t.Fatal(err)
		}
	}
	// Damage one entry and leave a temp file as a crash would.
	if err := os.WriteFile(filepath.Join(dir, hashKey("0")), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".tmp-123"), []byte("partial"), 0o600); err != nil {
		t.Fatal(err)
	}
	small, _ := newTestDisk(t, dir, 2500)
	if small.Size() > 2500 {
		t.Errorf("reopened with a smaller cap: size %d", small.Size())
	}
	if _, err := os.Stat(filepath.Join(dir, ".tmp-123")); !os.IsNotExist(err) {
		t.Error("leftover temp file not removed")
	}
	big, _ := newTestDisk(t, dir, 1<<20)
	if _, _, ok := big.Get("0"); ok {
		t.Error("a damaged entry was returned")
	}
	if _, err := os.Stat(filepath.Join(dir, hashKey("0"))); !os.IsNotExist(err) {
		t.Error("a damaged entry was not removed")
	}
}

func TestDiskCacheConcurrent(t *testing.T) {
	c, _ := newTestDisk(t, t.TempDir(), 20_000)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := fmt.Sprint((g + i) % 30)
				body := bytes.Repeat([]byte(k), 300)
				if err := c.Put(k, body, "image/jpeg"); err != nil {
					t.Error(err)
					return
				}
				if got, _, ok := c.Get(k); ok && !bytes.Equal(got, body) {
					t.Errorf("key %s: wrong body", k)
				}
			}
		}()
	}
	wg.Wait()
	if c.Size() > 20_000 {
		t.Errorf("size %d over the cap", c.Size())
	}
}

func TestCacheAndDownloadDirs(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	home := func() (string, error) { return "/home/u", nil }
	userCache := func() (string, error) { return "/home/u/.cache", nil }
	tests := []struct {
		name string
		got  func() (string, error)
		want string
	}{
		{"xdg cache", func() (string, error) {
			return cacheDir(env(map[string]string{"XDG_CACHE_HOME": "/x/cache"}), userCache)
		}, "/x/cache/sellerinbox/photos"},
		{"relative xdg cache ignored", func() (string, error) { return cacheDir(env(map[string]string{"XDG_CACHE_HOME": "rel"}), userCache) }, "/home/u/.cache/sellerinbox/photos"},
		{"xdg download", func() (string, error) {
			return downloadDir(env(map[string]string{"XDG_DOWNLOAD_DIR": "/x/dl"}), home)
		}, "/x/dl/sellerinbox"},
		{"home downloads", func() (string, error) { return downloadDir(env(nil), home) }, "/home/u/Downloads/sellerinbox"},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil || filepath.ToSlash(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}
