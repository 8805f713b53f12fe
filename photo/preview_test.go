package photo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

type countingFetch struct {
	calls atomic.Int32
	data  []byte
	ct    string
	delay time.Duration
}

func (f *countingFetch) fetch(ctx context.Context) ([]byte, string, error) {
	f.calls.Add(1)
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
	}
	return f.data, f.ct, nil
}

var trueColor = Options{Cols: 40, Rows: 12, Profile: colorprofile.TrueColor}

func TestPreviewCachesEveryStage(t *testing.T) {
	disk, _ := newTestDisk(t, t.TempDir(), 1<<20)
	f := &countingFetch{data: sandbox.PhotoJPEG("return-1", 320, 240), ct: "application/octet-stream"}
	src := Source{Key: "ym/1/return/2/item/3/abc", Fetch: f.fetch}
	p := NewPreviewer(Config{Disk: disk, Getenv: noEnv})
	ctx := context.Background()
	first, err := p.Preview(ctx, src, trueColor)
	if err != nil {
		t.Fatal(err)
	}
	again, err := p.Preview(ctx, src, trueColor)
	if err != nil || again != first {
		t.Fatalf("second preview differs: %v", err)
	}
	// Another size and renderer reuse the decoded image.
	if _, err := p.Preview(ctx, src, Options{Cols: 20, Rows: 5, Profile: colorprofile.ANSI}); err != nil {
		t.Fatal(err)
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("fetched %d times, want 1", n)
	}
	// A new Previewer (a new run) finds the bytes on disk.
	p2 := NewPreviewer(Config{Disk: disk, Getenv: noEnv})
	if s, err := p2.Preview(ctx, src, trueColor); err != nil || s != first {
		t.Fatalf("preview from the disk cache: %v", err)
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("fetched %d times after a restart, want 1", n)
	}
	m, err := p2.Download(ctx, src)
	if err != nil || m.Format != FormatJPEG || m.ContentType != "application/octet-stream" {
		t.Errorf("Download = %v %q, %v", m.Format, m.ContentType, err)
	}
}

// TestPreviewConcurrent is for -race: many Cmds at once, some for the same
// photo, at different sizes and renderers, must share one download each.
func TestPreviewConcurrent(t *testing.T) {
	disk, _ := newTestDisk(t, t.TempDir(), 1<<20)
	p := NewPreviewer(Config{Disk: disk, Getenv: noEnv})
	fetches := make([]*countingFetch, 4)
	for i := range fetches {
		fetches[i] = &countingFetch{data: sandbox.PhotoJPEG(fmt.Sprint("p", i), 200, 150), ct: "image/jpeg", delay: 20 * time.Millisecond}
	}
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := fetches[g%4]
			opt := Options{Cols: 10 + g, Rows: 4 + g%3, Profile: colorprofile.Profile(2 + g%4)}
			s, err := p.Preview(context.Background(), Source{Key: fmt.Sprint("p", g%4), Fetch: f.fetch}, opt)
			if err != nil {
				t.Error(err)
				return
			}
			if !strings.Contains(s, "\n") && opt.Rows > 1 {
				t.Errorf("one-line preview for %+v", opt)
			}
		}()
	}
	wg.Wait()
	for i, f := range fetches {
		if n := f.calls.Load(); n != 1 {
			t.Errorf("photo %d fetched %d times", i, n)
		}
	}
}

func TestPreviewTrustsBytesOverURLAndContentType(t *testing.T) {
	// A claim photo URL ends in .webp, the server says image/jpeg, the
	// bytes are a PNG: it is shown, and saved, as a PNG.
	png := readFixture(t, fixturePNG)
	src := staticSource("//photos.wbstatic.net/claim/1/1.webp", png, "image/jpeg")
	p := NewPreviewer(Config{Getenv: noEnv})
	if _, err := p.Preview(context.Background(), src, trueColor); err != nil {
		t.Fatal(err)
	}
	m, err := p.Download(context.Background(), src)
	if err != nil || m.Format != FormatPNG {
		t.Fatalf("Download: %v %v", m.Format, err)
	}
	path, _, err := Save(t.TempDir(), "1.webp", m.Data, m.ContentType)
	if err != nil || !strings.HasSuffix(path, "1.png") {
		t.Errorf("saved as %q, %v", path, err)
	}
}

func TestPreviewErrors(t *testing.T) {
	apiErr := &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBReturns, Op: "GET /photo", Kind: api.KindNetwork, Err: errors.New("connection refused")}
	tests := []struct {
		name  string
		fetch Fetch
		opt   Options
		want  Reason
	}{
		{"pdf", func(context.Context) ([]byte, string, error) { return pdfBytes, "application/pdf", nil }, trueColor, ReasonPDF},
		{"mp4", func(context.Context) ([]byte, string, error) { return mp4Bytes, "video/mp4", nil }, trueColor, ReasonVideo},
		{"empty", func(context.Context) ([]byte, string, error) { return nil, "image/jpeg", nil }, trueColor, ReasonEmpty},
		{"too large", func(context.Context) ([]byte, string, error) { return make([]byte, MaxBytes+1), "image/jpeg", nil }, trueColor, ReasonTooLarge},
		{"client error", func(context.Context) ([]byte, string, error) { return nil, "", apiErr }, trueColor, ReasonFetch},
		{"panicking fetch", func(context.Context) ([]byte, string, error) { panic("nil map") }, trueColor, ReasonFetch},
		{"no fetch", nil, trueColor, ReasonFetch},
		{"no room", func(context.Context) ([]byte, string, error) { return pdfBytes, "", nil }, Options{Cols: 0, Rows: 10}, ReasonNoRoom},
		{"canceled", func(ctx context.Context) ([]byte, string, error) { return nil, "", ctx.Err() }, trueColor, ReasonCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.want == ReasonCanceled {
				cancel()
			}
			p := NewPreviewer(Config{Getenv: noEnv})
			s, err := p.Preview(ctx, Source{Key: tt.name, Fetch: tt.fetch}, tt.opt)
			if s != "" || ReasonOf(err) != tt.want {
				t.Fatalf("Preview = %q, %v (%s); want %s", s, err, ReasonOf(err).Code(), tt.want.Code())
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("bad message %q", err)
			}
		})
	}
	// The client's error stays reachable for the UI's own sentence.
	p := NewPreviewer(Config{Getenv: noEnv})
	_, err := p.Preview(context.Background(), Source{Key: "x", Fetch: func(context.Context) ([]byte, string, error) { return nil, "", apiErr }}, trueColor)
	if e, ok := api.AsError(err); !ok || e != apiErr {
		t.Errorf("api.Error lost: %v", err)
	}
}

// A fetch that ignores its context must not hang the UI past the timeout.
func TestPreviewTimeoutWithStubbornFetch(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	stubborn := func(context.Context) ([]byte, string, error) {
		<-release
		return nil, "", errors.New("too late")
	}
	p := NewPreviewer(Config{FetchTimeout: 50 * time.Millisecond, Getenv: noEnv})
	start := time.Now()
	_, err := p.Preview(context.Background(), Source{Key: "slow", Fetch: stubborn}, trueColor)
	if ReasonOf(err) != ReasonTimeout {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

// A waiter must not inherit the cancellation of the caller that started
// the shared download.
func TestPreviewWaiterSurvivesLeaderCancel(t *testing.T) {
	f := &countingFetch{data: readFixture(t, fixturePNG), ct: "image/png", delay: 100 * time.Millisecond}
	p := NewPreviewer(Config{Getenv: noEnv})
	src := Source{Key: "shared", Fetch: f.fetch}
	leaderCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := p.Preview(leaderCtx, src, trueColor)
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	waiter := make(chan error, 1)
	go func() {
		_, err := p.Preview(context.Background(), src, trueColor)
		waiter <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-done; ReasonOf(err) != ReasonCanceled {
		t.Errorf("leader: %v", err)
	}
	if err := <-waiter; err != nil {
		t.Errorf("waiter: %v", err)
	}
}

func TestPreviewEnvOverride(t *testing.T) {
	png := readFixture(t, fixturePNG)
	for _, tt := range []struct {
		env       string
		profile   colorprofile.Profile
		wantBlock bool
	}{
		{"", colorprofile.TrueColor, true},
		{"ascii", colorprofile.TrueColor, false},
		{"blocks", colorprofile.ANSI, true},
		{"", colorprofile.ANSI, false},
	} {
		p := NewPreviewer(Config{Getenv: func(k string) string {
			if k == EnvRenderer {
				return tt.env
			}
			return ""
		}})
		s, err := p.Preview(context.Background(), staticSource("f", png, ""), Options{Cols: 20, Rows: 6, Profile: tt.profile})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(s, upperHalf); got != tt.wantBlock {
			t.Errorf("%s=%q profile %v: blocks %v, want %v", EnvRenderer, tt.env, tt.profile, got, tt.wantBlock)
		}
	}
}

func TestPreviewRemembersUndecodable(t *testing.T) {
	f := &countingFetch{data: pdfBytes, ct: "application/pdf"}
	disk, _ := newTestDisk(t, t.TempDir(), 1<<20)
	p := NewPreviewer(Config{Disk: disk, Getenv: noEnv})
	for i := 0; i < 3; i++ {
		if _, err := p.Preview(context.Background(), Source{Key: "app", Fetch: f.fetch}, trueColor); ReasonOf(err) != ReasonPDF {
			t.Fatal(err)
		}
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("fetched %d times", n)
	}
	// The bytes are still there for opening or saving.
	if m, err := p.Download(context.Background(), Source{Key: "app", Fetch: f.fetch}); err != nil || m.Format != FormatPDF {
		t.Errorf("Download = %v, %v", m.Format, err)
	}
}
