package photo

import (
	"context"
	"sync"
)

// flight merges concurrent loads of the same key: the UI fires several
// Cmds for one photo (list thumbnail, detail pane, resize) and each must
// not download and decode it again.
type flight struct {
	mu    sync.Mutex
	calls map[string]*flightCall
}

type flightCall struct {
	done chan struct{}
	val  any
	err  error
}

// do runs fn once per key at a time; a waiter whose own context ends stops
// waiting without disturbing the call.
// An empty key names nothing and is never shared.
func (f *flight) do(ctx context.Context, key string, fn func() (any, error)) (any, error) {
	if key == "" {
		return fn()
	}
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]*flightCall{}
	}
	if c, ok := f.calls[key]; ok {
		f.mu.Unlock()
		select {
		case <-c.done:
			return c.val, c.err
		case <-ctx.Done():
			return nil, fail(ReasonCanceled, ctx.Err())
		}
	}
	// Waiters see this if fn panics instead of returning.
	c := &flightCall{done: make(chan struct{}), err: fail(ReasonCorrupt, errPanic)}
	f.calls[key] = c
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		close(c.done)
	}()
	c.val, c.err = fn()
	return c.val, c.err
}
