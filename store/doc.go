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
package store
