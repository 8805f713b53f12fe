package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// maxStatsDays bounds --days: the audit is read whole for the period.
const maxStatsDays = 366

func (c *statsCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	if c.Days < 1 || c.Days > maxStatsDays {
		usageError(env.Stderr, "sellerinbox stats", "stats", fmt.Sprintf("--days must be 1..%d", maxStatsDays))
		return 2
	}
	s, err := openSession(ctx, env, app.Options{Profile: c.Profile})
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox stats: %s\n", safe.Line(err.Error()))
		return 1
	}
	defer s.Close()
	st := s.Store()
	if st == nil {
		fmt.Fprintln(env.Stderr, "sellerinbox stats: this profile has no store yet: open the inbox once to sync it")
		return 1
	}
	stats, err := st.Stats(ctx, time.Now(), c.Days, time.Local)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox stats: %s\n", safe.Line(err.Error()))
		return 1
	}
	if c.JSON {
		return writeJSON(env, "sellerinbox stats", statsJSON(stats))
	}
	printStats(env.Stdout, stats)
	return 0
}

// statsOut is the --json form: durations in seconds, days as dates.
type statsOut struct {
	From    string         `json:"from"`
	To      string         `json:"to"`
	Rows    []statsRowOut  `json:"rows"`
	Failed  int            `json:"failed"`
	Overdue map[string]int `json:"overdue"`
}

type statsRowOut struct {
	Agent    string `json:"agent"`
	Pane     string `json:"pane"`
	Answered int    `json:"answered"`
	// MedianFirstResponseSeconds is null when no answer's item was
	// stored with its creation time.
	MedianFirstResponseSeconds *int64 `json:"medianFirstResponseSeconds"`
	PerDay                     []int  `json:"perDay"`
}

func statsJSON(s store.Stats) statsOut {
	out := statsOut{Failed: s.Failed, Overdue: map[string]int{}, Rows: []statsRowOut{}}
	if len(s.Days) > 0 {
		out.From, out.To = s.Days[0].Format(time.DateOnly), s.Days[len(s.Days)-1].Format(time.DateOnly)
	}
	for _, p := range store.Panes {
		out.Overdue[string(p)] = s.Overdue[p]
	}
	for _, r := range s.Rows {
		o := statsRowOut{Agent: r.Agent, Pane: string(r.Pane), Answered: r.Answered, PerDay: r.PerDay}
		if r.Timed > 0 {
			sec := int64(r.FirstResponse / time.Second)
			o.MedianFirstResponseSeconds = &sec
		}
		out.Rows = append(out.Rows, o)
	}
	return out
}

// writeJSON prints v indented, with the characters a terminal would hide
// escaped (escapeInvisible); prog names the command in an error.
func writeJSON(env Env, prog string, v any) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: %s\n", prog, safe.Line(err.Error()))
		return 1
	}
	if _, err := env.Stdout.Write(escapeInvisible(append(b, '\n'))); err != nil {
		return 1
	}
	return 0
}

// printStats is the table: per agent and pane the answers, the median
// first response and a sparkline of the days; then what is overdue.
func printStats(w io.Writer, s store.Stats) {
	from, to := s.Days[0].Format(time.DateOnly), s.Days[len(s.Days)-1].Format(time.DateOnly)
	fmt.Fprintf(w, "Answers delivered %s – %s\n\n", from, to)
	if len(s.Rows) == 0 {
		fmt.Fprintln(w, "  none")
	} else {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "agent\tpane\tanswered\tmedian first response\tper day")
		for _, r := range s.Rows {
			agent := safe.Truncate(safe.Line(r.Agent), 24)
			if agent == "" {
				agent = "(this computer)"
			}
			median := "—"
			if r.Timed > 0 {
				median = ui.HumanDuration(r.FirstResponse)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", agent, r.Pane, r.Answered, median, ui.Sparkline(r.PerDay))
		}
		_ = tw.Flush()
	}
	var overdue []string
	for _, p := range store.Panes {
		overdue = append(overdue, fmt.Sprintf("%s %d", p, s.Overdue[p]))
	}
	fmt.Fprintf(w, "\nOverdue now: %s\n", strings.Join(overdue, ", "))
	if s.Failed > 0 {
		fmt.Fprintf(w, "Replies that failed for good: %d (see the outbox in the inbox)\n", s.Failed)
	}
}
