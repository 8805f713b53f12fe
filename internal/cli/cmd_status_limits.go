package cli

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/internal/app"
)

// statusLimits shows every rate-limit group of a profile: the documented
// limit, the one in force (lower when a service announced less, e.g. for
// a basic WB token) and what the service last said was left, as of the
// profile's last session.
func statusLimits(w io.Writer, getenv func(string) string, profile string) {
	t, err := api.NewTransport(api.Config{})
	if err != nil {
		return
	}
	saved, err := app.LoadLimits(getenv, profile)
	if err != nil {
		fmt.Fprintf(w, "    rate limits: the saved ones cannot be read (%v); the documented ones apply\n", err)
	}
	t.RestoreLimits(saved)
	remaining := map[api.Group]api.GroupLimit{}
	for _, s := range saved {
		remaining[s.Group] = s
	}
	fmt.Fprintln(w, "  Rate limits (as of the last session):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "    group\tdocumented\tin force\tremaining")
	for _, l := range t.LimitsInForce() {
		inForce := "as documented"
		if l.Learned {
			inForce = l.InForce.String() + " (announced by the service)"
		}
		left := "unknown"
		if s, ok := remaining[l.Group]; ok && s.Remaining >= 0 {
			left = strconv.Itoa(s.Remaining)
			if !s.Updated.IsZero() {
				left += " at " + s.Updated.Local().Format("2006-01-02 15:04")
			}
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", l.Group, l.Documented, inForce, left)
	}
	_ = tw.Flush()
}
