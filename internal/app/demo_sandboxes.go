package app

import (
	"sync"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// DemoSandboxes keeps the demo's sandboxes running for the whole process,
// one per demo profile: a switch of profile or campaign in the demo
// reopens the session, and the user comes back to the decisions and
// answers they made there rather than to the seed. The zero value is ready.
type DemoSandboxes struct {
	mu      sync.Mutex
	running map[string]*sandbox.Running
}

// get is the running sandbox of a demo profile, started on first use.
func (d *DemoSandboxes) get(profile string, o sandbox.Options) (*sandbox.Running, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if r := d.running[profile]; r != nil {
		return r, nil
	}
	r, err := sandbox.New(o).Start("127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	if d.running == nil {
		d.running = map[string]*sandbox.Running{}
	}
	d.running[profile] = r
	return r, nil
}

// Close stops every sandbox started.
func (d *DemoSandboxes) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for name, r := range d.running {
		_ = r.Close()
		delete(d.running, name)
	}
}
