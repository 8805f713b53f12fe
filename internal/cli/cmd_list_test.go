package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

var rfc3339 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$`)

// listHarness points the commands at the sandbox with the demo tokens in
// the environment, as the README shows.
func listHarness(t *testing.T) *cmdHarness {
	h := newHarness(t, sandbox.Options{})
	h.vars[api.EnvWBToken] = sandbox.WBToken
	h.vars[api.EnvYMToken] = sandbox.YMToken
	h.vars[api.EnvYMCampaign] = "1000"
	return h
}

// checkTimes walks decoded JSON and fails on any time-looking string that
// is not RFC 3339.
func checkTimes(t *testing.T, v any, path string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			checkTimes(t, e, path+"."+k)
		}
	case []any:
		for i, e := range x {
			if i > 20 {
				return
			}
			checkTimes(t, e, path)
		}
	case string:
		if regexp.MustCompile(`^\d{4}-\d\d-\d\dT`).MatchString(x) && !rfc3339.MatchString(x) {
			t.Errorf("%s: %q is not RFC 3339", path, x)
		}
	}
}

func TestListJSONEveryPane(t *testing.T) {
	h := listHarness(t)
	cases := []struct {
		args []string
		min  int
	}{
		{[]string{"returns", "--json"}, 1},
		{[]string{"returns", "--json", "--answered"}, 1},
		{[]string{"questions", "--json"}, 1},
		{[]string{"questions", "--json", "--answered"}, 1},
		{[]string{"feedbacks", "--json"}, 1},
		{[]string{"--json", "feedbacks", "--archive"}, 1},
		{[]string{"chats", "--json"}, 1},
		{[]string{"claims", "--json"}, 1},
		{[]string{"claims", "--json", "--archive"}, 1},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			h.run(runList, "", 0, c.args...)
			var items []any
			if err := json.Unmarshal(h.stdout.Bytes(), &items); err != nil {
				t.Fatalf("not one JSON array: %v\n%.300s", err, h.stdout.String())
			}
			if len(items) < c.min {
				t.Errorf("%d items", len(items))
			}
			checkTimes(t, items, "$")
		})
	}
}

func TestListTable(t *testing.T) {
	h := listHarness(t)
	h.run(runList, "", 0, "feedbacks")
	lines := strings.Split(strings.TrimSpace(h.stdout.String()), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("table:\n%s", h.stdout.String())
	}
	if strings.ContainsAny(h.stdout.String(), "\x1b\x07") {
		t.Errorf("escape sequences reached the terminal")
	}
}

func TestListErrors(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "missing <pane>"},
		{[]string{"bogus"}, 2, "<pane> must be one of"},
		{[]string{"questions", "--archive"}, 1, "no archive"},
		{[]string{"feedbacks", "--answered", "--archive"}, 2, "do not go together"},
		{[]string{"chats"}, 1, "no Wildberries token"},
		{[]string{"returns"}, 1, "no Yandex Market token"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if strings.Contains(c.want, "archive") {
				h.vars[api.EnvWBToken] = sandbox.WBToken
				defer delete(h.vars, api.EnvWBToken)
			}
			h.run(runList, "", c.code, c.args...)
			if !strings.Contains(h.stderr.String(), c.want) {
				t.Errorf("stderr %q lacks %q", h.stderr.String(), c.want)
			}
		})
	}
	h.vars[api.EnvWBToken] = "wrong-token-value"
	h.run(runList, "", 1, "claims")
	if !strings.Contains(h.stderr.String(), `"Buyer returns"`) || strings.Contains(h.stderr.String(), "wrong-token-value") {
		t.Errorf("401 sentence: %s", h.stderr.String())
	}
}

// A chat the events feed has nothing on (it reaches back 30 days) may
// have a buyer waiting: `list chats` shows it, saying why.
func TestListChatsShowsChatsWithoutEvents(t *testing.T) {
	h := listHarness(t)
	h.run(runList, "", 0, "chats", "--json")
	var waiting []struct {
		ChatID string `json:"chatID"`
	}
	if err := json.Unmarshal(h.stdout.Bytes(), &waiting); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range waiting {
		listed[c.ChatID] = true
	}
	h.stdout.Reset()
	h.run(runList, "", 0, "chats")
	table := h.stdout.String()
	if !strings.Contains(table, "last message not in the events feed") || !strings.Contains(table, "buyer waiting") {
		t.Fatalf("the table does not say why:\n%.600s", table)
	}
	// Every chat shown as not in the feed is one the JSON listed too.
	for _, line := range strings.Split(table, "\n") {
		if strings.Contains(line, "not in the events feed") {
			if id := strings.Fields(line)[0]; !listed[id] {
				t.Errorf("chat %s in the table but not in the JSON", id)
			}
		}
	}
	h.stdout.Reset()
	h.run(runList, "", 0, "chats", "--answered", "--json")
	var answered []struct {
		ChatID string `json:"chatID"`
	}
	if err := json.Unmarshal(h.stdout.Bytes(), &answered); err != nil {
		t.Fatal(err)
	}
	for _, c := range answered {
		if listed[c.ChatID] {
			t.Errorf("chat %s listed both as needing a look and as answered", c.ChatID)
		}
	}
}
