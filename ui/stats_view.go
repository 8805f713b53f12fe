package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The Stats view: the team's answers per agent and pane from the store's
// audit, the median first response, a bar a day, and what is overdue
// now. In the team inbox only leads open it; in a local app it is the
// user's own.

// statsDays are the periods d cycles through.
var statsDays = []int{7, 14, 30}

type statsMsg struct {
	seq   uint64
	stats store.Stats
	err   error
}

type statsView struct {
	env    Env
	days   int // index in statsDays
	seq    Seq
	stats  *store.Stats
	err    error
	w, h   int
	scroll int
}

// openStats opens the view, or says why it does not open here.
func openStats(env Env, over *overlays) tea.Cmd {
	tr := env.Tr
	switch {
	case env.Store == nil:
		return notice(NoticeMsg{Text: tr.Get("stats.no_store")})
	case !env.canLead():
		return notice(NoticeMsg{Text: tr.Get("stats.leads_only")})
	}
	v := &statsView{env: env}
	over.push(v)
	return v.read()
}

func (v *statsView) read() tea.Cmd {
	st, ctx, days, seq := v.env.Store, v.env.Ctx, statsDays[v.days], v.seq.Next()
	now := v.env.now()
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		s, err := st.Stats(ctx, now, days, time.Local)
		return statsMsg{seq: seq, stats: s, err: err}
	}
}

// arrived takes a read; a stale one (the period changed meanwhile) is
// dropped.
func (v *statsView) arrived(msg statsMsg) {
	if !v.seq.Current(msg.seq) {
		return
	}
	v.err = msg.err
	if msg.err == nil {
		s := msg.stats
		v.stats = &s
	}
}

func (v *statsView) handle(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	km := v.env.Keys
	switch {
	case key.Matches(k, km.List.Back), key.Matches(k, km.Global.Stats):
		return nil, true
	case key.Matches(k, km.List.Down):
		v.scroll++
	case key.Matches(k, km.List.Up):
		v.scroll = max(v.scroll-1, 0)
	case key.Matches(k, km.Global.Refresh), key.Matches(k, km.List.Sort):
		if key.Matches(k, km.List.Sort) {
			v.days = (v.days + 1) % len(statsDays)
		}
		return v.read(), false
	}
	return nil, false
}

func (v *statsView) help() []key.Binding {
	km := v.env.Keys
	period := km.List.Sort
	period.SetHelp(period.Help().Key, v.env.Tr.Get("stats.period"))
	return []key.Binding{period, km.Global.Refresh, km.List.Down, km.List.Up, km.List.Back}
}

func (v *statsView) setSize(w, h int) { v.w, v.h = w, h }

func (v *statsView) view(w, h int) string {
	lines := v.lines(w)
	top := min(v.scroll, max(len(lines)-h, 0))
	lines = lines[top:]
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// lines are the whole view at width w.
func (v *statsView) lines(w int) []string {
	st, tr := v.env.Styles, v.env.Tr
	title := tr.Get("stats.title", statsDays[v.days])
	out := []string{st.DetailTitle.Render(safe.Truncate(title, w)), ""}
	switch {
	case v.err != nil:
		return append(out, st.ErrorBox.Render(safe.Truncate(ErrorText(v.err, tr), w)))
	case v.stats == nil:
		return append(out, st.Muted.Render(tr.Get("pane.loading")))
	}
	s := v.stats
	if len(s.Rows) == 0 {
		out = append(out, st.Muted.Render(tr.Get("stats.none")))
	} else {
		agentW := safe.Width(tr.Get("stats.agent"))
		for _, r := range s.Rows {
			agentW = max(agentW, safe.Width(v.agentName(r.Agent)))
		}
		agentW = min(agentW, 20)
		head := safe.Pad(tr.Get("stats.agent"), agentW) + "  " + safe.Pad(tr.Get("stats.pane"), 10) + "  " +
			safe.PadLeft(tr.Get("stats.answered"), 8) + "  " + safe.PadLeft(tr.Get("stats.median"), 10) + "  " + tr.Get("stats.per_day")
		// cut, not sanitized again: the columns' padding must stay
		out = append(out, st.DetailLabel.Render(ansi.Truncate(head, w, safe.Ellipsis)))
		for _, r := range s.Rows {
			median := "—"
			if r.Timed > 0 {
				median = HumanDuration(r.FirstResponse)
			}
			line := safe.Pad(safe.Truncate(v.agentName(r.Agent), agentW), agentW) + "  " +
				safe.Pad(tr.Get(TitleID(r.Pane)), 10) + "  " + safe.PadLeft(fmt.Sprint(r.Answered), 8) + "  " +
				safe.PadLeft(median, 10) + "  " + Sparkline(r.PerDay)
			out = append(out, ansi.Truncate(line, w, safe.Ellipsis))
		}
	}
	var overdue []string
	for _, p := range store.Panes {
		overdue = append(overdue, fmt.Sprintf("%s %d", tr.Get(TitleID(p)), s.Overdue[p]))
	}
	out = append(out, "", safe.Truncate(tr.Get("stats.overdue", strings.Join(overdue, " · ")), w))
	if s.Failed > 0 {
		out = append(out, st.StatusWarn.Render(safe.Truncate(tr.Get("stats.failed", s.Failed), w)))
	}
	return out
}

func (v *statsView) agentName(a string) string {
	if a == "" {
		return v.env.Tr.Get("stats.local")
	}
	return safe.Line(a)
}

// Sparkline draws counts as bars, one cell a day; a day without answers
// is a dot, so that zero is not read as a small number.
func Sparkline(counts []int) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	var b strings.Builder
	for _, n := range counts {
		if n == 0 {
			b.WriteRune('·')
			continue
		}
		b.WriteRune(bars[(n*len(bars)-1)/top])
	}
	return b.String()
}

// HumanDuration is "45m", "3h 05m" or "2d 4h".
func HumanDuration(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Round(time.Minute)/time.Minute))
	case d < 24*time.Hour:
		m := int(d.Round(time.Minute) / time.Minute)
		return fmt.Sprintf("%dh %02dm", m/60, m%60)
	}
	h := int(d.Round(time.Hour) / time.Hour)
	return fmt.Sprintf("%dd %dh", h/24, h%24)
}
