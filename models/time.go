package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Moscow is the zone the marketplaces mean when a timestamp has none
// (WB claims, YM order dates).
var Moscow = time.FixedZone("MSK", 3*60*60)

// Time decodes every timestamp shape the two APIs send and encodes RFC 3339.
// The zero Time encodes as null. A value that is not a timestamp at all
// decodes as an unknown Time (zero, IsUnknown) rather than failing: one bad
// field must not cost the whole page it came in.
type Time struct {
	time.Time
	unknown bool
}

// UnknownTime is the Time of a field whose value could not be read.
func UnknownTime() Time { return Time{unknown: true} }

// IsUnknown reports a field that was sent but could not be read; it is
// also IsZero.
func (t Time) IsUnknown() bool { return t.unknown }

// timeLog receives one record per unreadable timestamp; discarded until
// LogUnreadableTimes is called (the TUI must not write to stderr).
var timeLog atomic.Pointer[slog.Logger]

// LogUnreadableTimes sends the notes about unreadable timestamps to l.
func LogUnreadableTimes(l *slog.Logger) { timeLog.Store(l) }

// unreadable logs a value that is not a timestamp and returns the unknown
// Time. Only a short quoted prefix of the value is logged: it is server
// text, and a log line is no place for whatever else it might carry.
func unreadable(raw []byte) Time {
	if l := timeLog.Load(); l != nil {
		v := string(raw)
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		l.Warn("models: unreadable timestamp kept as unknown", "value", strconv.Quote(v))
	}
	return UnknownTime()
}

var timeLayouts = []string{
	time.RFC3339Nano,                // 2022-02-01T11:18:08.769513469Z, 2024-09-26T10:20:48+03:00
	"2006-01-02T15:04:05.999999999", // WB claims: no zone
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999",
	"02-01-2006 15:04:05", // YM orders: DD-MM-YYYY HH:MM:SS
	"02-01-2006",          // YM dates
	"2006-01-02",
}

// ParseTime parses any supported layout; zone-less values are Moscow time.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}, nil
	}
	for _, l := range timeLayouts {
		loc := Moscow
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return Time{Time: t}, nil
		}
	}
	// Unix seconds or milliseconds as a string.
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return unixGuess(n)
	}
	return Time{}, fmt.Errorf("models: unrecognised time %q", s)
}

// Unix times past these bounds (years 0 and 9999) would overflow or make
// a time that RFC 3339, and so our own JSON, cannot write back.
const (
	minUnixSeconds = -62167219200
	maxUnixMillis  = 253402300799999
)

func unixGuess(n int64) (Time, error) {
	if n < minUnixSeconds || n > maxUnixMillis {
		return Time{}, fmt.Errorf("models: time %d is out of range", n)
	}
	if n > 1e11 { // milliseconds
		return Time{Time: time.UnixMilli(n).UTC()}, nil
	}
	return Time{Time: time.Unix(n, 0).UTC()}, nil
}

// UnmarshalJSON accepts strings in any supported layout, numbers (Unix
// seconds or milliseconds) and null. Any other value (a string in no known
// layout, a number out of range, true, an object) is kept as an unknown
// Time and logged.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		*t = Time{}
		return nil
	}
	if b[0] != '"' {
		n, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			*t = unreadable(b)
			return nil
		}
		p, err := unixGuess(n)
		if err != nil {
			*t = unreadable(b)
			return nil
		}
		*t = p
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p, err := ParseTime(s)
	if err != nil {
		*t = unreadable([]byte(s))
		return nil
	}
	*t = p
	return nil
}

// MarshalJSON writes RFC 3339 (what `sellerinbox list --json` promises).
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.Format(time.RFC3339) + `"`), nil
}

// UnixMillis is a timestamp sent as milliseconds since the epoch (WB chat).
type UnixMillis int64

// Time converts to time.Time.
func (u UnixMillis) Time() time.Time { return time.UnixMilli(int64(u)) }
