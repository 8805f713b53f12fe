package models

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The fuzz targets decode what the typed clients decode: the wire body,
// wrapper included, into the models. Each target's committed corpus
// (testdata/fuzz/<Fuzz…>/live-*) holds real sandbox answers with hostile
// buyer texts (regenerate with `go run ./models/testdata/fuzz/gen`); the
// hostile variants below are derived from those seeds on every run.

// fuzzDecode checks, for every input, that decoding into T never panics
// and that whatever decodes re-encodes to JSON that decodes again and
// re-encodes to the same bytes (so nothing a server sends can make
// `list --json` output unreadable), with every Time zero or in range.
func fuzzDecode[T any](f *testing.F) {
	for _, s := range liveSeeds(f) {
		f.Add(s)
		for _, v := range hostileVariants(s) {
			f.Add(v)
		}
	}
	for _, s := range []string{"null", "{}", "[]", `""`, "0", "true", `{"result":null,"data":null}`, "\xff\xfe", "{"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkRoundTrip[T](t, b) })
}

func checkRoundTrip[T any](t *testing.T, b []byte) {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return
	}
	checkTimes(t, reflect.ValueOf(v))
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("decoded %q but cannot encode it: %v", b, err)
	}
	var w T
	if err := json.Unmarshal(out, &w); err != nil {
		t.Fatalf("re-encoded %q does not decode: %v", out, err)
	}
	again, err := json.Marshal(w)
	if err != nil {
		t.Fatalf("second encode of %q: %v", out, err)
	}
	if !bytes.Equal(out, again) {
		t.Fatalf("round trip changed the value:\n first %s\nsecond %s", out, again)
	}
}

// checkTimes walks v and fails on a Time that is neither zero nor a
// calendar time RFC 3339 can write.
func checkTimes(t *testing.T, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkTimes(t, v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			checkTimes(t, v.Index(i))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			checkTimes(t, it.Value())
		}
	case reflect.Struct:
		if tm, ok := v.Interface().(Time); ok {
			if !validTime(tm) {
				t.Fatalf("decoded an out-of-range time %v", tm.Time)
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				checkTimes(t, v.Field(i))
			}
		}
	}
}

func validTime(tm Time) bool {
	if tm.IsZero() {
		return true
	}
	y := tm.Year()
	return y >= 0 && y <= 9999
}

// liveSeeds reads the target's committed corpus files: the fuzz engine
// uses them as they are, and the hostile variants are made from them.
func liveSeeds(tb testing.TB) [][]byte {
	name := strings.Split(tb.Name(), "/")[0]
	paths, err := filepath.Glob(filepath.Join("testdata", "fuzz", name, "live-*"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Fatalf("no seeds in testdata/fuzz/%s: run go run ./models/testdata/fuzz/gen", name)
	}
	var out [][]byte
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.SplitN(strings.TrimSpace(string(raw)), "\n", 2)
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "[]byte(") || !strings.HasSuffix(lines[1], ")") {
			tb.Fatalf("%s: not a one-value []byte corpus file", p)
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		out = append(out, []byte(s))
	}
	return out
}

// hostileVariants rewrites every leaf of a real body the way a broken or
// hostile server might: nulls, wrong types, huge and negative numbers,
// terminal escape sequences, invalid UTF-8 and odd timestamps.
func hostileVariants(seed []byte) [][]byte {
	var tree any
	d := json.NewDecoder(bytes.NewReader(seed))
	d.UseNumber()
	if d.Decode(&tree) != nil {
		return nil
	}
	leaf := []func(any) any{
		func(any) any { return nil },
		func(v any) any {
			if _, ok := v.(string); ok {
				return json.Number("123518")
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(json.Number); ok {
				return "12"
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(json.Number); ok {
				return json.Number("1e400")
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(json.Number); ok {
				return json.Number("-9223372036854775809")
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(json.Number); ok {
				return json.Number("9223372036854775807")
			}
			return v
		},
		func(v any) any {
			if s, ok := v.(string); ok {
				return "\x1b]0;pwned\x07\x1b[2J" + s + "\u202e\x9b31m"
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(string); ok {
				return "0000-00-00T00:00:00"
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(string); ok {
				return "99999999999999"
			}
			return v
		},
		func(v any) any {
			if _, ok := v.(bool); ok {
				return "true"
			}
			return v
		},
	}
	var out [][]byte
	for _, f := range leaf {
		b, err := json.Marshal(mapLeaves(tree, f))
		if err == nil {
			out = append(out, b)
		}
	}
	// Raw bytes JSON encoding cannot produce: invalid UTF-8 and lone
	// surrogates inside strings, and an object where a list should be.
	out = append(out,
		bytes.ReplaceAll(seed, []byte(`":"`), []byte("\":\"\xff\xc3\x28")),
		bytes.ReplaceAll(seed, []byte(`":"`), []byte(`":"\ud800\u0000`)),
		bytes.ReplaceAll(seed, []byte(`[`), []byte(`[{},`)),
		bytes.ReplaceAll(seed, []byte(`[`), []byte(`{"x":[`)),
	)
	return out
}

func mapLeaves(v any, f func(any) any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = mapLeaves(x, f)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = mapLeaves(x, f)
		}
		return s
	}
	return f(v)
}

// TestHostileVariants checks the variant maker itself: a rewrite that
// silently produced nothing would leave the fuzzers without their
// hostile seeds.
func TestHostileVariants(t *testing.T) {
	seed := []byte(`{"a":"x","n":1,"l":[true]}`)
	got := hostileVariants(seed)
	if len(got) != 14 {
		t.Fatalf("got %d variants, want 14", len(got))
	}
	for _, want := range []string{`{"a":null,"l":[null],"n":null}`, `{"a":"x","l":[true],"n":1e400}`, `{"a":"x","l":["true"],"n":1}`} {
		found := false
		for _, v := range got {
			found = found || string(v) == want
		}
		if !found {
			t.Errorf("no variant %s among %q", want, got)
		}
	}
}
