package store

import "strings"

// dialect is what differs between the two backends in the statements the
// store writes itself: JSON paths, lists passed as one JSON argument, and
// the full-text index. Everything else is SQL both speak (upserts with
// ON CONFLICT, RETURNING, string_agg), or SQLite spellings that the
// PostgreSQL schema defines as functions of its own (max of two values,
// instr, sellerinbox_fold: see pgCompat).
type dialect struct{ pg bool }

var sqliteDialect = dialect{}

// jsonText is the text at path (".a.b") of the JSON in column col, NULL
// when it is missing.
func (d dialect) jsonText(col, path string) string {
	if d.pg {
		return "(" + col + " #>> '{" + strings.ReplaceAll(strings.TrimPrefix(path, "."), ".", ",") + "}')"
	}
	return "json_extract(CAST(" + col + " AS TEXT), '$" + path + "')"
}

// jsonInt is jsonText as a number (0 when missing).
func (d dialect) jsonInt(col, path string) string {
	if d.pg {
		return "coalesce(CAST(" + d.jsonText(col, path) + " AS BIGINT), 0)"
	}
	return "coalesce(" + d.jsonText(col, path) + ", 0)"
}

// textList is a subquery of the strings of a JSON array bound to its one
// placeholder.
func (d dialect) textList() string {
	if d.pg {
		return "(SELECT json_array_elements_text(CAST(? AS json)))"
	}
	return "(SELECT value FROM json_each(?))"
}

// intList is textList for an array of integers.
func (d dialect) intList() string {
	if d.pg {
		return "(SELECT CAST(json_array_elements_text(CAST(? AS json)) AS BIGINT))"
	}
	return "(SELECT value FROM json_each(?))"
}
