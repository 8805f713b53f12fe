package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Notify says how new work draws attention; everything is off by default.
type Notify struct {
	Bell bool
	// Desktop is the escape for a desktop notification: DesktopOSC9
	// (iTerm2, WezTerm, Windows Terminal, Ghostty), DesktopOSC777 (foot,
	// urxvt, Ghostty, VTE with its patch) or "" for none. Under tmux the
	// escape reaches the outer terminal only with allow-passthrough on.
	Desktop string
	// Panes that notify; a pane missing here never rings.
	Panes map[PaneID]bool
}

// Desktop notification escapes.
const (
	DesktopOSC9   = "osc9"
	DesktopOSC777 = "osc777"
)

// notify rings and/or notifies for the panes that gained work.
func (l *liveSync) notify(gains []store.Gain) tea.Cmd {
	n := l.Notify
	var parts []string
	for _, g := range gains {
		if n.Panes[g.Pane] {
			parts = append(parts, l.env.Tr.Get("notify.gain", g.Added, l.env.Tr.Get(TitleID(g.Pane))))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	var seq strings.Builder
	if n.Bell {
		seq.WriteByte('\a')
	}
	text := strings.Join(parts, ", ")
	switch n.Desktop {
	case DesktopOSC9:
		seq.WriteString(osc9(text))
	case DesktopOSC777:
		seq.WriteString(osc777(l.env.Tr.Get("app.name"), text))
	}
	l.bar.notice = NoticeMsg{Text: text}
	if seq.Len() == 0 {
		return nil
	}
	return tea.Raw(seq.String())
}

// oscText keeps a notification's text inside its escape: no controls (an
// ESC or BEL would end it early) and, for OSC 777, no ';' that would
// split its fields.
func oscText(s string) string {
	return strings.ReplaceAll(safe.Line(s), ";", ",")
}

func osc9(text string) string { return "\x1b]9;" + oscText(text) + "\a" }

func osc777(title, body string) string {
	return "\x1b]777;notify;" + oscText(title) + ";" + oscText(body) + "\a"
}
