package sandboxproc

import (
	"strings"
	"testing"
)

func TestReadEnv(t *testing.T) {
	full := `Sandbox on 127.0.0.1:4000
  export SELLERINBOX_YM_URL=http://127.0.0.1:4000/ym
  export SELLERINBOX_WB_FEEDBACKS_URL=http://127.0.0.1:4000/wbf
  export SELLERINBOX_WB_CHAT_URL=http://127.0.0.1:4000/wbc
  export SELLERINBOX_WB_RETURNS_URL=http://127.0.0.1:4000/wbr
  export SELLERINBOX_WB_TOKEN=sandbox-wb-secret
  export SELLERINBOX_YM_TOKEN=sandbox-ym-secret
  export SELLERINBOX_YM_CAMPAIGN=1000
Ctrl+C stops it.
  export SELLERINBOX_YM_URL=http://evil.example/
`
	env, err := ReadEnv(strings.NewReader(full))
	if err != nil || env["SELLERINBOX_YM_CAMPAIGN"] != "1000" || env["SELLERINBOX_YM_URL"] != "http://127.0.0.1:4000/ym" {
		t.Fatalf("ReadEnv = %v, %v (lines after Ctrl+C must not count)", env, err)
	}
	_, err = ReadEnv(strings.NewReader(strings.Replace(full, "  export SELLERINBOX_YM_TOKEN=sandbox-ym-secret\n", "", 1)))
	if err == nil || !strings.Contains(err.Error(), "SELLERINBOX_YM_TOKEN") || strings.Contains(err.Error(), "secret") {
		t.Errorf("a missing variable: %v (named, without the tokens printed)", err)
	}
	_, err = ReadEnv(strings.NewReader(strings.Replace(full, "http://127.0.0.1:4000/ym", "http://10.0.0.1:4000/ym", 1)))
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("a sandbox off loopback: %v", err)
	}
}
