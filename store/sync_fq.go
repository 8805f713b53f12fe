package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
)

// Questions and feedbacks are listed newest first with take/skip paging
// and a creation-date filter. Each sync is a sweep of two phases,
// unanswered then answered, over items created since a date (none on the
// first sync). A phase reads pages as large as the API allows; where skip
// can go no deeper (questions: take+skip ≤ 10,000; feedbacks: skip ≤
// 199,990) the window is narrowed instead: dateTo becomes the oldest
// second read and skip starts again at 0. Items of that second are read
// twice, which the idempotent upsert absorbs.

// fqSpec is what differs between questions and feedbacks.
type fqSpec struct {
	kind   Kind
	cursor string
	// takeAt is the largest take allowed at skip (0: skip is too deep).
	takeAt func(skip int) int
	fetch  func(ctx context.Context, q fqPageQuery) (fqPage, error)
}

type fqPageQuery struct {
	answered   bool
	take, skip int
	from, to   time.Time
}

type fqPage struct {
	// created is each item's creation time, in the page's order; put
	// writes the page's items, encoding one at a time (see putEachTx).
	created              []time.Time
	put                  func(ctx context.Context, tx *sql.Tx, seen int64) (Changes, error)
	unanswered, answered int // the seller's totals (all dates)
}

func newFQPage[T any](xs []T, created func(T) time.Time, f func(T) (record, error), unanswered, answered int) fqPage {
	p := fqPage{created: make([]time.Time, len(xs)), unanswered: unanswered, answered: answered}
	for i, x := range xs {
		p.created[i] = created(x)
	}
	p.put = func(ctx context.Context, tx *sql.Tx, seen int64) (Changes, error) {
		return putEachTx(ctx, tx, xs, f, seen)
	}
	return p
}

// fqBounds are the API's paging bounds; tests shrink them to exercise
// window narrowing without 10,000s of items.
type fqBounds struct {
	questionsWindow int // take+skip of questions
	feedbacksTake   int
	feedbacksSkip   int // the deepest skip of feedbacks
}

var apiFQBounds = fqBounds{wb.MaxQuestionsWindow, wb.MaxFeedbacksTake, wb.MaxFeedbacksSkip}

func fqSpecFor(s *Syncer, kind Kind) fqSpec {
	b := s.fq
	if kind == KindQuestion {
		return fqSpec{
			kind: KindQuestion, cursor: "wb.questions",
			takeAt: func(skip int) int { return max(0, b.questionsWindow-skip) },
			fetch: func(ctx context.Context, q fqPageQuery) (fqPage, error) {
				p, err := s.wb.Questions(ctx, wb.QuestionsQuery{IsAnswered: q.answered, Take: q.take, Skip: q.skip,
					Order: wb.DateDesc, DateFrom: q.from, DateTo: q.to})
				if err != nil {
					return fqPage{}, err
				}
				return newFQPage(p.Questions, func(q models.Question) time.Time { return q.CreatedDate.Time }, questionRecord,
					p.CountUnanswered, p.CountArchive), nil
			},
		}
	}
	return fqSpec{
		kind: KindFeedback, cursor: "wb.feedbacks",
		takeAt: func(skip int) int {
			if skip > b.feedbacksSkip {
				return 0
			}
			return b.feedbacksTake
		},
		fetch: func(ctx context.Context, q fqPageQuery) (fqPage, error) {
			p, err := s.wb.Feedbacks(ctx, wb.FeedbacksQuery{IsAnswered: q.answered, Take: q.take, Skip: q.skip,
				Order: wb.DateDesc, DateFrom: q.from, DateTo: q.to})
			if err != nil {
				return fqPage{}, err
			}
			return newFQPage(p.Feedbacks, func(f models.Feedback) time.Time { return f.CreatedDate.Time }, feedbackRecord,
				p.CountUnanswered, p.CountArchive), nil
		},
	}
}

type fqCursor struct {
	LastSync      time.Time `json:"lastSync,omitzero"` // start of the last complete sweep
	LastReconcile time.Time `json:"lastReconcile,omitzero"`
	Sweep         *fqSweep  `json:"sweep,omitempty"` // the sweep in progress
}

type fqSweep struct {
	Stamp     int64     `json:"stamp"`
	Started   time.Time `json:"started"`
	From      time.Time `json:"from,omitzero"`
	Reconcile bool      `json:"reconcile,omitempty"`
	Answered  bool      `json:"answered,omitempty"` // the phase
	To        time.Time `json:"to,omitzero"`        // the narrowed window's end
	Skip      int       `json:"skip,omitempty"`
	Got       int       `json:"got,omitempty"` // distinct items read in this phase
	Total     int       `json:"total"`         // the phase's total, -1 unknown
	Dup       int       `json:"dup,omitempty"` // items at To already read
	// Confirming: both phases are being read a second time before many
	// items are resolved (see markUnseen).
	Confirming bool `json:"confirming,omitempty"`
}

func (s *Syncer) startFQSweep(ctx context.Context, spec fqSpec, cur *fqCursor) error {
	stamp, err := s.newSweep(ctx)
	if err != nil {
		return err
	}
	now := s.o.Now()
	// A first sweep reads everything, so it reconciles everything too.
	sw := &fqSweep{Stamp: stamp, Started: now, Total: -1, Reconcile: cur.LastSync.IsZero()}
	if !cur.LastSync.IsZero() {
		sw.From = cur.LastSync.Add(-s.o.Overlap)
		if now.Sub(cur.LastReconcile) >= s.o.ReconcileEvery {
			sw.Reconcile = true
			var oldest sql.NullInt64
			err := s.st.db.QueryRowContext(ctx, `SELECT min(created) FROM items WHERE kind = ? AND needs_action = 1`, spec.kind).Scan(&oldest)
			if err != nil {
				return err
			}
			if oldest.Valid && fromMS(oldest.Int64).Before(sw.From) {
				// dateFrom is in whole seconds.
				sw.From = fromMS(oldest.Int64).Truncate(time.Second)
			}
		}
	}
	cur.Sweep = sw
	return nil
}

func (s *Syncer) syncFQ(ctx context.Context, u *unit, spec fqSpec) error {
	var cur fqCursor
	if err := s.loadCursor(ctx, spec.cursor, &cur); err != nil {
		return err
	}
	if cur.Sweep == nil {
		if err := s.startFQSweep(ctx, spec, &cur); err != nil {
			return err
		}
	}
	for {
		if err := u.next(); err != nil {
			return err
		}
		sw := cur.Sweep
		take := min(spec.takeAt(sw.Skip), spec.takeAt(0))
		page, err := spec.fetch(ctx, fqPageQuery{answered: sw.Answered, take: take, skip: sw.Skip, from: sw.From, to: sw.To})
		if err != nil {
			return err
		}
		if sw.Total < 0 && sw.From.IsZero() && sw.To.IsZero() {
			sw.Total = page.unanswered
			if sw.Answered {
				sw.Total = page.answered
			}
		}
		fresh := len(page.created)
		if sw.Skip == 0 && !sw.To.IsZero() {
			fresh -= min(sw.Dup, fresh)
		}
		sw.Got += fresh
		done := len(page.created) < take || (sw.Total >= 0 && sw.Got >= sw.Total)
		if !done {
			next := sw.Skip + len(page.created)
			if spec.takeAt(next) >= 1 {
				sw.Skip = next
			} else {
				// Too deep for skip: narrow the window to the oldest second
				// read and count how many of that second are already in.
				oldest := page.created[len(page.created)-1].Truncate(time.Second)
				if !sw.To.IsZero() && !oldest.Before(sw.To) {
					// A whole window within one second: step past it
					// rather than read it forever.
					oldest = sw.To.Add(-time.Second)
				}
				dup := 0
				for _, c := range page.created {
					if !c.Before(oldest) {
						dup++
					}
				}
				sw.To, sw.Skip, sw.Dup = oldest, 0, dup
			}
		}
		finished := false
		if done {
			if !sw.Answered {
				sw.Answered, sw.To, sw.Skip, sw.Got, sw.Total, sw.Dup = true, time.Time{}, 0, 0, -1, 0
			} else {
				finished = true
			}
		}
		var ch Changes
		err = s.st.write(ctx, func(tx *sql.Tx) error {
			var err error
			if ch, err = page.put(ctx, tx, sw.Stamp); err != nil {
				return err
			}
			if finished {
				if sw.Reconcile {
					n, confirm, err := markUnseen(ctx, tx, spec.kind, sw.From, sw.Stamp, sw.Confirming)
					if err != nil {
						return err
					}
					if confirm {
						finished = false
						sw.Confirming = true
						sw.Answered, sw.To, sw.Skip, sw.Got, sw.Total, sw.Dup = false, time.Time{}, 0, 0, -1, 0
						return saveCursorTx(ctx, s.st, tx, spec.cursor, cur)
					}
					u.res.Changes.Updated += n
					cur.LastReconcile = sw.Started
				}
				cur.LastSync = sw.Started
				cur.Sweep = nil
			}
			return saveCursorTx(ctx, s.st, tx, spec.cursor, cur)
		})
		u.res.Changes = u.res.Changes.Add(ch)
		if err != nil {
			return err
		}
		if finished {
			return nil
		}
	}
}
