package serve

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// benchSessions is how many agents the benchmark keeps connected.
const benchSessions = 20

// BenchmarkServeSessions: with 20 agents connected over SSH (each a
// program of its own over the team's one store, syncer and outbox), the
// server-side Update and View of one keypress in one more session, and
// the heap each connected session costs (MB/session).
func BenchmarkServeSessions(b *testing.B) {
	h := newHarnessWith(b, func(o *Options) { o.MaxSessions = benchSessions + 5 }, true)
	agents := []string{"anna", "ivan", "oleg"} // English, as tabsShown reads
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	for i := range benchSessions {
		tm := h.open(agents[i%len(agents)], 120, 40)
		tm.waitFrame(fmt.Sprintf("session %d's tabs", i), tabsShown)
	}
	perSession := float64(heap()-before) / benchSessions

	// One more agent's inbox over the same team, as newConn builds it,
	// driven here so that its Update and View alone are timed.
	uienv := ui.NewEnv(context.Background(), i18n.EN)
	uienv.Styles = theme.NewWith(theme.Options{Dark: true})
	uienv.Role = "agent"
	in, err := h.srv.team.NewInbox(uienv, "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer in.Stop()
	m := in.Model
	settle(m, m.Init())
	settle(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
	settle(m, func() tea.Msg { return tea.KeyPressMsg{Code: '2', Text: "2"} })
	down, up := tea.KeyPressMsg{Code: 'j', Text: "j"}, tea.KeyPressMsg{Code: 'k', Text: "k"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := down
		if i%20 >= 10 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
	b.StopTimer()
	b.ReportMetric(perSession/1e6, "MB/session")
}

// settle delivers cmd's messages to m, and theirs, as a program would;
// commands that wait (ticks) are left behind.
func settle(m tea.Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(2 * time.Second):
			continue
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			return
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}
