package contract

import (
	"net/http"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// Harness is a running sandbox and an api.Transport whose traffic is checked
// against the specs. Close reports violations as test failures.
type Harness struct {
	Sandbox   *sandbox.Server
	Running   *sandbox.Running
	Transport *api.Transport
	Validator *Validator
}

// Start runs a sandbox with opts on loopback and a validating transport
// pointed at it; cfg tweaks the api.Config before the transport is built.
func Start(t testing.TB, opts sandbox.Options, cfg func(*api.Config)) *Harness {
	t.Helper()
	v, err := NewValidator()
	if err != nil {
		t.Fatalf("load specs: %v", err)
	}
	sb := sandbox.New(opts)
	run, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("start sandbox: %v", err)
	}
	c := run.Config()
	c.HTTPClient = &http.Client{Transport: v.RoundTripper(http.DefaultTransport.(*http.Transport).Clone())}
	if cfg != nil {
		cfg(&c)
	}
	tr, err := api.NewTransport(c)
	if err != nil {
		t.Fatalf("transport: %v", err)
	}
	h := &Harness{Sandbox: sb, Running: run, Transport: tr, Validator: v}
	t.Cleanup(func() {
		_ = run.Close()
		for _, vi := range v.Violations() {
			t.Errorf("contract violation: %s", vi)
		}
	})
	return h
}
