package cli

import (
	"bytes"
	"context"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func TestChooseLang(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		flag, cfg string
		vars      map[string]string
		want      i18n.Lang
		err       bool
	}{
		{"ru", "en", nil, i18n.RU, false},
		{"", "en", map[string]string{"LANG": "ru_RU.UTF-8"}, i18n.EN, false},
		{"", "auto", map[string]string{"LANG": "ru_RU.UTF-8"}, i18n.RU, false},
		{"", "", map[string]string{"SELLERINBOX_LANG": "en", "LANG": "ru_RU.UTF-8"}, i18n.EN, false},
		{"", "", map[string]string{"LC_ALL": "ru_RU.UTF-8", "LANG": "C"}, i18n.RU, false},
		{"", "", nil, i18n.EN, false},
		{"de", "", nil, "", true},
	}
	for _, c := range cases {
		got, err := chooseLang(c.flag, c.cfg, env(c.vars))
		if (err != nil) != c.err || (!c.err && got != c.want) {
			t.Errorf("%+v: got %v %v", c, got, err)
		}
	}
}

func TestTUIStartupErrorsGoToStderr(t *testing.T) {
	h := newHarness(t, sandboxOptionsForTUI())
	cases := []struct {
		args []string
		vars map[string]string
		code int
		want string
	}{
		{[]string{"--bogus"}, nil, 2, "unknown flag --bogus"},
		{[]string{"extra"}, nil, 2, `unknown command "extra"`},
		{[]string{"--lang", "de"}, map[string]string{api.EnvWBToken: "x"}, 2, "use ru or en"},
		{nil, map[string]string{api.EnvYMCampaign: "abc"}, 1, "not a campaign ID"},
		{nil, map[string]string{api.EnvYMToken: "y"}, 1, "no campaign"},
		{[]string{"--debug", "/nonexistent/dir/log"}, nil, 1, "--debug"},
		{[]string{"--debug-messages"}, nil, 2, "--debug-messages needs --debug FILE"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			for k, v := range c.vars {
				h.vars[k] = v
				defer delete(h.vars, k)
			}
			var out bytes.Buffer
			env := h.env("")
			env.Stdout = &out
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if got := runTUI(ctx, c.args, env); got != c.code {
				t.Fatalf("exit %d, want %d; stderr %s", got, c.code, h.stderr.String())
			}
			if !strings.Contains(h.stderr.String(), c.want) {
				t.Errorf("stderr %q lacks %q", h.stderr.String(), c.want)
			}
			if out.Len() != 0 {
				t.Errorf("stdout written: %q", out.String())
			}
		})
	}
}

func sandboxOptionsForTUI() sandbox.Options { return sandbox.Options{} }

func TestExpiryWarning(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tr := i18n.New(i18n.EN)
	cases := []struct {
		name string
		tok  string
		want string
	}{
		{"far", wbJWT(t, now.Add(60*24*time.Hour), 7, 9, 11), ""},
		{"in ten days", wbJWT(t, now.Add(10*24*time.Hour), 7), "WB token expires 03.12.2026"},
		{"expired", wbJWT(t, now.Add(-time.Hour), 7), "has expired"},
		{"opaque", "sandbox-wb-token", ""},
		{"none", "", ""},
	}
	for _, c := range cases {
		got := app.Warning(wbRouteOf(now, c.tok), tr, now)
		if (c.want == "" && got != "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if c.tok != "" && strings.Contains(got, c.tok) {
			t.Errorf("%s: the token reached the warning", c.name)
		}
	}
}
