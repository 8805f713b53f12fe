package reply

import "time"

// DraftRecord is what a DraftBackend keeps per key: a draft, or the
// tombstone of one whose reply was delivered.
type DraftRecord struct {
	Key   DraftKey
	Draft Draft
	// Sent marks a tombstone: the draft's reply was delivered at
	// Draft.UpdatedAt. It outlives the draft so that a save already in
	// flight when the marketplace confirmed cannot bring the text back.
	Sent bool
}

// DraftOp is what DraftBackend.Update does with a key's record.
type DraftOp int

const (
	DraftKeep   DraftOp = iota // leave the stored record as it is
	DraftWrite                 // store the record decide returned
	DraftRemove                // delete the key's record
)

// DraftBackend is where a DraftStore keeps its records. The rules (a save
// never overwrites newer text, tombstones stop late saves) live in
// DraftStore; a backend only has to make Update atomic per key.
type DraftBackend interface {
	// Get returns the record of k, tombstones included; ok is false when
	// there is none.
	Get(k DraftKey) (rec DraftRecord, ok bool, err error)
	// Update reads the record of k, calls decide with it and applies the
	// answer, with no other Update of k in between, in this process or
	// another. A record that cannot be decoded is passed as absent, so
	// that a new save replaces it. decide must be quick and do no I/O.
	Update(k DraftKey, decide func(cur DraftRecord, ok bool) (DraftOp, DraftRecord)) error
	// List returns every record of a profile ("" for all), tombstones
	// included, in any order. Records that cannot be decoded are skipped.
	List(profile string) ([]DraftRecord, error)
	// SweepTombstones removes tombstones of replies delivered before
	// cutoff.
	SweepTombstones(cutoff time.Time) error
}

// OutboxBackend is where an Outbox keeps its entries. The Outbox holds
// them in memory and writes every change through before reporting it.
type OutboxBackend interface {
	// Save stores e, replacing any entry with its ID.
	Save(e Entry) error
	// Remove deletes the entry with id; one already gone is not an error.
	Remove(id string) error
	// Load returns every stored entry. Entries that cannot be decoded are
	// skipped and described in problems; err means nothing could be read.
	Load() (entries []Entry, problems []error, err error)
}

// Lease is what OutboxLeaser.Claim found.
type Lease struct {
	// Entry is the entry as stored now: another process may have sent,
	// retried or failed it since this one loaded it.
	Entry Entry
	// Held reports whether the caller holds the lease now.
	Held bool
	// Until is when the lease ends: the caller's new one, or the other
	// holder's.
	Until time.Time
}

// OutboxExclusive is implemented by a backend that several processes share
// (serve processes of a team on one store): a new entry is stored only if
// no entry of any process is in flight for its item, checked and written
// in one transaction, so two agents on two hosts cannot both queue a
// reply to one buyer.
type OutboxExclusive interface {
	// SaveNew stores e unless a stored entry x has inFlight(x): then it
	// returns that entry and blocked, storing nothing.
	SaveNew(e Entry, inFlight func(x Entry) bool) (blocker Entry, blocked bool, err error)
}

// OutboxLeaser is implemented by a backend that several processes share
// (two windows on one profile's database). An entry is leased to one
// Outbox before it is sent or changed, so that only one process ever
// sends it; a lease ends by Release, or by expiry when its holder died.
type OutboxLeaser interface {
	// Claim leases entry id to this backend until until, unless another
	// holder's lease is still running at now; claiming an entry already
	// held renews the lease. It returns ErrNoEntry when the entry is gone.
	Claim(id string, now, until time.Time) (Lease, error)
	// Release ends this backend's lease of id, if it holds one.
	Release(id string) error
}
