package cli

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// status shows each group's documented limit, the one in force after the
// last session (lower for a basic WB token) and what was left.
func TestStatusShowsLimitsInForce(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	getenv := func(k string) string { return h.vars[k] }
	at := time.Date(2026, 12, 3, 9, 30, 0, 0, time.Local)
	basic := api.Limit{Per: 756 * time.Second, Burst: 1, Window: 756 * time.Second, Max: 1}
	err := app.SaveLimits(getenv, "default", []api.GroupLimit{
		{Group: api.GroupWBFeedbacks, Documented: api.Limits[api.GroupWBFeedbacks], InForce: basic, Learned: true, Remaining: 0, Updated: at},
		{Group: api.GroupYMReturns, Documented: api.Limits[api.GroupYMReturns], InForce: api.Limits[api.GroupYMReturns], Remaining: 4990, Updated: at},
		{Group: api.GroupWBChat, Documented: api.Limits[api.GroupWBChat], InForce: api.Limits[api.GroupWBChat], Remaining: -1},
	})
	if err != nil {
		t.Fatal(err)
	}
	h.run(runStatus, "", 0)
	out := h.stdout.String()
	wantContains(t, "status", out, "Rate limits (as of the last session):", "documented", "in force", "remaining")
	line := func(g api.Group) string {
		for l := range strings.SplitSeq(out, "\n") {
			if strings.Contains(l, " "+string(g)+" ") {
				return l
			}
		}
		t.Fatalf("no line for %s in\n%s", g, out)
		return ""
	}
	wantContains(t, "feedbacks line", line(api.GroupWBFeedbacks), "3 per 1 s, burst 6", "1 per 12 min 36 s, burst 1 (announced by the service)", "0 at 2026-12-03 09:30")
	wantContains(t, "YM returns line", line(api.GroupYMReturns), "5000 per 1 h, burst 5000", "as documented", "4990 at 2026-12-03 09:30")
	wantContains(t, "chat line", line(api.GroupWBChat), "10 per 10 s, burst 10", "as documented", "unknown")

	// A session restores the saved limits and saves what it learned.
	tr, err := api.NewTransport(api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	save := app.LimitsKeeper(getenv, "default", tr)
	for _, l := range tr.LimitsInForce() {
		if l.Group == api.GroupWBFeedbacks && (!l.Learned || l.InForce.Burst != 1 || l.InForce.Per != basic.Per) {
			t.Errorf("not restored: %+v", l)
		}
	}
	save()
	path, _ := app.LimitsPath(getenv, "default")
	data, err := os.ReadFile(path)
	if err != nil || strings.Contains(string(data), sandbox.WBToken) || !strings.Contains(string(data), string(api.GroupWBFeedbacks)) {
		t.Errorf("saved limits: %v\n%s", err, data)
	}
}
