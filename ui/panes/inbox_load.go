package panes

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// inboxSource is one store the inbox reads: the profile's own (name "")
// or another profile's.
type inboxSource struct {
	name string
	st   *store.Store
}

// inboxDone marks, in a cursor, a store whose items are all listed.
const inboxDone = "-"

// inboxLoader pages through the stores' inboxes merged into one order.
// The cursor holds every store's position (store.InboxToken strings): a
// page takes the next inboxPageSize items of each store, keeps the most
// urgent inboxPageSize of them all, and moves each store's position past
// the items it kept, so the rest are read again for the next page.
func inboxLoader(sources []inboxSource, tr i18n.T, now func() time.Time) func(context.Context, string) ([]*inboxRow, string, error) {
	return func(ctx context.Context, cursor string) ([]*inboxRow, string, error) {
		pos, err := inboxPositions(cursor, len(sources))
		if err != nil {
			return nil, "", err
		}
		type cand struct {
			src  int
			u    store.Urgent
			last bool // the store has nothing after its page
		}
		var cands []cand
		at := now()
		for i, src := range sources {
			if pos[i] == inboxDone {
				continue
			}
			after, err := store.ParseInboxToken(pos[i])
			if err != nil {
				return nil, "", err
			}
			page, next, err := src.st.InboxPage(ctx, at, after, inboxPageSize)
			if err != nil {
				if src.name != "" {
					return nil, "", fmt.Errorf("%s: %w", src.name, err)
				}
				return nil, "", err
			}
			if len(page) == 0 {
				pos[i] = inboxDone
			}
			for _, u := range page {
				cands = append(cands, cand{src: i, u: u, last: next.IsZero()})
			}
		}
		slices.SortStableFunc(cands, func(a, b cand) int {
			return cmp.Or(store.CompareUrgent(a.u, b.u), cmp.Compare(a.src, b.src))
		})
		keep := cands[:min(len(cands), inboxPageSize)]
		rows := make([]*inboxRow, 0, len(keep))
		for _, c := range keep {
			src := sources[c.src]
			rows = append(rows, newInboxRow(c.u, src.name, titleFor(ctx, src.st, c.u, tr), tr))
			pos[c.src] = c.u.Token().String()
		}
		// A store whose whole last page was kept is done.
		left := map[int]bool{}
		for _, c := range cands[len(keep):] {
			left[c.src] = true
		}
		for _, c := range keep {
			if c.last && !left[c.src] {
				pos[c.src] = inboxDone
			}
		}
		if !slices.ContainsFunc(pos, func(p string) bool { return p != inboxDone }) {
			return rows, "", nil
		}
		next, err := json.Marshal(pos)
		if err != nil {
			return nil, "", err
		}
		return rows, string(next), nil
	}
}

// inboxPositions reads a cursor: "" starts every store at its top.
func inboxPositions(cursor string, n int) ([]string, error) {
	pos := make([]string, n)
	if cursor == "" {
		return pos, nil
	}
	if err := json.Unmarshal([]byte(cursor), &pos); err != nil || len(pos) != n {
		return nil, fmt.Errorf("inbox: bad page cursor %q", cursor)
	}
	return pos, nil
}
