// Package syncer is the only code that lists items from the marketplaces
// and the only writer of items into the store (package store): a Syncer
// brings the store up to date one bounded unit of work at a time, and
// details fetched on demand (a return with its order, a chat's history)
// go through it too, so everything a pane shows lands in the store first.
// The Syncer has no goroutines of its own: the UI calls Sync and Poll from
// tea.Cmds and schedules the next call itself.
//
// # Background sync does not starve user actions
//
// User actions (answers, decisions) and background sync share one
// api.Transport and therefore the rate-limit buckets of each group. Three
// rules keep user actions responsive:
//
//   - a sync call sends its requests one after another, never in parallel,
//     so at most one sync request is ever queued ahead of a user's request
//     in a group's token bucket;
//   - with Background priority, before every request the Syncer estimates
//     what is left of the group's budget from Transport.Budgets() (the
//     server's last X-RateLimit-Remaining plus what has refilled since).
//     When fewer than SyncOptions.Reserve requests would be left it waits
//     inside the call until the bucket has refilled, if that takes at most
//     SyncOptions.MaxWait, so an idle first sync runs at the documented
//     rate (BenchmarkFirstSync); a longer wait, or one while the group
//     waits out a 429/420, stops the call early with Result.Deferred. The
//     cursor is saved, so the next call resumes where this one stopped;
//   - every call is bounded by SyncOptions.MaxRequests and, while it
//     waits for budget, by SyncOptions.MaxCallTime, so a first sync of
//     100k items is many short calls between which user actions get their
//     turn;
//   - the chat events feed has one reader at a time (a sync, a poll or
//     ChatHistory), and its cursor only moves forward.
//
// # Details on demand
//
// What a pane shows of an item beyond its list row is read into the store
// here too, and the pane reads it from the store: a return's order (Order,
// once: a return opened again or after a restart costs no request), a
// question or feedback read back after a delivered answer (Question,
// Feedback: Wildberries answers 204 even to an unknown ID, so the copy
// read back is the confirmation, and it replaces the stored one), a chat's
// reply sign after a send (KeepReplySign) and its history (ChatHistory).
//
// # Action-side reads
//
// Three reads stay with the pane's actions and never reach the store,
// because what they return is only good for the action about to be taken:
//
//   - the decisions Market offers for a return (the `a` flow), read just
//     before the user chooses one: they change as the return moves on;
//   - a feedback's pin and the seller's pin allowances (the `*` flow),
//     read just before pinning or unpinning: an allowance is paid for, a
//     colleague may pin or unpin on the portal at any time, and pins are
//     not items (no list, no count, nothing awaits the seller), so a
//     stored copy would only be something to distrust before the action
//     read it again anyway;
//   - photos, videos and chat files (previews, open, save), which go to
//     the photo cache rather than the database.
package syncer
