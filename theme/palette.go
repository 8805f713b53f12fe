// Package theme turns a semantic palette into the one Styles value the UI
// renders with. It knows nothing about panes or widgets: the UI asks for
// "selected row" or "danger", never for a colour.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Palette names colours by what they mean, so a light terminal and a dark
// one can each get a readable shade of the same intent.
type Palette struct {
	Accent      color.Color // focus, links, the active tab underline
	Text        color.Color // body text
	Muted       color.Color // secondary text: dates, ids
	Subtle      color.Color // hints, separators, placeholders
	Border      color.Color // pane dividers
	SelectionBg color.Color
	SelectionFg color.Color
	Success     color.Color
	Warning     color.Color
	Danger      color.Color
	Info        color.Color
	Badge       color.Color // badge background: items needing action
	BadgeFg     color.Color
	TabActive   color.Color
	TabInactive color.Color
	Star        color.Color // feedback ratings
	StatusBg    color.Color
	StatusFg    color.Color
	Match       color.Color // filter matches inside rows
}

// DefaultPalette picks each colour from a light/dark pair. The pairs were
// chosen for contrast against the terminal's own background, which the UI
// learns from tea.BackgroundColorMsg.
func DefaultPalette(isDark bool) Palette {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return Palette{
		Accent:      ld(c("#5B4AD1"), c("#A99CFF")),
		Text:        ld(c("#1F2328"), c("#E6E6E6")),
		Muted:       ld(c("#57606A"), c("#A0A0A8")),
		Subtle:      ld(c("#8C959F"), c("#6E6E78")),
		Border:      ld(c("#D0D7DE"), c("#44444E")),
		SelectionBg: ld(c("#DDF4FF"), c("#3B3561")),
		SelectionFg: ld(c("#0A3069"), c("#FFFFFF")),
		Success:     ld(c("#1A7F37"), c("#56D364")),
		Warning:     ld(c("#9A6700"), c("#E3B341")),
		Danger:      ld(c("#CF222E"), c("#FF7B72")),
		Info:        ld(c("#0969DA"), c("#79C0FF")),
		Badge:       ld(c("#CF222E"), c("#DA3633")),
		BadgeFg:     ld(c("#FFFFFF"), c("#FFFFFF")),
		TabActive:   ld(c("#5B4AD1"), c("#C8C0FF")),
		TabInactive: ld(c("#6E7781"), c("#8B8B96")),
		Star:        ld(c("#BF8700"), c("#F2CC60")),
		StatusBg:    ld(c("#EAEEF2"), c("#24232E")),
		StatusFg:    ld(c("#24292F"), c("#C9C9D1")),
		Match:       ld(c("#BC4C00"), c("#FFA657")),
	}
}

// Convert degrades every colour to what the profile can show. Bubble Tea
// downsamples on output too, but converting once here lets the nearest
// 256/16-colour match be chosen per colour instead of per cell.
func (p Palette) Convert(profile colorprofile.Profile) Palette {
	conv := func(c color.Color) color.Color {
		if c == nil {
			return nil
		}
		return profile.Convert(c)
	}
	return Palette{
		Accent: conv(p.Accent), Text: conv(p.Text), Muted: conv(p.Muted),
		Subtle: conv(p.Subtle), Border: conv(p.Border),
		SelectionBg: conv(p.SelectionBg), SelectionFg: conv(p.SelectionFg),
		Success: conv(p.Success), Warning: conv(p.Warning), Danger: conv(p.Danger),
		Info: conv(p.Info), Badge: conv(p.Badge), BadgeFg: conv(p.BadgeFg),
		TabActive: conv(p.TabActive), TabInactive: conv(p.TabInactive),
		Star: conv(p.Star), StatusBg: conv(p.StatusBg), StatusFg: conv(p.StatusFg),
		Match: conv(p.Match),
	}
}
