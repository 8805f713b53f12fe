package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestPipeDraftsInARealTerminal: with pipe_command in the config, | on a
// question runs the script on the question's JSON and opens what it
// printed in the answer editor; nothing is sent.
func TestPipeDraftsInARealTerminal(t *testing.T) {
	home := t.TempDir()
	script := filepath.Join(home, "draft.sh")
	// Answers with the question's ID, so the screen shows the script saw
	// the JSON of the selected item.
	body := "#!/bin/sh\nid=$(tr -d '\\n' | sed -n 's/.*\"id\": *\"\\([^\"]*\\)\".*/\\1/p')\nprintf 'Model draft for %s\\n' \"${id:-nothing}\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(home, ".config", "sellerinbox")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("pipe_command = \""+script+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startIn(t, home, 120, 40, nil, "--demo")
	tm.waitFor(startTimeout, "Questions")
	tm.keys("2")
	tm.waitFor(stepTimeout, msg(i18n.EN, "wb.product.art")+":")
	tm.keys("|")
	screen := tm.waitFor(stepTimeout, "Model draft for ")
	if strings.Contains(screen, "Model draft for nothing") {
		t.Fatalf("the script got no item:\n%s", screen)
	}
	tm.waitFor(stepTimeout, msg(i18n.EN, "pipe.opened"))
	tm.keys("Escape")
	// the editor closed (an esc still on its way would make the q after
	// it an alt+q), its text kept as the question's draft
	tm.waitUntil(stepTimeout, "the editor closed with the draft kept", func(s string) bool {
		return listFocused(i18n.EN, s) && strings.Contains(s, "✎")
	})
	tm.waitQuit()
}
