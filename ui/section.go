package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Section is a saved view of one pane from the config's [[sections]],
// gh-dash style: a named filter ("5★ без текста, 7 days") shown as a
// sub-tab with its count under the tab bar. A section that names a
// template is answered whole by the bulk key through the same preview as
// marked items; Auto sends it on each sync, through the undo window, at
// most DailyCap answers a day.
type Section struct {
	Name string
	Pane PaneID
	// Filter selects the section's items (Status included: a section of
	// answered items is a view, never answered in bulk); Text is matched
	// as the / text is; Days, when > 0, keeps the items of the last Days
	// days, counted from the moment of each read.
	Filter   store.Filter
	Text     string
	Days     int
	Template string
	Auto     bool
	DailyCap int
}

// query is the section's store query at now over items of kind.
func (c Section) query(kind store.Kind, now time.Time) store.PaneQuery {
	q := store.PaneQuery{Kind: kind, Filter: c.Filter, Text: c.Text}
	if c.Days > 0 {
		q.Filter.From = now.AddDate(0, 0, -c.Days)
	}
	return q
}

// autoBatch is the batch prefix of the section's automatic answers: the
// outbox's entries with it count against the daily cap.
func (c Section) autoBatch() string { return "auto:" + string(c.Pane) + ":" + c.Name + ":" }

// SentToday counts the section's automatic answers queued since the
// start of now's day (the outbox keeps sent entries a day, so the count
// survives a restart).
func (c Section) SentToday(ob *reply.Outbox, now time.Time) int {
	if ob == nil {
		return 0
	}
	y, m, d := now.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	n := 0
	for _, e := range ob.List() {
		if strings.HasPrefix(e.Batch, c.autoBatch()) && !e.Created.Before(day) {
			n++
		}
	}
	return n
}

// AutoSections are the sections that answer on each sync, for the
// status bar.
func AutoSections(all []Section) []Section {
	var out []Section
	for _, c := range all {
		if c.Auto && c.Template != "" {
			out = append(out, c)
		}
	}
	return out
}

// autoNote is the status bar's word that sections answer by themselves:
// the section with today's count against its cap, or how many do; ""
// when none does.
func (b *statusLine) autoNote() string {
	auto := AutoSections(b.env.Sections)
	tr := b.env.Tr
	switch len(auto) {
	case 0:
		return ""
	case 1:
		c := auto[0]
		dailyCap := c.DailyCap
		if dailyCap <= 0 {
			dailyCap = defaultDailyCap
		}
		var ob *reply.Outbox
		if b.env.Replies != nil {
			ob = b.env.Replies.Outbox
		}
		return tr.Get("status.auto", "«"+safe.Line(c.Name)+"» "+strconv.Itoa(c.SentToday(ob, b.env.now()))+"/"+strconv.Itoa(dailyCap))
	}
	return tr.Get("status.auto", tr.Get("status.auto.many", len(auto)))
}
