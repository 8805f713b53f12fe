package contract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSpecsLoad(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ops := s.Operations()
	if len(ops) != 35 {
		t.Fatalf("only %d operations loaded: %v", len(ops), ops)
	}
	for _, want := range []string{"getReturns", "getReturnPhoto", "submitReturnDecision", "getV1SellerEvents", "patchV1Claim", "getV1FeedbacksArchive"} {
		found := false
		for _, id := range ops {
			found = found || id == want
		}
		if !found {
			t.Errorf("operation %s missing", want)
		}
	}
}

// The embedded copies must match the shared specs when they are beside the
// repository (always so in CI), so the contract cannot drift silently. A
// worktree sits one level deeper than the main clone, so look further up.
func TestEmbeddedSpecsMatchShared(t *testing.T) {
	for _, name := range SpecFiles {
		shared := ""
		for up := filepath.Join("..", "..", ".."); len(up) < 40; up = filepath.Join(up, "..") {
			if _, err := os.Stat(filepath.Join(up, "shared", name)); err == nil {
				shared = filepath.Join(up, "shared", name)
				break
			}
		}
		if shared == "" {
			t.Skipf("shared/%s not present beside the repository", name)
		}
		want, err := os.ReadFile(shared)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := specFS.ReadFile(name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s: copy the shared spec into sandbox/contract/specs", name, shared)
		}
	}
}

func TestFindPrefersLiteralPaths(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"GET /api/v1/feedbacks/count":                                    "",
		"GET /v2/campaigns/1000/returns":                                 "getReturns",
		"GET /v2/campaigns/1000/orders/5/returns/7/decision/9/image/abc": "getReturnPhoto",
		"POST /v1/businesses/2000/orders":                                "getBusinessOrders",
	}
	for in, want := range cases {
		var method, path string
		for i := range in {
			if in[i] == ' ' {
				method, path = in[:i], in[i+1:]
				break
			}
		}
		o, _ := s.find(method, path)
		if o == nil {
			t.Errorf("%s: no operation", in)
			continue
		}
		if want != "" && o.id != want {
			t.Errorf("%s: got %s, want %s", in, o.id, want)
		}
	}
}

// Forgiving the pins spec's contradictory allOf must not hide bad bodies.
func TestKnownDefectStillChecksItems(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	defect := errors.New(`response body doesn't match schema: doesn't match schema due to: Error at "/data": value must be an object`)
	cases := []struct {
		method, path, body string
		ok                 bool
	}{
		{"GET", "/api/feedbacks/v1/pins/count", `{"data":7}`, true},
		{"GET", "/api/feedbacks/v1/pins/count", `{"data":"7"}`, false},
		{"GET", "/api/feedbacks/v1/pins", `{"data":[{"pinId":"x"}]}`, false},
		{"GET", "/api/v1/questions", `{"data":7}`, false}, // not a known defect: error kept
	}
	for _, c := range cases {
		o, _ := s.find(c.method, c.path)
		got := checkKnownDefect(o, 200, []byte(c.body), defect)
		if (got == nil) != c.ok {
			t.Errorf("%s %s %s: %v", c.method, c.path, c.body, got)
		}
	}
}
