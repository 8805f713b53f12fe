package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestVersionAndHelp(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--version"}, "sellerinbox "},
		{[]string{"version"}, "sellerinbox "},
		{[]string{"help"}, "  login [<wb|ym>]"},
		{[]string{"--help"}, "  sandbox [flags]"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		if code := run(context.Background(), c.args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errb.String())
		}
		if !strings.Contains(out.String(), c.want) {
			t.Errorf("%v: %q lacks %q", c.args, out.String(), c.want)
		}
	}
}
