package store

import (
	"context"
	"fmt"
	"strings"
)

// ProductNames names the WB articles (nmIDs) from the stored questions,
// feedbacks and claims about them, the newest item's name for each: WB's
// chats carry only the article (schema Listing has no name). An article
// no stored item names is missing from the map.
func (s *Store) ProductNames(ctx context.Context, nmIDs []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(nmIDs))
	var args []any
	seen := make(map[int64]bool, len(nmIDs))
	for _, n := range nmIDs {
		if n != 0 && !seen[n] {
			seen[n] = true
			args = append(args, n)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	// A bare column beside max() is read from the row holding the maximum
	// (SQLite's documented rule), so each article gets its newest name;
	// items_products answers it without reading the items.
	q := `SELECT nm_id, product, max(at) FROM items WHERE product != '' AND nm_id IN (?` +
		strings.Repeat(", ?", len(args)-1) + `) GROUP BY nm_id`
	if s.d.pg { // no bare columns: the newest row of each article
		q = `SELECT DISTINCT ON (nm_id) nm_id, product, at FROM items WHERE product != '' AND nm_id IN (?` +
			strings.Repeat(", ?", len(args)-1) + `) ORDER BY nm_id, at DESC`
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: product names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			nm   int64
			name string
			at   int64
		)
		if err := rows.Scan(&nm, &name, &at); err != nil {
			return nil, fmt.Errorf("store: product names: %w", err)
		}
		out[nm] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: product names: %w", err)
	}
	return out, nil
}
