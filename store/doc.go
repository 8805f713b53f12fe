// Package store is sellerinbox's persistence layer: one embedded SQLite
// database per profile that keeps every item the five panes fetched (YM
// returns, WB questions, feedbacks, chats with their events, claims), the
// sync cursors, and a full-text index over the buyers' and products' texts.
// It also keeps the profile's drafts and outbox for package reply
// (OpenReplies).
//
// The UI reads only from the store, so it starts instantly and works
// offline. Package syncer is the only writer of items: it lists them from
// the marketplaces and stores each page with the cursor that points past
// it in one transaction (Store.Write, Tx).
//
// # Panes read windows, not pages
//
// A pane asks for a PaneQuery (kind, the `/` text, the filter menu, the
// sort order) and reads only what it draws: Window returns the rows around
// a Cursor (Start, End for `G`, an item, or a row that may since have left
// the view), the number of items that match and the anchor's position, so
// the pane shows "123 / 14,305" for everything stored, not for the loaded
// pages. Windows are keyset windows: they seek to the anchor's sort key
// (at or due, then id) through an index instead of skipping rows with
// OFFSET, so the rows at 90,000 are read as fast as the first ones, and a
// row inserted or removed above the cursor does not shift what it points
// at; only the position ("123 / …") counts the rows before the anchor. The text goes through the
// full-text index (words and word starts, ё = е); PaneRow.Match says which
// passage matched. The filter columns (photos, state, vendor codes,
// product) are copied out of each item's JSON by triggers
// (migrateQueryColumns), so the writers need not know about them.
package store
