package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Marks around the matched words in Hit.Snippet: private-use characters,
// which no buyer text contains by accident and the UI replaces with styling
// before it sanitizes the rest.
const (
	MarkStart = "\uE000"
	MarkEnd   = "\uE001"
)

// maxSearchTerms bounds the work one query can ask for.
const maxSearchTerms = 16

// Hit is one search result. Several messages of one chat make one hit.
type Hit struct {
	Kind    Kind
	Pane    Pane
	ID      string    // the item's ID; for chat messages, the chat's
	At      time.Time // the item's date (the message's, for chats)
	Snippet string    // the matching passage with MarkStart/MarkEnd; ё shows as е
	Rank    float64   // bm25 (on PostgreSQL, ts_rank_cd negated): lower is better
}

// MatchExpr turns what the user typed into an FTS5 query: every word
// becomes a quoted prefix term ("word"*), all of which must match. Quoting
// means no input can be read as FTS syntax (AND, NEAR, column filters,
// stray quotes), so no input makes the query fail. Words are split as the
// unicode61 tokenizer splits them: letters, digits and combining marks.
func MatchExpr(text string) string {
	words := strings.FieldsFunc(foldText(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	if len(words) > maxSearchTerms {
		words = words[:maxSearchTerms]
	}
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, `"`+strings.ReplaceAll(strings.ToLower(w), `"`, `""`)+`"*`)
	}
	return strings.Join(terms, " ")
}

// Search finds stored items by words of their texts (question and feedback
// texts, pros and cons, buyer names, products and articles, chat messages,
// claim comments, YM return items and comments), best match first. Words
// match as prefixes, case and ё/е do not matter. An empty query finds
// nothing.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	expr := MatchExpr(text)
	if expr == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// Chat messages repeat their chat; ask for more and fold them.
	var rows *sql.Rows
	var err error
	if s.d.pg {
		tsq, args := pgTSQuery(queryTerms(expr), true)
		_, hargs := pgHeadline(`s.body`, `h.q`)
		rows, err = s.db.QueryContext(ctx, pgSearchQuery(tsq), append(append(append([]any{pgCustomPlan}, hargs...), args...), 2*limit+10)...)
	} else {
		rows, err = s.db.QueryContext(ctx, `SELECT kind, item_id, at, snippet(search, 0, ?, ?, '…', 12), rank
		FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?`, MarkStart, MarkEnd, bodyMatch(expr), 2*limit+10)
	}
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	type key struct {
		k  Kind
		id string
	}
	seen := map[key]bool{}
	var out []Hit
	for rows.Next() {
		var h Hit
		var at int64
		if s.d.pg {
			var body string
			if err := rows.Scan(&h.Kind, &h.ID, &at, &body, &h.Snippet, &h.Rank); err != nil {
				return nil, fmt.Errorf("store: search: %w", err)
			}
			h.Snippet = pgSnippet(body, h.Snippet)
		} else if err := rows.Scan(&h.Kind, &h.ID, &at, &h.Snippet, &h.Rank); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		if seen[key{h.Kind, h.ID}] || len(out) >= limit {
			continue
		}
		seen[key{h.Kind, h.ID}] = true
		h.Pane, h.At = h.Kind.Pane(), fromMS(at)
		out = append(out, h)
	}
	return out, rows.Err()
}

// reindexSearch derives every indexed text again (migration 5): foldText
// learnt to drop invisible characters, and text indexed before that keeps
// words split by them until the item changes. Items and chat events are
// read first and written after, so no query is open during the writes.
func reindexSearch(ctx context.Context, tx *sql.Tx) error {
	type doc struct {
		rowid int64
		kind  Kind
		id    string
		at    int64
		data  []byte
		event bool
	}
	var docs []doc
	read := func(q string, event bool) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d := doc{event: event, kind: KindChat}
			var err error
			if event {
				err = rows.Scan(&d.rowid, &d.id, &d.at, &d.data)
			} else {
				err = rows.Scan(&d.rowid, &d.kind, &d.id, &d.at, &d.data)
			}
			if err != nil {
				return err
			}
			docs = append(docs, d)
		}
		return rows.Err()
	}
	if err := read(`SELECT rowid, kind, id, at, data FROM items`, false); err != nil {
		return err
	}
	if err := read(`SELECT rowid, chat_id, at, data FROM chat_events`, true); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search`); err != nil {
		return err
	}
	for _, d := range docs {
		body, rowid, err := "", d.rowid, error(nil)
		if d.event {
			body, err = eventBody(d.data)
			rowid = -d.rowid // events are indexed under negative rowids (see migrateV2)
		} else {
			body, err = searchBody(d.kind, d.data)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", d.kind, d.id, err)
		}
		if err := indexDoc(ctx, tx, rowid, d.kind, d.id, d.at, body); err != nil {
			return err
		}
	}
	return nil
}
