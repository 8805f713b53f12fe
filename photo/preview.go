package photo

import (
	"context"
	"image"
	"os"
	"runtime/debug"
	"time"

	"github.com/charmbracelet/colorprofile"
)

// Source is one photo: a stable key (e.g. "ym/123/return/45/item/6/<hash>"
// or the CDN URL) and how to download it. The key names the photo in every
// cache; it is hashed before it reaches the disk and never shown.
type Source struct {
	Key   string
	Fetch Fetch
}

// Options are the cell box and the terminal's abilities.
type Options struct {
	Cols, Rows int
	// Profile comes from tea.ColorProfileMsg (colorprofile.Detect).
	Profile colorprofile.Profile
	// Renderer RendererAuto follows the profile and SELLERINBOX_IMAGE.
	Renderer Renderer
}

// Config builds a Previewer. Zero values are sensible defaults.
type Config struct {
	Disk         *DiskCache // nil: downloads are kept in memory only
	FetchTimeout time.Duration
	Limits       Limits
	Getenv       func(string) string // reads SELLERINBOX_IMAGE; tests inject
	// MemoryBytes bounds the downloaded files kept in memory for
	// re-scaling when there is no disk cache (default 64 MB). Decoded
	// full-size images are never kept: one is scaled to the thumbnail the
	// screen needs and released; thumbnails and rendered strings have
	// their own small budgets.
	MemoryBytes int64
}

// Previewer turns sources into terminal text, caching every stage. It is
// safe for concurrent use: the UI runs it from several Cmds at once.
type Previewer struct {
	disk    *DiskCache
	timeout time.Duration
	limits  Limits
	getenv  func(string) string

	loads   flight
	decodes flight
	files   *lru[string, Media] // downloads, when there is no disk cache
	failed  *lru[string, *Error]
	sizes   *lru[string, image.Point] // of decoded photos, to find their thumbnails without decoding
	thumbs  *lru[thumbKey, *image.RGBA]
	renders *lru[renderKey, string]
}

type decoded struct {
	img    image.Image
	format Format
}

type thumbKey struct {
	key    string
	w, h   int
	pxCell int
}

type renderKey struct {
	key        string
	cols, rows int
	renderer   Renderer
	profile    colorprofile.Profile
}

// NewPreviewer builds a Previewer.
func NewPreviewer(c Config) *Previewer {
	if c.FetchTimeout <= 0 {
		c.FetchTimeout = DefaultFetchTimeout
	}
	if c.Getenv == nil {
		c.Getenv = os.Getenv
	}
	if c.MemoryBytes <= 0 {
		c.MemoryBytes = 64 << 20
	}
	return &Previewer{
		disk:    c.Disk,
		timeout: c.FetchTimeout,
		limits:  c.Limits.orDefault(),
		getenv:  c.Getenv,
		files:   newLRU[string, Media](16, c.MemoryBytes),
		failed:  newLRU[string, *Error](256, 1<<20),
		sizes:   newLRU[string, image.Point](1024, 1024),
		thumbs:  newLRU[thumbKey, *image.RGBA](256, 32<<20),
		renders: newLRU[renderKey, string](256, 32<<20),
	}
}

// Preview renders src into at most opt.Rows lines, each exactly opt.Cols
// cells wide, with no trailing newline. Failures are *Error with a Reason.
func (p *Previewer) Preview(ctx context.Context, src Source, opt Options) (string, error) {
	if opt.Cols <= 0 || opt.Rows <= 0 {
		return "", fail(ReasonNoRoom, nil)
	}
	r := Choose(opt.Profile, opt.Renderer, p.getenv(EnvRenderer))
	rk := renderKey{src.Key, opt.Cols, opt.Rows, r, opt.Profile}
	if s, ok := p.renders.get(rk); ok && src.Key != "" {
		return s, nil
	}
	thumb, err := p.thumb(ctx, src, opt.Cols, opt.Rows, r.pxPerCell())
	if err != nil {
		return "", err
	}
	s := render(r, opt.Profile, thumb, opt.Cols)
	p.putKeyed(src.Key, func() { p.renders.put(rk, s, int64(len(s))) })
	return s, nil
}

// thumb is the photo scaled into a cols×rows cell box. The full-size image
// lives only while it is scaled: a 7999x7999 photo costs its decoded size
// once per new box size, not for as long as it is cached.
func (p *Previewer) thumb(ctx context.Context, src Source, cols, rows, pxCell int) (*image.RGBA, error) {
	if sz, ok := p.sizes.get(src.Key); ok && src.Key != "" {
		tw, th := fit(sz.X, sz.Y, cols, rows, pxCell)
		if t, ok := p.thumbs.get(thumbKey{src.Key, tw, th, pxCell}); ok {
			return t, nil
		}
	}
	d, err := p.decode(ctx, src)
	if err != nil {
		return nil, err
	}
	b := d.img.Bounds()
	p.putKeyed(src.Key, func() { p.sizes.put(src.Key, b.Size(), 1) })
	tw, th := fit(b.Dx(), b.Dy(), cols, rows, pxCell)
	tk := thumbKey{src.Key, tw, th, pxCell}
	if t, ok := p.thumbs.get(tk); ok && src.Key != "" {
		return t, nil
	}
	t := scale(d.img, tw, th)
	p.putKeyed(src.Key, func() { p.thumbs.put(tk, t, int64(len(t.Pix))) })
	if imageBytes(d.img) >= releaseBytes {
		// d is dead from here. The heap just grew by the image; without this the process keeps
		// the pages (RSS 1 GB after one 16-bit PNG) until the scavenger
		// gets round to it, minutes later.
		debug.FreeOSMemory()
	}
	return t, nil
}

// releaseBytes: decoded images at least this large are handed back to the
// OS as soon as they are scaled.
const releaseBytes = 32 << 20

// putKeyed caches only photos that have an identity.
func (p *Previewer) putKeyed(key string, put func()) {
	if key != "" {
		put()
	}
}

// Download returns the bytes of src, from the disk cache when possible, for
// saving or opening externally.
func (p *Previewer) Download(ctx context.Context, src Source) (Media, error) {
	for attempt := 0; ; attempt++ {
		v, err := p.loads.do(ctx, src.Key, func() (any, error) { return p.load(ctx, src) })
		// A shared download canceled by the caller that started it says
		// nothing about ours: try again while our context is alive.
		if ReasonOf(err) == ReasonCanceled && ctx.Err() == nil && attempt < 2 {
			continue
		}
		if err != nil {
			return Media{}, err
		}
		return v.(Media), nil
	}
}

func (p *Previewer) load(ctx context.Context, src Source) (Media, error) {
	if p.disk != nil && src.Key != "" {
		if data, ct, ok := p.disk.Get(src.Key); ok && int64(len(data)) <= p.limits.MaxBytes {
			return Media{Data: data, ContentType: ct, Format: Identify(data, ct)}, nil
		}
	}
	if m, ok := p.files.get(src.Key); ok && src.Key != "" {
		return m, nil
	}
	m, err := fetchBounded(ctx, src.Fetch, p.timeout, p.limits.MaxBytes)
	if err != nil {
		return Media{}, err
	}
	if src.Key != "" {
		// A full disk costs the next run a download, nothing more.
		if p.disk == nil || p.disk.Put(src.Key, m.Data, m.ContentType) != nil {
			p.files.put(src.Key, m, int64(len(m.Data)))
		}
	}
	return m, nil
}

func (p *Previewer) decode(ctx context.Context, src Source) (decoded, error) {
	if src.Key != "" {
		if e, ok := p.failed.get(src.Key); ok {
			return decoded{}, e
		}
	}
	for attempt := 0; ; attempt++ {
		v, err := p.decodes.do(ctx, src.Key, func() (any, error) {
			m, err := p.Download(ctx, src)
			if err != nil {
				return nil, err
			}
			img, f, err := DecodeLimited(m.Data, m.ContentType, p.limits)
			if err != nil {
				// The bytes will not change: remember the verdict
				// rather than decode 50 MB of garbage again.
				if e, ok := err.(*Error); ok && src.Key != "" {
					p.failed.put(src.Key, e, 1)
				}
				return nil, err
			}
			return decoded{img, f}, nil
		})
		if ReasonOf(err) == ReasonCanceled && ctx.Err() == nil && attempt < 2 {
			continue
		}
		if err != nil {
			return decoded{}, err
		}
		return v.(decoded), nil
	}
}

// imageBytes estimates the memory an image holds.
func imageBytes(img image.Image) int64 {
	switch m := img.(type) {
	case *image.YCbCr:
		return int64(len(m.Y) + len(m.Cb) + len(m.Cr))
	case *image.NYCbCrA:
		return int64(len(m.Y) + len(m.Cb) + len(m.Cr) + len(m.A))
	case *image.RGBA:
		return int64(len(m.Pix))
	case *image.NRGBA:
		return int64(len(m.Pix))
	case *image.Gray:
		return int64(len(m.Pix))
	case *image.Paletted:
		return int64(len(m.Pix))
	}
	b := img.Bounds()
	return int64(b.Dx()) * int64(b.Dy()) * 8
}
