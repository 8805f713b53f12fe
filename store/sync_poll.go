package store

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
)

// PollResult says which panes have news on the server.
type PollResult struct {
	// Stale lists, in tab order, the panes to Sync: their server-side
	// counts differ from the store's, or new items arrived.
	Stale []Pane
	// Remote is what the servers count as awaiting the seller, for the
	// panes that have such a counter (questions, feedbacks, claims).
	Remote   map[Pane]int
	Requests int
	// Deferred: a background poll skipped a pane to leave budget to the
	// user.
	Deferred bool
	// Changes: chat events the poll already stored (the feed's first page
	// is both the poll and the sync).
	Changes Changes
}

// Poll notices new work cheaply, one to three requests per service:
// questions and feedbacks through new-feedbacks-questions and the two
// count-unanswered counters, chats through one page of the events feed
// (stored at once), claims through the active list's total. YM returns
// have no counter; sync them on a timer. Errors of one service do not stop
// the others; they are joined.
func (s *Syncer) Poll(ctx context.Context, pri Priority) (PollResult, error) {
	res, err := s.poll(ctx, pri)
	if err != nil && ctx.Err() == nil && !errors.Is(err, ErrNoClient) {
		s.o.Logger.Warn("poll failed", "err", err)
	}
	return res, err
}

func (s *Syncer) poll(ctx context.Context, pri Priority) (PollResult, error) {
	res := PollResult{Remote: map[Pane]int{}}
	if s.wb == nil {
		return res, ErrNoClient
	}
	local, err := s.st.Counts(ctx)
	if err != nil {
		return res, err
	}
	t := s.wb.Transport()
	stale := map[Pane]bool{}
	var errs []error
	gate := func(g api.Group) bool {
		var r Result
		r.Requests = -1 << 30 // Poll is bounded by its few requests, not MaxRequests
		u := s.newUnit(pri, t, g, &r)
		if err := u.next(); err != nil {
			res.Deferred = true
			return false
		}
		res.Requests++
		return true
	}

	if t.HasToken(api.ServiceWBFeedbacks) {
		errs = append(errs, s.pollFQ(ctx, gate, local, stale, &res))
	}
	if t.HasToken(api.ServiceWBChat) && gate(api.GroupWBChat) {
		raw, err := s.st.Cursor(ctx, chatNextCursor)
		if err == nil {
			next, _ := strconv.ParseInt(raw, 10, 64)
			p, perr := s.wb.Events(ctx, next)
			if len(p.Events) > 0 {
				ch, serr := s.storeEvents(ctx, p, next)
				res.Changes = res.Changes.Add(ch)
				errs = append(errs, serr)
				stale[PaneChats] = true
			}
			errs = append(errs, perr)
		} else {
			errs = append(errs, err)
		}
	}
	if t.HasToken(api.ServiceWBReturns) && gate(api.GroupWBReturns) {
		p, err := s.wb.Claims(ctx, wb.ClaimsQuery{Limit: 1})
		if err == nil {
			res.Remote[PaneClaims] = p.Total
			if p.Total != local[KindClaim].NeedsAction {
				stale[PaneClaims] = true
			}
		}
		errs = append(errs, err)
	}
	for _, p := range Panes {
		if stale[p] {
			res.Stale = append(res.Stale, p)
		}
	}
	return res, errors.Join(errs...)
}

// pollFQ compares the server's unanswered counters with the store's; the
// "has new" flags add a pane when they turn on.
func (s *Syncer) pollFQ(ctx context.Context, gate func(api.Group) bool, local map[Kind]Count, stale map[Pane]bool, res *PollResult) error {
	const flagsCursor = "wb.poll.new"
	if !gate(api.GroupWBFeedbacks) {
		return nil
	}
	news, err := s.wb.NewFeedbacksQuestions(ctx)
	if err != nil {
		return err
	}
	prev, err := s.st.Cursor(ctx, flagsCursor)
	if err != nil {
		return err
	}
	// The flags stay on until someone opens the items, so only their
	// turning on since the last poll is news (the first poll has nothing
	// to compare with); the counters below catch the rest.
	if prevQ, prevF, ok := strings.Cut(prev, ","); ok {
		if news.HasNewQuestions && prevQ != "true" {
			stale[PaneQuestions] = true
		}
		if news.HasNewFeedbacks && prevF != "true" {
			stale[PaneFeedbacks] = true
		}
	}
	flags := strconv.FormatBool(news.HasNewQuestions) + "," + strconv.FormatBool(news.HasNewFeedbacks)
	if err := s.st.SetCursor(ctx, flagsCursor, flags); err != nil {
		return err
	}
	counters := []struct {
		pane  Pane
		count func(context.Context) (int, error)
	}{
		{PaneQuestions, func(ctx context.Context) (int, error) {
			c, err := s.wb.QuestionsCountUnanswered(ctx)
			return c.CountUnanswered, err
		}},
		{PaneFeedbacks, func(ctx context.Context) (int, error) {
			c, err := s.wb.FeedbacksCountUnanswered(ctx)
			return c.CountUnanswered, err
		}},
	}
	for _, c := range counters {
		if !gate(api.GroupWBFeedbacks) {
			return nil
		}
		n, err := c.count(ctx)
		if err != nil {
			return err
		}
		res.Remote[c.pane] = n
		if n != local[c.pane.Kind()].NeedsAction {
			stale[c.pane] = true
		}
	}
	return nil
}
