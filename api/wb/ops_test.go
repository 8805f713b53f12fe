package wb

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// Every WB request is named by the operationId WB's document gives the
// same method and path, and every WB operation of the document has a name
// here, so no request falls back to "METHOD /path".
func TestEveryWBOpIsASpecOperationID(t *testing.T) {
	s, err := contract.Load()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, id := range s.Operations() {
		ids[id] = true
	}
	for key, id := range operationIDs {
		method, path, _ := strings.Cut(key, " ")
		if !ids[id] {
			t.Errorf("%s: %q is not an operationId of the specs", key, id)
		}
		if got := s.OperationID(method, path); got != id {
			t.Errorf("%s: the spec names it %q, the client %q", key, got, id)
		}
		if got := opID(method, path); got != id {
			t.Errorf("opID(%s) = %q, want %q", key, got, id)
		}
	}
	// The builders' paths: each must resolve through the table.
	for _, r := range []struct{ method, path string }{
		{"GET", chatListPath}, {"GET", chatEventsPath}, {"POST", chatMessagePath}, {"GET", chatDownloadPath},
		{"GET", claimsPath}, {"PATCH", claimPath}, {"GET", questionsPath}, {"PATCH", questionsPath},
		{"POST", feedbackAnswerPath}, {"PATCH", feedbackAnswerPath},
		{"GET", pinsPath}, {"POST", pinsPath}, {"DELETE", pinsPath}, {"GET", pinsPath + "/count"}, {"GET", pinsPath + "/limits"},
	} {
		if id := opID(r.method, r.path); !ids[id] {
			t.Errorf("%s %s goes out as Op %q, not an operationId", r.method, r.path, id)
		}
	}
	distinct := map[string]bool{}
	for _, id := range operationIDs {
		distinct[id] = true
	}
	if len(distinct) != 25 || len(operationIDs) != 25 {
		t.Errorf("%d distinct names for %d pairs: WB's document has 25 operations", len(distinct), len(operationIDs))
	}
}

// Ops raised before sending (validation) never reach the transport's log,
// so the source must not build an Op by hand either.
func TestNoHandMadeWBOps(t *testing.T) {
	handMade := regexp.MustCompile(`http\.Method\w+ \+ " " \+|Op: *"[A-Z]+ /`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := handMade.Find(src); m != nil {
			t.Errorf("%s builds an Op by hand (%s): use opID", f, m)
		}
	}
}
