package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// On PostgreSQL the search index is a tsvector of both the Russian
// configuration's stems and the words as written (the simple
// configuration's lexemes: pg_schema.go). A term matches the words it
// starts, as in SQLite's index ('term':* of the simple configuration,
// which takes the term as typed), and besides the words of its own stem
// ('term' of the Russian one): "заказы" finds "заказ", "помятая"
// "помята". The stem is matched whole, not as a prefix: "оптом" as a
// prefix of stems would be опт:*, every оптовый and оптимальный. Every
// term must match (&&), the terms queryTerms gives SQLite's index.

// searchVersionQuery reads search_version, the first statement of a text's
// read. On PostgreSQL it also has the rest of the read transaction planned
// for its own arguments (plan_cache_mode): a statement prepared once and
// run again is soon given a generic plan, which cannot tell a rare word
// from a common one and walks every document's tsvector (0.5 s over 100k
// items, where the index answers in 30 ms), and cannot tell a set of ten
// rowids from one of 50,000.
func (d dialect) searchVersionQuery() string {
	if d.pg {
		return `SELECT n FROM search_version, (SELECT set_config('plan_cache_mode', 'force_custom_plan', true)) AS c`
	}
	return `SELECT n FROM search_version`
}

// pgCustomPlans is searchVersionQuery's setting alone, for a read of the
// index that needs no version (the Inbox's).
func pgCustomPlans(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT set_config('plan_cache_mode', 'force_custom_plan', true)`)
	return err
}

// pgCustomPlan, as a statement's first argument, has pgx send it unnamed,
// planned for its arguments each time (see searchVersionQuery), where no
// transaction holds the setting.
const pgCustomPlan = pgx.QueryExecModeCacheDescribe

// textMatch is a condition on the search table's documents and its
// arguments.
type textMatch struct {
	cond string
	args []any
}

// matchTerms selects the documents that match every term: as word starts
// (prefix) or as whole words.
func (d dialect) matchTerms(terms []string, prefix bool) textMatch {
	if !d.pg {
		suffix := ""
		if prefix {
			suffix = "*"
		}
		return textMatch{`search MATCH ?`, []any{quoteTerms(terms, suffix)}}
	}
	q, args := pgTSQuery(terms, prefix)
	return textMatch{`tsv @@ ` + q, args}
}

// pgTSQuery is a tsquery expression every term must match, and its
// arguments: each term's words (the words it starts, for a prefix) or its
// stem's. A stop word of the Russian configuration ("не", "по") has no
// stem to match (to_tsquery gives an empty query, which || leaves out),
// so "по" still finds "почта" as a word start.
func pgTSQuery(terms []string, prefix bool) (string, []any) {
	parts := make([]string, 0, len(terms))
	args := make([]any, 0, 2*len(terms))
	for _, t := range terms {
		parts = append(parts, `(to_tsquery('simple', ?) || to_tsquery('russian', ?))`)
		args = append(args, pgLexeme(t, prefix), pgLexeme(t, false))
	}
	if len(parts) == 0 {
		// Nothing to match, which matches nothing.
		return `CAST('' AS tsquery)`, nil
	}
	return `(` + strings.Join(parts, ` && `) + `)`, args
}

// pgLexeme is term quoted as one operand of to_tsquery (a quote or a
// backslash inside it is escaped, so no input reads as the query's
// syntax), ":*" after it for a prefix.
func pgLexeme(term string, prefix bool) string {
	q := `'` + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(term) + `'`
	if prefix {
		q += ":*"
	}
	return q
}

// inSet tests col against the rowids ids (ascending): on SQLite through
// the function that looks them up in the set registered under handle
// (matchedFunc), on PostgreSQL as an array.
func (d dialect) inSet(col string, handle int64, ids []int64) (string, []any) {
	if d.pg {
		return col + ` = ANY(CAST(? AS BIGINT[]))`, []any{pgIDs(ids)}
	}
	return matchedFunc + `(?, ` + col + `)`, []any{handle}
}

// fromSet is a FROM clause that starts from the rowids of ids and joins
// items on them, and its arguments.
func (d dialect) fromSet(ids []int64) (string, []any) {
	if d.pg {
		return `unnest(CAST(? AS BIGINT[])) AS j(r) JOIN items ON items.rowid = j.r`, []any{pgIDs(ids)}
	}
	return `(SELECT value AS r FROM json_each(?)) AS j CROSS JOIN items ON items.rowid = j.r`, []any{rowidsJSON(ids)}
}

// wholeTest is 1 when col is one of the whole-word matches, else 0. It
// is part of a sort value, which comes before the FROM clause's arguments:
// on SQLite it looks the set up by its handle, with no argument; on
// PostgreSQL it reads the rowids from a row the FROM clause joins (join,
// with its argument), so that the statement's text, prepared once, stays
// the same whatever the set.
func (d dialect) wholeTest(col string, handle int64, whole []int64) (test, join string, joinArgs []any) {
	if !d.pg {
		return wholeFunc + `(` + strconv.FormatInt(handle, 10) + `, ` + col + `)`, "", nil
	}
	return `(CASE WHEN ` + col + ` = ANY(whole.ids) THEN 1 ELSE 0 END)`,
		` CROSS JOIN (SELECT CAST(? AS BIGINT[]) AS ids) AS whole`, []any{pgIDs(whole)}
}

// pgIDs is never nil: pgx sends a nil slice as NULL, and ANY(NULL) is
// NULL where an empty set should be false.
func pgIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// headlineOptions are ts_headline's options for Hit.Snippet: the marks
// around matches and about as many words as SQLite's snippet shows.
var headlineOptions = `StartSel="` + MarkStart + `", StopSel="` + MarkEnd + `", MaxWords=12, MinWords=6`

// pgHeadline is ts_headline of the text doc for the tsquery q (SQL
// expressions both) and its arguments. The Russian configuration marks
// the words by their stems; where it marks none (a stop word, "после" of
// "по", or a start typed past the stem, "сломанн"), the simple one marks
// the words as written.
func pgHeadline(doc, q string) (string, []any) {
	return `(SELECT CASE WHEN strpos(r.h, CAST(? AS TEXT)) > 0 THEN r.h
			ELSE ts_headline('simple', ` + doc + `, ` + q + `, CAST(? AS TEXT)) END
		FROM (SELECT ts_headline('russian', ` + doc + `, ` + q + `, CAST(? AS TEXT)) AS h) AS r)`,
		[]any{MarkStart, headlineOptions, headlineOptions}
}

// pgSearchQuery is Store.Search's statement on PostgreSQL: the best
// documents by ts_rank_cd (negated: lower is better, as bm25), then their
// headlines, worked out for those rows only. Its arguments are
// pgHeadline's, the query's, then the limit. Not ts_rank: it takes a
// term's word start and its stem for one lexeme when they are spelt alike
// ('зел':* | 'зел') and ranks every document 0.
func pgSearchQuery(tsq string) string {
	headline, _ := pgHeadline(`s.body`, `h.q`)
	return `SELECT s.kind, s.item_id, s.at, s.body, ` + headline + `, h.rank
		FROM (SELECT search.rowid, x.q, -ts_rank_cd(search.tsv, x.q) AS rank
			FROM search, (SELECT ` + tsq + ` AS q) AS x
			WHERE search.tsv @@ x.q ORDER BY rank, search.rowid LIMIT ?) AS h
		JOIN search AS s ON s.rowid = h.rowid
		ORDER BY h.rank, h.rowid`
}

// pgPassages are the passages of texts where PostgreSQL matches terms,
// from ts_headline, one statement for them all; "" where a text does not
// match. Texts are folded first (ё shows as е): the Russian stemmer takes
// ё for a letter of its own.
func pgPassages(ctx context.Context, tx *sql.Tx, texts []string, terms []string) ([]string, error) {
	out := make([]string, len(texts))
	if len(texts) == 0 {
		return out, nil
	}
	bodies := make([]string, len(texts))
	for i, t := range texts {
		bodies[i] = foldText(t)
	}
	tsq, args := pgTSQuery(terms, true)
	headline, hargs := pgHeadline(`t.b`, `x.q`)
	rows, err := tx.QueryContext(ctx, `SELECT t.i, `+headline+`
		FROM unnest(CAST(? AS TEXT[])) WITH ORDINALITY AS t(b, i), (SELECT `+tsq+` AS q) AS x`,
		append(append(hargs, bodies), args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var headline string
		if err := rows.Scan(&i, &headline); err != nil {
			return nil, err
		}
		if i >= 1 && i <= len(out) && strings.Contains(headline, MarkStart) {
			out[i-1] = pgSnippet(bodies[i-1], headline)
		}
	}
	return out, rows.Err()
}

// pgSnippet marks a headline cut from a longer body with an ellipsis at
// the cut, as SQLite's snippet does.
func pgSnippet(body, headline string) string {
	plain := strings.NewReplacer(MarkStart, "", MarkEnd, "").Replace(headline)
	if plain == "" {
		return headline
	}
	if !strings.HasPrefix(body, plain) {
		headline = "…" + headline
	}
	if !strings.HasSuffix(body, plain) {
		headline += "…"
	}
	return headline
}
