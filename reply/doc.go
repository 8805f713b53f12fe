// Package reply is everything between the editor and the marketplaces:
// drafts that survive a crash, the outbox that delivers each reply exactly
// once through the typed clients, and the user's canned templates.
//
// Drafts and outbox entries live in a backend (DraftBackend,
// OutboxBackend): the profile's SQLite database (package store, which
// imports this one) or, for tests and tools, one file per record
// (DraftFiles, OutboxFiles). ImportFiles moves the files of versions that
// had no database into it.
//
// It has no UI and owns no goroutines: the TUI calls it from tea.Cmds
// (Debouncer.FlushDue on a tick, Outbox.Attempt per due entry) and gets the
// new state back as the call's result, so tests drive it synchronously.
package reply
