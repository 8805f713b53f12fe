package syncer

import (
	"context"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
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
	kind   store.Kind
	cursor string
	// takeAt is the largest take allowed at skip (0: skip is too deep).
	takeAt func(skip int) int
	fetch  func(ctx context.Context, q fqPageQuery) (fqPage, error)
	// archive reads a page of the archive, newest first (feedbacks only).
	// An answer moves a feedback there (the archive method lists "an
	// answer was received" among its reasons, with no delay), so one
	// answered elsewhere may be in neither list; reconciling sweeps read
	// the archive back to their start date to learn its answer.
	archive func(ctx context.Context, take, skip int) ([]models.Feedback, error)
}

type fqPageQuery struct {
	answered   bool
	take, skip int
	from, to   time.Time
}

func (q fqPageQuery) source() FQQuery {
	return FQQuery{Answered: q.answered, Take: q.take, After: strconv.Itoa(q.skip), From: q.from, To: q.to}
}

type fqPage struct {
	// created is each item's creation time, in the page's order; put
	// writes the page's items, encoding one at a time (one at a time).
	created              []time.Time
	put                  func(tx *store.Tx, seen int64) (store.Changes, error)
	unanswered, answered int // the seller's totals (all dates)
}

func newFQPage[T any](xs []T, created func(T) time.Time, put func(*store.Tx, []T, int64) (store.Changes, error), unanswered, answered int) fqPage {
	p := fqPage{created: make([]time.Time, len(xs)), unanswered: unanswered, answered: answered}
	for i, x := range xs {
		p.created[i] = created(x)
	}
	p.put = func(tx *store.Tx, seen int64) (store.Changes, error) { return put(tx, xs, seen) }
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

func fqSpecFor(s *Syncer, kind store.Kind) fqSpec {
	b := s.fq
	if kind == store.KindQuestion {
		return fqSpec{
			kind: store.KindQuestion, cursor: "wb.questions",
			takeAt: func(skip int) int { return max(0, b.questionsWindow-skip) },
			fetch: func(ctx context.Context, q fqPageQuery) (fqPage, error) {
				p, err := Questions(ctx, s.wb, q.source())
				if err != nil {
					return fqPage{}, err
				}
				return newFQPage(p.Items, func(q models.Question) time.Time { return q.CreatedDate.Time }, (*store.Tx).PutQuestions,
					p.Unanswered, p.Answered), nil
			},
		}
	}
	return fqSpec{
		kind: store.KindFeedback, cursor: "wb.feedbacks",
		takeAt: func(skip int) int {
			if skip > b.feedbacksSkip {
				return 0
			}
			return b.feedbacksTake
		},
		fetch: func(ctx context.Context, q fqPageQuery) (fqPage, error) {
			p, err := Feedbacks(ctx, s.wb, q.source())
			if err != nil {
				return fqPage{}, err
			}
			return newFQPage(p.Items, func(f models.Feedback) time.Time { return f.CreatedDate.Time }, (*store.Tx).PutFeedbacks,
				p.Unanswered, p.Answered), nil
		},
		archive: func(ctx context.Context, take, skip int) ([]models.Feedback, error) {
			p, err := Feedbacks(ctx, s.wb, FQQuery{Archive: true, Take: take, After: strconv.Itoa(skip)})
			return p.Items, err
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
	Archive   bool      `json:"archive,omitempty"`  // the last phase: the archive back to From
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
			oldest, ok, err := s.st.OldestAwaiting(ctx, spec.kind)
			if err != nil {
				return err
			}
			if ok && oldest.Before(sw.From) {
				// dateFrom is in whole seconds.
				sw.From = oldest.Truncate(time.Second)
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
		if err := u.next(ctx); err != nil {
			return err
		}
		sw := cur.Sweep
		if sw.Archive {
			finished, err := s.archivePage(ctx, u, spec, &cur)
			if err != nil || finished {
				return err
			}
			continue
		}
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
			switch {
			case !sw.Answered:
				sw.Answered, sw.To, sw.Skip, sw.Got, sw.Total, sw.Dup = true, time.Time{}, 0, 0, -1, 0
			case spec.archive != nil && sw.Reconcile && !sw.From.IsZero():
				// A first sweep (no From) has nothing stored to correct.
				sw.Archive, sw.To, sw.Skip, sw.Got, sw.Total, sw.Dup = true, time.Time{}, 0, 0, -1, 0
			default:
				finished = true
			}
		}
		finished, err = s.putFQPage(ctx, u, spec, &cur, page.put, finished)
		if err != nil {
			return err
		}
		if finished {
			return nil
		}
	}
}

// archivePage reads one page of the archive phase and reports whether the
// sweep is finished: the archive is read newest first until its items are
// older than the sweep's start date.
func (s *Syncer) archivePage(ctx context.Context, u *unit, spec fqSpec, cur *fqCursor) (bool, error) {
	sw := cur.Sweep
	take := spec.takeAt(0)
	fs, err := spec.archive(ctx, take, sw.Skip)
	if err != nil {
		return false, err
	}
	finished := len(fs) < take || fs[len(fs)-1].CreatedDate.Before(sw.From)
	sw.Skip += len(fs)
	put := func(tx *store.Tx, seen int64) (store.Changes, error) {
		// Only what the store still holds as waiting is corrected: the
		// archive itself is not copied (it can be years deep).
		waiting, err := tx.AwaitingIDs(spec.kind)
		if err != nil {
			return store.Changes{}, err
		}
		var fix []models.Feedback
		for _, f := range fs {
			if waiting[f.ID] {
				fix = append(fix, f)
			}
		}
		return tx.PutArchivedFeedbacks(fix, seen)
	}
	return s.putFQPage(ctx, u, spec, cur, put, finished)
}

// putFQPage stores a page with the sweep's progress; the last page also
// reconciles what the sweep did not see and closes the sweep.
func (s *Syncer) putFQPage(ctx context.Context, u *unit, spec fqSpec, cur *fqCursor,
	put func(tx *store.Tx, seen int64) (store.Changes, error), finished bool) (bool, error) {
	sw := cur.Sweep
	var ch store.Changes
	err := s.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		if ch, err = put(tx, sw.Stamp); err != nil {
			return err
		}
		if finished {
			if sw.Reconcile {
				n, confirm, err := tx.MarkUnseen(spec.kind, sw.From, sw.Stamp, sw.Confirming)
				if err != nil {
					return err
				}
				if confirm {
					// Too much would be resolved from one read: read the
					// lists once more before believing it.
					finished = false
					sw.Confirming = true
					sw.Answered, sw.Archive, sw.To, sw.Skip, sw.Got, sw.Total, sw.Dup = false, false, time.Time{}, 0, 0, -1, 0
					return saveCursor(tx, spec.cursor, *cur)
				}
				u.res.Changes.Updated += n
				cur.LastReconcile = sw.Started
			}
			cur.LastSync = sw.Started
			cur.Sweep = nil
		}
		return saveCursor(tx, spec.cursor, *cur)
	})
	u.res.Changes = u.res.Changes.Add(ch)
	return finished, err
}
