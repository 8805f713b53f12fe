package store

// schemaV12 takes the deadline off stored YM returns (migration 12): up
// to version 11 the store gave a return awaiting a decision a 72-hour
// deadline of its own, which Yandex Market documents nowhere (NOTES.md,
// models/deadline.go). A return is stored again only when its JSON
// changes, so without this the Inbox would keep ordering old returns by
// the invented date and calling them overdue. Like questions, they now
// have no deadline and follow every dated item, oldest first.
var schemaV12 = []string{
	`UPDATE items SET deadline = NULL, due = ` + noDeadlineSQL + ` + created WHERE kind = 'return'`,
}
