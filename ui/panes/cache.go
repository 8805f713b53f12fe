package panes

import (
	"context"
	"slices"
	"time"

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

// cachedPage reads a pane's saved first page with list and turns each
// model into the pane's row, all dated by one reading of the clock; nil
// without a store.
func cachedPage[M, R any](env ui.Env, list func(context.Context, *store.Store) ([]M, error), row func(M, time.Time) R) func(context.Context) ([]R, error) {
	st, now := env.Store, wbNow(env)
	if st == nil {
		return nil
	}
	return func(ctx context.Context) ([]R, error) {
		ms, err := list(ctx, st)
		if err != nil {
			return nil, err
		}
		at := now()
		out := make([]R, len(ms))
		for i, m := range ms {
			out[i] = row(m, at)
		}
		return out, nil
	}
}

// cachedQuestions are the saved unanswered questions, newest first.
func cachedQuestions(env ui.Env) func(context.Context) ([]*questionRow, error) {
	tr := env.Tr
	return cachedPage(env, func(ctx context.Context, st *store.Store) ([]models.Question, error) {
		qs, _, err := st.ListQuestions(ctx, store.ListQuery{NeedsAction: true, Limit: cachedRows})
		return qs, err
	}, func(q models.Question, at time.Time) *questionRow { return newQuestionRow(q, at, tr) })
}

// cachedFeedbacks are the saved unanswered feedbacks.
func cachedFeedbacks(env ui.Env) func(context.Context) ([]*feedbackRow, error) {
	tr := env.Tr
	return cachedPage(env, func(ctx context.Context, st *store.Store) ([]models.Feedback, error) {
		fs, _, err := st.ListFeedbacks(ctx, store.ListQuery{NeedsAction: true, Limit: cachedRows})
		return fs, err
	}, func(f models.Feedback, at time.Time) *feedbackRow { return newFeedbackRow(f, at, tr) })
}

// cachedClaims are the saved active claims.
func cachedClaims(env ui.Env) func(context.Context) ([]claimItem, error) {
	tr := env.Tr
	return cachedPage(env, func(ctx context.Context, st *store.Store) ([]models.Claim, error) {
		return st.ListClaimsIn(ctx, store.ListQuery{Limit: cachedRows}, false)
	}, func(c models.Claim, at time.Time) claimItem { return newClaimItem(c, true, tr, at) })
}

// cachedReturns are the saved returns, those awaiting a decision first as
// the pane's default list has them.
func cachedReturns(env ui.Env) func(context.Context) ([]retItem, error) {
	tr := env.Tr
	return cachedPage(env, func(ctx context.Context, st *store.Store) ([]models.YMReturn, error) {
		rs, _, err := st.ListReturns(ctx, store.ListQuery{Limit: cachedRows})
		slices.SortStableFunc(rs, func(a, b models.YMReturn) int {
			switch wa, wb := a.AwaitsDecision(), b.AwaitsDecision(); {
			case wa && !wb:
				return -1
			case wb && !wa:
				return 1
			}
			return 0
		})
		return rs, err
	}, func(r models.YMReturn, at time.Time) retItem { return newRetItem(r, tr, at) })
}

// keep writes what a loader fetched into the store. The store is a cache
// of the marketplace: a failed write costs a slower next start, never the
// page on screen, so it does not fail the load.
func keep(st *store.Store, write func(*store.Store) error) {
	if st != nil {
		_ = write(st)
	}
}
