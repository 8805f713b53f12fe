package serve

import (
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
)

// screen runs a session's app and keeps its last frame: what the agent
// sees, readable from outside the program's goroutine (tests, and a
// lead's view of the team later) without a terminal emulator.
type screen struct {
	m    tea.Model
	last atomic.Pointer[string]
}

func (s *screen) Init() tea.Cmd { return s.m.Init() }

func (s *screen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	return s, cmd
}

func (s *screen) View() tea.View {
	v := s.m.View()
	s.last.Store(&v.Content)
	return v
}

// frame is the last frame drawn, with its styles.
func (s *screen) frame() string {
	if p := s.last.Load(); p != nil {
		return *p
	}
	return ""
}
