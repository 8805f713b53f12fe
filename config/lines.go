package config

import (
	"fmt"
	"strings"
)

// lineIndex maps TOML key paths to the line that defines them. The toml
// package reports lines only for syntax errors, so semantic problems are
// located here. Paths look like Problem.Key ("profile[1].name"); the first
// occurrence is also recorded without indices ("profile.name") for keys from
// MetaData.Undecoded, which carry none.
type lineIndex map[string]int

func indexLines(src string) lineIndex {
	idx := lineIndex{}
	record := func(path string, line int) {
		if _, ok := idx[path]; !ok {
			idx[path] = line
		}
	}
	counts := map[string]int{}
	table, plain := "", ""
	for n, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[["):
			name := normKey(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(beforeComment(line), "[[")), "]]"))
			table = fmt.Sprintf("%s[%d]", name, counts[name])
			plain = name
			counts[name]++
			record(table, n+1)
			record(plain, n+1)
		case strings.HasPrefix(line, "["):
			name := normKey(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(beforeComment(line), "[")), "]"))
			table, plain = indexed(name, counts), name
			record(table, n+1)
			record(plain, n+1)
		default:
			k, _, ok := strings.Cut(line, "=")
			if !ok {
				continue // inside a multi-line value
			}
			k = normKey(k)
			record(joinPath(table, k), n+1)
			record(joinPath(plain, k), n+1)
		}
	}
	return idx
}

// indexed turns "profile.wb_check" into "profile[N].wb_check" when it is a
// sub-table of the latest [[profile]].
func indexed(name string, counts map[string]int) string {
	for arr, c := range counts {
		if strings.HasPrefix(name, arr+".") {
			return fmt.Sprintf("%s[%d]%s", arr, c-1, strings.TrimPrefix(name, arr))
		}
	}
	return name
}

func joinPath(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// normKey strips quotes and spaces around dotted key parts.
func normKey(k string) string {
	parts := strings.Split(strings.TrimSpace(k), ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

func beforeComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// line finds path or, failing that, its nearest defined parent (a value in
// an inline table or array is reported at its key's line).
func (idx lineIndex) line(path string) int {
	for path != "" {
		if n, ok := idx[path]; ok {
			return n
		}
		cut := max(strings.LastIndexByte(path, '.'), strings.LastIndexByte(path, '['))
		if cut <= 0 {
			break
		}
		path = path[:cut]
	}
	return 0
}
