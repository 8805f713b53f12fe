package panes

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Lookups find one item by the ID a JumpMsg names (from the inbox or a
// search) when the pane has not loaded it: the local store first, which
// is where inbox and search IDs come from, then the marketplace's own
// get-by-ID where it has one. IDs are each pane's SplitConfig.Key: the
// question, feedback and claim IDs, the chat ID, and the YM return ID in
// decimal, which are also the store's IDs.

// notFound turns a marketplace's "no such item" into ui.ErrNotFound, so
// the pane says the item is gone rather than quoting the API.
func notFound(err error) error {
	if e, ok := api.AsError(err); ok && e.Kind == api.KindNotFound {
		return ui.ErrNotFound
	}
	return err
}

func lookupQuestion(env ui.Env, client *wb.Client) func(context.Context, string) (*questionRow, error) {
	st, now, tr := env.Store, wbNow(env), env.Tr
	return func(ctx context.Context, id string) (*questionRow, error) {
		if st != nil {
			q, ok, err := st.GetQuestion(ctx, id)
			if err != nil {
				return nil, err
			}
			if ok {
				return newQuestionRow(q, now(), tr), nil
			}
		}
		if client == nil {
			return nil, ui.ErrNotFound
		}
		q, err := client.Question(ctx, id)
		if err != nil {
			return nil, notFound(err)
		}
		return newQuestionRow(q, now(), tr), nil
	}
}

func lookupFeedback(env ui.Env, client *wb.Client) func(context.Context, string) (*feedbackRow, error) {
	st, now, tr := env.Store, wbNow(env), env.Tr
	return func(ctx context.Context, id string) (*feedbackRow, error) {
		var stored *models.Feedback
		if st != nil {
			f, ok, err := st.GetFeedback(ctx, id)
			if err != nil {
				return nil, err
			}
			if ok && (f.Answered() || client == nil) {
				return newFeedbackRow(f, now(), tr), nil
			}
			if ok {
				stored = &f
			}
		}
		if client == nil {
			return nil, ui.ErrNotFound
		}
		// A stored copy without an answer may be stale: an answer moves a
		// feedback to the archive, out of the lists the sync reads. The
		// feedback itself is read by ID wherever it now is.
		f, err := client.Feedback(ctx, id)
		if err != nil && stored != nil {
			return newFeedbackRow(*stored, now(), tr), nil
		}
		if err == nil && stored != nil && f.Answered() {
			keep(st, func(st *store.Store) error { _, err := st.PutFeedbacks(ctx, []models.Feedback{f}); return err })
		}
		if err != nil {
			return nil, notFound(err)
		}
		return newFeedbackRow(f, now(), tr), nil
	}
}

// lookupChat: Wildberries has no get-chat; its list of every chat is one
// request, so it stands in.
func lookupChat(env ui.Env, client *wb.Client) func(context.Context, string) (*chatRow, error) {
	st, now, tr := env.Store, wbNow(env), env.Tr
	return func(ctx context.Context, id string) (*chatRow, error) {
		if st != nil {
			c, ok, err := st.GetChat(ctx, id)
			if err != nil {
				return nil, err
			}
			if ok {
				return newChatRow(c, now(), tr), nil
			}
		}
		if client == nil {
			return nil, ui.ErrNotFound
		}
		chats, err := client.Chats(ctx)
		for _, c := range chats {
			if c.ChatID == id {
				return newChatRow(c, now(), tr), nil
			}
		}
		if err != nil {
			return nil, err
		}
		return nil, ui.ErrNotFound
	}
}

// lookupClaim keeps whether the claim is active: only active claims can
// be answered, and the store and the API both say which list it is in.
func lookupClaim(env ui.Env, client *wb.Client) func(context.Context, string) (claimItem, error) {
	st, tr := env.Store, env.Tr
	return func(ctx context.Context, id string) (claimItem, error) {
		now := rcNow(env)
		if st != nil {
			row, ok, err := st.Get(ctx, store.KindClaim, id)
			if err != nil {
				return claimItem{}, err
			}
			if ok {
				var c models.Claim // the stored JSON is the claim plus the list it came from
				if err := json.Unmarshal(row.Data, &c); err != nil {
					return claimItem{}, fmt.Errorf("claim %s: %w", id, err)
				}
				return newClaimItem(c, row.NeedsAction, tr, now), nil
			}
		}
		if client == nil {
			return claimItem{}, ui.ErrNotFound
		}
		for _, archive := range []bool{false, true} {
			page, err := client.Claims(ctx, wb.ClaimsQuery{IsArchive: archive, ID: id, Limit: 1})
			if err != nil {
				return claimItem{}, notFound(err)
			}
			if len(page.Claims) > 0 {
				return newClaimItem(page.Claims[0], !archive, tr, now), nil
			}
		}
		return claimItem{}, ui.ErrNotFound
	}
}

// lookupReturn reads the store only: Yandex Market reads a return by its
// order and return IDs together, and a jump carries the return ID alone.
func lookupReturn(env ui.Env) func(context.Context, string) (retItem, error) {
	st, tr := env.Store, env.Tr
	return func(ctx context.Context, id string) (retItem, error) {
		now := rcNow(env)
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || st == nil {
			return retItem{}, ui.ErrNotFound
		}
		r, ok, err := st.GetReturn(ctx, n)
		switch {
		case err != nil:
			return retItem{}, err
		case !ok:
			return retItem{}, ui.ErrNotFound
		}
		return newRetItem(r, tr, now), nil
	}
}
