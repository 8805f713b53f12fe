package store

// Gain is a pane that has more items awaiting the seller than before.
type Gain struct {
	Pane  Pane
	Added int
}

// PendingByPane turns Counts into the per-pane numbers the badges and
// Gained use: what awaits the seller.
func PendingByPane(counts map[Kind]Count) map[Pane]int {
	out := make(map[Pane]int, len(counts))
	for k, c := range counts {
		out[k.Pane()] = c.NeedsAction
	}
	return out
}

// Gained compares two readings of the per-pane counts and reports, in tab
// order, the panes that gained items: the UI rings the bell (or sends OSC
// 9/777) for them when the config enables it. A pane missing from prev has
// no baseline yet (the first reading after start) and rings nothing, so
// starting the app never announces the whole backlog; a shrinking count
// (items answered) rings nothing either.
func Gained(prev, next map[Pane]int) []Gain {
	var out []Gain
	for _, p := range Panes {
		before, ok := prev[p]
		if !ok {
			continue
		}
		if after := next[p]; after > before {
			out = append(out, Gain{Pane: p, Added: after - before})
		}
	}
	return out
}
