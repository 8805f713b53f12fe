package panes

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// rcFrame is what the returns and claims panes add around their Split:
// the `f` filter form while it is open, and a one-line summary of the
// filters in force, so a narrowed list never passes for the whole inbox.
type rcFrame struct {
	form    *ui.Form
	summary string // "" while the filters are the defaults
	w, h    int
}

// bodyHeight is what is left for the Split under the summary line.
func (f *rcFrame) bodyHeight() int {
	if f.summary != "" {
		return max(f.h-1, 0)
	}
	return f.h
}

// mode is edit while the form is open: q and digits are typed into it
// instead of quitting or switching tabs.
func (f *rcFrame) mode(split ui.Mode) ui.Mode {
	if f.form != nil {
		return ui.ModeEdit
	}
	return split
}

// formKey feeds a key or paste to the open form. applied reports enter
// with valid fields; the form is closed on apply and on esc.
func (f *rcFrame) formKey(msg tea.Msg) (applied bool, cmd tea.Cmd) {
	res, cmd := f.form.Update(msg)
	switch res {
	case ui.FormApplied:
		return true, cmd
	case ui.FormCanceled:
		f.form = nil
	}
	return false, cmd
}

// view draws the form centred over the pane, or the summary line above
// the Split's own view.
func (f *rcFrame) view(st theme.Styles, body func() string) string {
	if f.w <= 0 || f.h <= 0 {
		return ""
	}
	if f.form != nil {
		return lipgloss.Place(f.w, f.h, lipgloss.Center, lipgloss.Center, f.form.View(f.w))
	}
	if f.summary == "" {
		return body()
	}
	return st.Muted.Render(safe.Pad(f.summary, f.w)) + "\n" + body()
}

// rcDigits validates an optional numeric ID field.
func rcDigits(msg string) func(string) error {
	return func(s string) error {
		if s == "" {
			return nil
		}
		if _, err := rcParseID(s); err != nil {
			return errors.New(msg)
		}
		return nil
	}
}

// rcParseID reads a positive decimal ID; "" is 0 (no filter).
func rcParseID(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err == nil && n <= 0 {
		err = strconv.ErrRange
	}
	return n, err
}

// rcDateLayout is how dates are typed into filters, as Russian users
// write them.
const rcDateLayout = "02.01.2006"

// rcParseDate reads DD.MM.YYYY as a Moscow calendar day; "" is the zero
// time (no bound).
func rcParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(rcDateLayout, s, models.Moscow)
}

// rcPadLeft right-aligns s in width cells; longer text is kept whole, as
// amounts must never be cut.
func rcPadLeft(s string, width int) string {
	if w := safe.Width(s); w < width {
		return strings.Repeat(" ", width-w) + s
	}
	return s
}

// rcDate is a calendar day in Moscow time, "" for none.
func moscowDay(t models.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Moscow).Format(rcDateLayout)
}

// rcMoneyShort is money without zero kopecks, for list columns: "4 180 ₽".
func rcMoneyShort(v float64, currency string, tr i18n.T) string {
	s := money(v, currency, tr)
	for _, zero := range []string{",00", ".00"} {
		if i := strings.Index(s, zero); i >= 0 {
			return s[:i] + s[i+len(zero):]
		}
	}
	return s
}
