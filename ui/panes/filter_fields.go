package panes

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// digitsOnly validates an optional numeric ID field.
func digitsOnly(msg string) func(string) error {
	return func(s string) error {
		if s == "" {
			return nil
		}
		if _, err := parseID(s); err != nil {
			return errors.New(msg)
		}
		return nil
	}
}

// parseID reads a positive decimal ID; "" is 0 (no filter).
func parseID(s string) (int64, error) {
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

// dayLayout is how dates are typed into filters, as Russian users
// write them.
const dayLayout = "02.01.2006"

// parseDay reads DD.MM.YYYY as a Moscow calendar day, spaces around it
// ignored; "" is the zero time (no bound).
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(dayLayout, s, models.Moscow)
}

// padLeft right-aligns s in width cells; longer text is kept whole, as
// amounts must never be cut.
func padLeft(s string, width int) string {
	if w := safe.Width(s); w < width {
		return strings.Repeat(" ", width-w) + s
	}
	return s
}

// moscowDay is a calendar day in Moscow time, "" for none.
func moscowDay(t models.Time) string { return formatDay(t.Time) }

// moneyShort is money without zero kopecks, for list columns: "4 180 ₽".
func moneyShort(v float64, currency string, tr i18n.T) string {
	s := money(v, currency, tr)
	for _, zero := range []string{",00", ".00"} {
		if i := strings.Index(s, zero); i >= 0 {
			return s[:i] + s[i+len(zero):]
		}
	}
	return s
}
