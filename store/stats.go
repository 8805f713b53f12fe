package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// Stats is the team's work over some days, from the audit: per agent and
// pane, the answers delivered and the median first response, per day; and
// what is overdue now.
type Stats struct {
	// Days are the first instants of the days covered, oldest first, in
	// the location asked for.
	Days []time.Time
	Rows []StatsRow
	// Failed counts the replies that failed for good in those days.
	Failed int
	// Overdue counts, by pane, the stored items that need action past
	// the deadline their marketplace sets.
	Overdue map[Pane]int
}

// StatsRow is one agent's work in one pane.
type StatsRow struct {
	Agent    string // "" for a local app's user
	Pane     Pane
	Answered int
	// FirstResponse is the median time from the buyer's question (the
	// item's creation) to the delivered answer; Timed is how many answers
	// it is taken over (items stored with their creation time).
	FirstResponse time.Duration
	Timed         int
	PerDay        []int // answers per day, as Stats.Days
}

// Stats reads the last days days up to now (today included), days cut at
// midnight in loc.
func (s *Store) Stats(ctx context.Context, now time.Time, days int, loc *time.Location) (Stats, error) {
	days = max(days, 1)
	y, m, d := now.In(loc).Date()
	first := time.Date(y, m, d-days+1, 0, 0, 0, 0, loc)
	st := Stats{Overdue: map[Pane]int{}}
	for i := range days {
		st.Days = append(st.Days, time.Date(y, m, d-days+1+i, 0, 0, 0, 0, loc))
	}
	recs, err := s.Audit(ctx, first, now.Add(time.Millisecond))
	if err != nil {
		return Stats{}, err
	}
	type key struct {
		agent string
		pane  Pane
	}
	rows := map[key]*StatsRow{}
	times := map[key][]time.Duration{}
	for _, r := range recs {
		if r.Outcome == reply.StateFailed {
			st.Failed++
			continue
		}
		if r.Outcome != reply.StateSent || !r.Kind.Resolves() {
			continue
		}
		k := key{r.Agent, r.Pane}
		row := rows[k]
		if row == nil {
			row = &StatsRow{Agent: r.Agent, Pane: r.Pane, PerDay: make([]int, days)}
			rows[k] = row
		}
		row.Answered++
		if i := dayIndex(st.Days, r.At.In(loc)); i >= 0 {
			row.PerDay[i]++
		}
		if !r.ItemCreated.IsZero() && r.At.After(r.ItemCreated) {
			times[k] = append(times[k], r.At.Sub(r.ItemCreated))
		}
	}
	for k, row := range rows {
		ts := times[k]
		if len(ts) > 0 {
			slices.Sort(ts)
			row.FirstResponse, row.Timed = median(ts), len(ts)
		}
		st.Rows = append(st.Rows, *row)
	}
	slices.SortFunc(st.Rows, func(a, b StatsRow) int {
		return cmp.Or(cmp.Compare(a.Agent, b.Agent), cmp.Compare(paneOrder(a.Pane), paneOrder(b.Pane)))
	})
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT kind, count(*) FROM items
			WHERE needs_action = 1 AND deadline IS NOT NULL AND deadline < ? GROUP BY kind`, ms(now))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k Kind
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return err
			}
			st.Overdue[k.Pane()] += n
		}
		return rows.Err()
	})
	if err != nil {
		return Stats{}, fmt.Errorf("store: overdue: %w", err)
	}
	return st, nil
}

// dayIndex is the index of the day t falls in, -1 outside them.
func dayIndex(days []time.Time, t time.Time) int {
	for i := len(days) - 1; i >= 0; i-- {
		if !t.Before(days[i]) {
			if i == len(days)-1 || t.Before(days[i+1]) {
				return i
			}
			return -1
		}
	}
	return -1
}

// median of sorted durations.
func median(ts []time.Duration) time.Duration {
	n := len(ts)
	if n%2 == 1 {
		return ts[n/2]
	}
	return (ts[n/2-1] + ts[n/2]) / 2
}

func paneOrder(p Pane) int {
	if i := slices.Index(Panes, p); i >= 0 {
		return i
	}
	return len(Panes)
}
