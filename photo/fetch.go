package photo

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Fetch downloads one file. The UI passes a closure over the right client
// call (ym.Client.GetReturnPhoto, a WB CDN GET, a chat download...);
// contentType is the response's, possibly "application/octet-stream".
type Fetch func(ctx context.Context) (data []byte, contentType string, err error)

// DefaultFetchTimeout bounds one download: a 50 MB photo over a slow link
// takes a while, but a stalled CDN must not keep a spinner forever.
const DefaultFetchTimeout = 60 * time.Second

// Media is a downloaded file and what it really is.
type Media struct {
	Data        []byte
	ContentType string // as the server sent it
	Format      Format // from the magic bytes
}

// fetchBounded runs fetch under a deadline and returns when the deadline
// passes even if fetch ignores its context: the UI must not hang on a
// misbehaving closure (the goroutine finishes on its own later).
func fetchBounded(ctx context.Context, fetch Fetch, timeout time.Duration, maxBytes int64) (Media, error) {
	if fetch == nil {
		return Media{}, fail(ReasonFetch, errors.New("nothing to download from"))
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		data []byte
		ct   string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("download panicked: %v", r)}
			}
		}()
		d, ct, err := fetch(ctx)
		ch <- result{d, ct, err}
	}()
	var r result
	select {
	case r = <-ch:
	case <-ctx.Done():
		r.err = ctx.Err()
	}
	if r.err != nil {
		switch {
		case errors.Is(r.err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
			return Media{}, fail(ReasonTimeout, r.err)
		case errors.Is(r.err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled):
			return Media{}, fail(ReasonCanceled, r.err)
		}
		return Media{}, fail(ReasonFetch, r.err)
	}
	if len(r.data) == 0 {
		return Media{}, fail(ReasonEmpty, nil)
	}
	if int64(len(r.data)) > maxBytes {
		return Media{}, fail(ReasonTooLarge, fmt.Errorf("%d bytes", len(r.data)))
	}
	return Media{Data: r.data, ContentType: r.ct, Format: Identify(r.data, r.ct)}, nil
}
