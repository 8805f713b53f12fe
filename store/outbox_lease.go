package store

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// newLeaseOwner names this backend in lease_owner: host and pid, so that a
// lease left by a process that died on this machine can be taken at once
// rather than at its expiry, and a random part, so that two outboxes in
// one process are two owners.
func newLeaseOwner() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", hostID(), os.Getpid(), hex.EncodeToString(b[:]))
}

// hostID names where a pid means something: the host name, and on Linux
// the pid namespace, since containers sharing a host name (and a mounted
// database) do not see each other's processes.
func hostID() string {
	host, _ := os.Hostname()
	if ns, err := os.Readlink("/proc/self/ns/pid"); err == nil {
		host += "@" + ns
	}
	return strings.ReplaceAll(host, "/", "_")
}

// deadOwner reports whether owner is a process of this host that no
// longer runs. Anything else (another host, a pid reused) counts as alive
// and waits for the lease to expire, which is always safe.
func deadOwner(owner string) bool {
	host, rest, ok := strings.Cut(owner, "/")
	pidText, _, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		return false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || host != hostID() || pid == os.Getpid() {
		return false
	}
	return processGone(pid)
}

// Claim leases an entry in one IMMEDIATE transaction (the DSN's _txlock):
// the UPDATE succeeds only when nobody else holds a running lease, and its
// row count says who won; two processes cannot both see one row free.
func (o outboxRows) Claim(id string, now, until time.Time) (reply.Lease, error) {
	if o.s.d.pg {
		return o.claimSkipLocked(id, now, until)
	}
	var got reply.Lease
	err := o.s.write(replyCtx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(replyCtx, `UPDATE outbox SET lease_owner = ?1, lease_until = ?2
			WHERE id = ?3 AND (lease_owner IN ('', ?1) OR lease_until < ?4)`,
			o.owner, ms(until), id, ms(now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		var owner string
		var leaseUntil int64
		var data []byte
		err = tx.QueryRowContext(replyCtx, `SELECT lease_owner, lease_until, data FROM outbox WHERE id = ?`, id).
			Scan(&owner, &leaseUntil, &data)
		if err == sql.ErrNoRows {
			return reply.ErrNoEntry
		}
		if err != nil {
			return err
		}
		if n == 0 && deadOwner(owner) {
			res, err := tx.ExecContext(replyCtx, `UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ? AND lease_owner = ?`,
				o.owner, ms(until), id, owner)
			if err != nil {
				return err
			}
			if n, err = res.RowsAffected(); err != nil {
				return err
			}
			leaseUntil = ms(until)
		}
		if err := json.Unmarshal(data, &got.Entry); err != nil {
			return fmt.Errorf("outbox entry %s is unreadable: %w", id, err)
		}
		got.Held, got.Until = n == 1, fromMS(leaseUntil)
		return nil
	})
	if err != nil {
		if err == reply.ErrNoEntry {
			return got, err
		}
		return reply.Lease{}, fmt.Errorf("store: claim outbox entry %s: %w", id, err)
	}
	return got, nil
}

func (o outboxRows) Release(id string) error {
	_, err := o.s.exec(replyCtx, `UPDATE outbox SET lease_owner = '', lease_until = 0 WHERE id = ? AND lease_owner = ?`, id, o.owner)
	if err != nil {
		return fmt.Errorf("store: release outbox entry %s: %w", id, err)
	}
	return nil
}
