package panes

import (
	"context"
	"slices"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// The panes read their first page from the profile's store at start (the
// list is on screen before the network answers, and stays there when it
// cannot) and write every page they fetch back into it, so search, the
// inbox and the next start see what the user saw. The cached page follows
// each pane's default filter; other filters always ask the network.

// cachedRows is how many saved items a pane shows before its first fetch.
const cachedRows = 200

// cachedQuestions are the saved unanswered questions, newest first.
func cachedQuestions(env ui.Env) func(context.Context) ([]*questionRow, error) {
	st, now, tr := env.Store, wbNow(env), env.Tr
	if st == nil {
		return nil
	}
	return func(ctx context.Context) ([]*questionRow, error) {
		qs, _, err := st.ListQuestions(ctx, store.ListQuery{NeedsAction: true, Limit: cachedRows})
		if err != nil {
			return nil, err
		}
		at := now()
		rows := make([]*questionRow, len(qs))
		for i, q := range qs {
			rows[i] = newQuestionRow(q, at, tr)
		}
		return rows, nil
	}
}

// cachedFeedbacks are the saved unanswered feedbacks.
func cachedFeedbacks(env ui.Env) func(context.Context) ([]*feedbackRow, error) {
	st, now, tr := env.Store, wbNow(env), env.Tr
	if st == nil {
		return nil
	}
	return func(ctx context.Context) ([]*feedbackRow, error) {
		fs, _, err := st.ListFeedbacks(ctx, store.ListQuery{NeedsAction: true, Limit: cachedRows})
		if err != nil {
			return nil, err
		}
		at := now()
		rows := make([]*feedbackRow, len(fs))
		for i, f := range fs {
			rows[i] = newFeedbackRow(f, at, tr)
		}
		return rows, nil
	}
}

// cachedClaims are the saved active claims.
func cachedClaims(env ui.Env) func(context.Context) ([]claimItem, error) {
	st, now, tr := env.Store, rcNow(env), env.Tr
	if st == nil {
		return nil
	}
	return func(ctx context.Context) ([]claimItem, error) {
		cs, err := st.ListClaimsIn(ctx, store.ListQuery{Limit: cachedRows}, false)
		if err != nil {
			return nil, err
		}
		out := make([]claimItem, len(cs))
		for i, c := range cs {
			out[i] = newClaimItem(c, true, tr, now)
		}
		return out, nil
	}
}

// cachedReturns are the saved returns, those awaiting a decision first as
// the pane's default list has them.
func cachedReturns(env ui.Env) func(context.Context) ([]retItem, error) {
	st, now, tr := env.Store, rcNow(env), env.Tr
	if st == nil {
		return nil
	}
	return func(ctx context.Context) ([]retItem, error) {
		rs, _, err := st.ListReturns(ctx, store.ListQuery{Limit: cachedRows})
		if err != nil {
			return nil, err
		}
		slices.SortStableFunc(rs, func(a, b models.YMReturn) int {
			switch wa, wb := a.AwaitsDecision(), b.AwaitsDecision(); {
			case wa && !wb:
				return -1
			case wb && !wa:
				return 1
			}
			return 0
		})
		out := make([]retItem, len(rs))
		for i, r := range rs {
			out[i] = newRetItem(r, tr, now)
		}
		return out, nil
	}
}

// keep writes what a loader fetched into the store. The store is a cache
// of the marketplace: a failed write costs a slower next start, never the
// page on screen, so it does not fail the load.
func keep(st *store.Store, write func(*store.Store) error) {
	if st != nil {
		_ = write(st)
	}
}
