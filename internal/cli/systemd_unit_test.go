package cli

import (
	"io"
	"os"
	"strings"
	"testing"
)

// TestSystemdUnitParses: the unit the README gives (docs/sellerinbox.service)
// starts serve with flags this sellerinbox has, and names environment
// variables it reads.
func TestSystemdUnitParses(t *testing.T) {
	raw, err := os.ReadFile("../../docs/sellerinbox.service")
	if err != nil {
		t.Fatal(err)
	}
	var exec []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "#")
		if v, ok := strings.CutPrefix(line, "ExecStart="); ok {
			exec = strings.Fields(v)
		}
		if v, ok := strings.CutPrefix(line, "Environment="); ok {
			name, _, _ := strings.Cut(v, "=")
			switch name {
			case "SELLERINBOX_KEYRING", "SELLERINBOX_PASSPHRASE_FILE", "SELLERINBOX_DATABASE_URL":
			default:
				t.Errorf("the unit sets %s, which sellerinbox does not read", name)
			}
		}
	}
	if len(exec) < 2 || !strings.HasSuffix(exec[0], "/sellerinbox") || exec[1] != "serve" {
		t.Fatalf("ExecStart = %q", exec)
	}
	var cl commandLine
	k := newParser(&cl, io.Discard, io.Discard)
	if _, err := k.Parse(exec[1:]); err != nil {
		t.Fatalf("the unit's command line: %v", err)
	}
	if cl.Serve.Listen != "0.0.0.0:2222" || cl.Serve.Profile != "shop" {
		t.Errorf("parsed %+v", cl.Serve)
	}
}
