package models

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzTime: every input decodes to the zero Time, to a time RFC 3339 can
// write (years 0–9999), or to an error; and what decodes survives an
// encode/decode round trip to the second (the encoding is RFC 3339
// without fractions, as `list --json` promises).
func FuzzTime(f *testing.F) {
	for _, s := range []string{
		`"2022-02-01T11:18:08.769513469Z"`, `"2024-09-26T10:20:48+03:00"`, `"2024-03-26T17:06:12.245611"`,
		`"23-09-2022 09:12:41"`, `"23-09-2022"`, `"2024-01-02"`, `"2024-01-02 03:04:05"`, `"2024-01-02T03:04:05+0300"`,
		`1792852720127`, `1700000000`, `"1700000000"`, `null`, `""`, `"  "`, `0`, `-1`,
		`9223372036854775807`, `-9223372036854775808`, `"9223372036854775807"`, `99999999999999999999`,
		`1e10`, `true`, `{}`, `[]`, `"\u0000"`, "\"\xff\"", `"0000-01-01T00:00:00Z"`, `"9999-12-31T23:59:59+14:00"`,
		`"0001-01-01T00:00:00-01:00"`, `"2024-13-45T99:99:99Z"`, `"\u001b]0;x\u0007"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var tm Time
		if err := json.Unmarshal(b, &tm); err != nil {
			return
		}
		if !validTime(tm) {
			t.Fatalf("%q decoded to the out-of-range %v", b, tm.Time)
		}
		out, err := json.Marshal(tm)
		if err != nil {
			t.Fatalf("%q decoded to %v, which does not encode: %v", b, tm.Time, err)
		}
		var back Time
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q → %s does not decode: %v", b, out, err)
		}
		if !back.Equal(tm.Truncate(time.Second)) {
			t.Fatalf("%q → %s → %v, want %v", b, out, back.Time, tm.Truncate(time.Second))
		}
	})
}

// FuzzParseTime: the string form (what the UI's date inputs and the
// sandbox's query values go through) obeys the same range.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-09-26T10:20:48+03:00", "23-09-2022 09:12:41", "1792852720127", "-9223372036854775808", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err == nil && !validTime(tm) {
			t.Fatalf("ParseTime(%q) = %v, out of range", s, tm.Time)
		}
	})
}
