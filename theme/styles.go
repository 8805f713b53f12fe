package theme

import (
	"image/color"
	"os"
	"sync/atomic"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Styles is everything the UI draws with. Widgets take it by value; a
// theme change (background colour report, NO_COLOR) rebuilds it whole.
type Styles struct {
	// Gen is a number of each built Styles' own (0 for one not built by
	// NewWith): what is rendered with one can be kept and reused while
	// the same Styles is in use.
	Gen     uint64
	Dark    bool
	NoColor bool    // attributes only: bold, underline, reverse
	Palette Palette // after profile conversion; nil colours under NoColor

	Text   lipgloss.Style
	Muted  lipgloss.Style
	Subtle lipgloss.Style
	Accent lipgloss.Style
	Bold   lipgloss.Style

	Success lipgloss.Style
	Warning lipgloss.Style
	Danger  lipgloss.Style
	Info    lipgloss.Style

	// Tab bar.
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	TabBadge    lipgloss.Style
	TabGap      lipgloss.Style

	// Status bar: one line at the bottom.
	StatusBar   lipgloss.Style
	StatusLabel lipgloss.Style
	StatusError lipgloss.Style
	StatusWarn  lipgloss.Style
	StatusOK    lipgloss.Style

	// Lists.
	Row         lipgloss.Style
	RowSelected lipgloss.Style
	RowUnread   lipgloss.Style // items needing action
	Match       lipgloss.Style // filter hits inside a row
	Badge       lipgloss.Style

	// Split pane / detail.
	Divider      lipgloss.Style
	DetailTitle  lipgloss.Style
	DetailLabel  lipgloss.Style
	DetailValue  lipgloss.Style
	ErrorBox     lipgloss.Style
	FilterPrompt lipgloss.Style
	FilterText   lipgloss.Style
	Spinner      lipgloss.Style

	Star      lipgloss.Style
	StarEmpty lipgloss.Style

	// Help footer (bubbles/help styles are built from these in ui).
	HelpKey  lipgloss.Style
	HelpDesc lipgloss.Style
	HelpSep  lipgloss.Style
}

// Options select the variant. The zero value is a dark true-colour theme.
type Options struct {
	Dark bool
	// Profile is the terminal's colour profile (tea.ColorProfileMsg);
	// Unknown means true colour, left to Bubble Tea to downsample.
	Profile colorprofile.Profile
	// NoColor drops every colour and keeps attributes, as no-color.org asks.
	NoColor bool
}

// New is the theme for a dark or light terminal background. It honours
// NO_COLOR from the environment.
func New(isDark bool) Styles {
	return NewWith(Options{Dark: isDark, NoColor: NoColorEnv(os.Getenv)})
}

// NoColorEnv reports whether NO_COLOR asks for no colour: set and non-empty.
func NoColorEnv(getenv func(string) string) bool { return getenv("NO_COLOR") != "" }

// stylesGen numbers the Styles NewWith builds (Styles.Gen).
var stylesGen atomic.Uint64

// NewWith builds Styles for explicit options.
func NewWith(o Options) Styles {
	p := DefaultPalette(o.Dark)
	noColor := o.NoColor || (o.Profile != colorprofile.Unknown && o.Profile <= colorprofile.Ascii)
	switch {
	case noColor:
		p = Palette{}
	case o.Profile != colorprofile.Unknown:
		p = p.Convert(o.Profile)
	}
	s := Styles{Gen: stylesGen.Add(1), Dark: o.Dark, NoColor: noColor, Palette: p}
	base := lipgloss.NewStyle()
	// colour helpers that are no-ops under NoColor, so each style below
	// states its attributes once and works in both modes.
	f := func(st lipgloss.Style, c color.Color) lipgloss.Style {
		if c == nil {
			return st
		}
		return st.Foreground(c)
	}
	b := func(st lipgloss.Style, c color.Color) lipgloss.Style {
		if c == nil {
			return st
		}
		return st.Background(c)
	}

	s.Text = f(base, p.Text)
	s.Muted = f(base, p.Muted)
	s.Subtle = f(base, p.Subtle)
	s.Accent = f(base, p.Accent)
	s.Bold = base.Bold(true)
	s.Success = f(base, p.Success)
	s.Warning = f(base, p.Warning)
	s.Danger = f(base, p.Danger).Bold(noColor)
	s.Info = f(base, p.Info)

	s.TabActive = f(base.Bold(true).Underline(true), p.TabActive).Padding(0, 1)
	s.TabInactive = f(base, p.TabInactive).Padding(0, 1)
	s.TabBadge = b(f(base.Bold(true), p.BadgeFg), p.Badge)
	s.TabGap = f(base, p.Border)

	s.StatusBar = b(f(base, p.StatusFg), p.StatusBg)
	s.StatusLabel = b(f(base.Bold(true), p.Accent), p.StatusBg)
	s.StatusError = b(f(base.Bold(true), p.Danger), p.StatusBg)
	s.StatusWarn = b(f(base, p.Warning), p.StatusBg)
	s.StatusOK = b(f(base, p.Success), p.StatusBg)

	s.Row = f(base, p.Text)
	if noColor {
		// Without colour the selection must still be unmistakable.
		s.RowSelected = base.Reverse(true)
	} else {
		s.RowSelected = b(f(base.Bold(true), p.SelectionFg), p.SelectionBg)
	}
	s.RowUnread = f(base.Bold(true), p.Text)
	s.Match = f(base.Underline(true), p.Match)
	s.Badge = b(f(base.Bold(true), p.BadgeFg), p.Badge)

	s.Divider = f(base, p.Border)
	s.DetailTitle = f(base.Bold(true), p.Accent)
	s.DetailLabel = f(base, p.Muted)
	s.DetailValue = f(base, p.Text)
	s.ErrorBox = f(base.Bold(true), p.Danger)
	s.FilterPrompt = f(base.Bold(true), p.Accent)
	s.FilterText = f(base, p.Text)
	s.Spinner = f(base, p.Accent)

	s.Star = f(base, p.Star)
	s.StarEmpty = f(base, p.Subtle)

	s.HelpKey = f(base.Bold(noColor), p.Muted)
	s.HelpDesc = f(base, p.Subtle)
	s.HelpSep = f(base, p.Border)
	return s
}
