package ui

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
)

// fakeRows is a Rows source over testItems in memory, standing in for
// the store in the Split's tests. It answers as the store does: a window
// of rows around a cursor (an edge, an item, or the place of an item that
// has left the list, where the row that took its place anchors), counts
// over every item, Slide only around a row still listed, Next from a
// row's place. Two things are simpler than the store, and tests must not
// lean on them:
//   - the / text matches as a case-insensitive substring of the item's
//     buyer, product and text, where the store matches whole words and
//     word starts;
//   - of the filter only Status is read (Waiting is "needs action"), and
//     of the orders only SortOldest differs: every other order is by
//     Date, newest first (ties by ID, in the order's direction).
type fakeRows struct {
	mu    sync.Mutex
	items []testItem
	data  []json.RawMessage // items[i] encoded, once it was read
	// failNext makes the next Window or Slide fail with it, once.
	failNext error
	// calls are the reads of rows in order: "window start", "window
	// end", "window <ID>" (an item or its place), "slide <ID>".
	calls []string
	// matches are each query's matches, kept: the items never change
	matches map[fakeQuery]*fakeMatch
}

// fakeQuery is what the fake reads of a PaneQuery.
type fakeQuery struct {
	text   string
	status store.Status
	oldest bool
}

// fakeMatch is the items matching a query, in its order: order[p] is the
// index in items of the row at list position p.
type fakeMatch struct {
	order []int
	pos   map[string]int
}

func newFakeRows(items []testItem) *fakeRows { return &fakeRows{items: items} }

// fail makes the next read of rows fail with err.
func (f *fakeRows) fail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failNext = err
}

func (f *fakeRows) readCalls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeRows) takeFail() error {
	err := f.failNext
	f.failNext = nil
	return err
}

// place is an item's value in the order's sort column: its date.
func place(it testItem) int64 { return it.Date.UnixMilli() }

// sameColumn: a place in one order means something in another only when
// both sort by the same column, as in the store (newest and oldest both
// sort by the date).
func sameColumn(a, b store.Sort) bool {
	col := func(s store.Sort) store.Sort {
		if s == store.SortOldest {
			return store.SortNewest
		}
		return s
	}
	return col(a) == col(b)
}

// compare places (v, id) against (w, jd) in q's order: negative when the
// first comes first.
func (q fakeQuery) compare(v int64, id string, w int64, jd string) int {
	c := cmp.Or(cmp.Compare(v, w), strings.Compare(id, jd))
	if q.oldest {
		return c
	}
	return -c
}

func (f *fakeRows) match(pq store.PaneQuery) (fakeQuery, *fakeMatch) {
	q := fakeQuery{text: strings.ToLower(pq.Text), status: pq.Filter.Status, oldest: pq.Sort == store.SortOldest}
	if m, ok := f.matches[q]; ok {
		return q, m
	}
	m := &fakeMatch{pos: map[string]int{}}
	for i, it := range f.items {
		switch {
		case q.status == store.StatusNeedsAction && !it.Waiting, q.status == store.StatusDone && it.Waiting:
			continue
		case q.text != "" && !strings.Contains(strings.ToLower(it.Buyer+" "+it.Product+" "+it.Text), q.text):
			continue
		}
		m.order = append(m.order, i)
	}
	slices.SortFunc(m.order, func(a, b int) int {
		return q.compare(place(f.items[a]), f.items[a].ID, place(f.items[b]), f.items[b].ID)
	})
	for p, i := range m.order {
		m.pos[f.items[i].ID] = p
	}
	if f.matches == nil {
		f.matches = map[fakeQuery]*fakeMatch{}
	}
	f.matches[q] = m
	return q, m
}

// at is the list position of the first row at or after the place (v, id)
// in q's order; len(order) when none is.
func (f *fakeRows) at(q fakeQuery, m *fakeMatch, v int64, id string) int {
	return sort.Search(len(m.order), func(p int) bool {
		it := f.items[m.order[p]]
		return q.compare(place(it), it.ID, v, id) >= 0
	})
}

// rows are the rows at list positions [lo, hi), the first at position
// first.
func (f *fakeRows) rows(pq store.PaneQuery, m *fakeMatch, lo, hi, first int) []store.PaneRow {
	if f.data == nil {
		f.data = make([]json.RawMessage, len(f.items))
	}
	out := make([]store.PaneRow, 0, hi-lo)
	for p := lo; p < hi; p++ {
		i := m.order[p]
		it := f.items[i]
		if f.data[i] == nil {
			f.data[i], _ = json.Marshal(it)
		}
		r := store.Row{Kind: store.KindReturn, ID: it.ID, At: it.Date, NeedsAction: it.Waiting, Title: it.Buyer, Snippet: it.Text, Data: f.data[i]}
		out = append(out, store.RowAt(r, first+p-lo, pq.Sort, place(it)))
	}
	return out
}

func (f *fakeRows) Window(_ context.Context, pq store.PaneQuery, around store.Cursor, before, after int) ([]store.PaneRow, int, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case around.IsStart():
		f.calls = append(f.calls, "window start")
	case around.IsEnd():
		f.calls = append(f.calls, "window end")
	default:
		f.calls = append(f.calls, "window "+around.ID())
	}
	if err := f.takeFail(); err != nil {
		return nil, 0, 0, err
	}
	before, after = max(before, 0), max(after, 0)
	q, m := f.match(pq)
	total := len(m.order)
	if total == 0 {
		return nil, 0, 0, nil
	}
	anchor := 0 // the start, and an item that names no place
	if around.IsEnd() {
		anchor = total - 1
	} else if p, ok := m.pos[around.ID()]; ok {
		anchor = p
	} else if by, v, ok := around.Place(); ok && sameColumn(by, pq.Sort) {
		// the row left the list: the one that took its place, or the end
		anchor = min(f.at(q, m, v, around.ID()), total-1)
	}
	lo, hi := max(anchor-before, 0), min(anchor+after+1, total)
	if around.IsStart() {
		lo = 0
	}
	return f.rows(pq, m, lo, hi, lo), total, anchor, nil
}

func (f *fakeRows) Slide(_ context.Context, pq store.PaneQuery, row store.Cursor, pos, before, after int) ([]store.PaneRow, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "slide "+row.ID())
	if err := f.takeFail(); err != nil {
		return nil, false, err
	}
	before, after = max(before, 0), max(after, 0)
	_, m := f.match(pq)
	p, ok := m.pos[row.ID()]
	if !ok {
		return nil, false, nil // the row left: the Split reads a window
	}
	lo, hi := max(p-before, 0), min(p+after+1, len(m.order))
	// positions follow the caller's, as the store's Slide does: it does not count
	return f.rows(pq, m, lo, hi, pos-(p-lo)), true, nil
}

func (f *fakeRows) Count(_ context.Context, pq store.PaneQuery) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, m := f.match(pq)
	return len(m.order), nil
}

func (f *fakeRows) Next(_ context.Context, pq store.PaneQuery, from store.Cursor, forward bool) (string, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	by, v, ok := from.Place()
	if !ok || !sameColumn(by, pq.Sort) {
		return "", false, nil // the row's place in this order is unknown
	}
	q, m := f.match(pq)
	p := f.at(q, m, v, from.ID()) // the first at or after from
	if forward {
		if p < len(m.order) && f.items[m.order[p]].ID == from.ID() {
			p++
		}
	} else {
		p--
	}
	if p < 0 || p >= len(m.order) {
		return "", false, nil
	}
	return f.items[m.order[p]].ID, true, nil
}

// decodeTestItem is the test pane's SplitConfig.Decode.
func decodeTestItem(r store.PaneRow, _ time.Time) (testItem, error) {
	var it testItem
	err := json.Unmarshal(r.Data, &it)
	return it, err
}

// TestFakeRowsAnswerAsTheStore: over the same items, with no / text, the
// fake and a real store give the same windows (rows, positions, total,
// anchor), slides, counts and next items, for every kind of cursor, so the
// Split's tests over the fake prove what they would over the store.
func TestFakeRowsAnswerAsTheStore(t *testing.T) {
	ctx := context.Background()
	st := windowStore(t, 0)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var qs []models.Question
	var its []testItem
	for i := range 60 {
		q := models.Question{ID: fmt.Sprintf("q%03d", i), Text: "вопрос", State: models.QuestionNew,
			CreatedDate: models.Time{Time: t0.Add(time.Duration(i) * time.Minute)}}
		if i%4 == 1 {
			q.State, q.Answer = models.QuestionAnswered, &models.QuestionAnswer{Text: "да"}
		}
		qs = append(qs, q)
		its = append(its, testItem{ID: q.ID, Date: q.CreatedDate.Time, Waiting: i%4 != 1})
	}
	if _, err := st.PutQuestions(ctx, qs); err != nil {
		t.Fatal(err)
	}
	fake := newFakeRows(its)
	ids := func(rows []store.PaneRow) string {
		var b strings.Builder
		for _, r := range rows {
			fmt.Fprintf(&b, "%s@%d ", r.ID, r.Pos)
		}
		return b.String()
	}
	queries := map[string]store.PaneQuery{
		"all":                   {Kind: store.KindQuestion},
		"needs action":          {Kind: store.KindQuestion, Filter: store.Filter{Status: store.StatusNeedsAction}},
		"oldest first":          {Kind: store.KindQuestion, Sort: store.SortOldest},
		"done, oldest first":    {Kind: store.KindQuestion, Sort: store.SortOldest, Filter: store.Filter{Status: store.StatusDone}},
		"needs action, by date": {Kind: store.KindQuestion, Filter: store.Filter{Status: store.StatusNeedsAction}, Sort: store.SortNewest},
	}
	for name, q := range queries {
		all, _, _, err := st.Window(ctx, q, store.Start(), 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := fake.Count(ctx, q)
		if want, _ := st.Count(ctx, q); n != want {
			t.Errorf("%s: count %d, the store's %d", name, n, want)
		}
		mid := all[len(all)/2]
		_, v, _ := mid.Cursor().Place()
		cursors := map[string]store.Cursor{
			"start":              store.Start(),
			"end":                store.End(),
			"an item":            store.At(mid.ID),
			"an unknown item":    store.At("nope"),
			"a row":              all[3].Cursor(),
			"a gone row's place": store.RowAt(store.Row{ID: "gone"}, 0, q.Sort, v+30_000).Cursor(),
			"a place past the end": store.RowAt(store.Row{ID: "gone"}, 0, q.Sort,
				map[bool]int64{true: v + 10*time.Hour.Milliseconds(), false: v - 10*time.Hour.Milliseconds()}[q.Sort == store.SortOldest]).Cursor(),
		}
		for cname, c := range cursors {
			for _, ba := range [][2]int{{0, 0}, {2, 3}, {6, 6}} {
				wr, wt, wp, err := st.Window(ctx, q, c, ba[0], ba[1])
				if err != nil {
					t.Fatal(err)
				}
				fr, ft, fp, _ := fake.Window(ctx, q, c, ba[0], ba[1])
				if ids(fr) != ids(wr) || ft != wt || fp != wp {
					t.Errorf("%s, %s, %v: the fake's window %s(%d of %d), the store's %s(%d of %d)", name, cname, ba, ids(fr), fp, ft, ids(wr), wp, wt)
				}
			}
		}
		for _, r := range []store.PaneRow{all[0], all[4], all[len(all)-1]} {
			ws, wok, _ := st.Slide(ctx, q, r.Cursor(), r.Pos, 2, 2)
			fs, fok, _ := fake.Slide(ctx, q, r.Cursor(), r.Pos, 2, 2)
			if ids(fs) != ids(ws) || fok != wok {
				t.Errorf("%s: slide at %s: the fake's %s%v, the store's %s%v", name, r.ID, ids(fs), fok, ids(ws), wok)
			}
			next := q
			next.Filter.Status = store.StatusNeedsAction
			for _, fwd := range []bool{true, false} {
				wid, wok, _ := st.Next(ctx, next, r.Cursor(), fwd)
				fid, fok, _ := fake.Next(ctx, next, r.Cursor(), fwd)
				if fid != wid || fok != wok {
					t.Errorf("%s: next (forward %v) from %s: the fake's %q, the store's %q", name, fwd, r.ID, fid, wid)
				}
			}
		}
	}
	// a row that left the list is not slid around
	gone := store.RowAt(store.Row{ID: "gone"}, 5, store.SortNewest, t0.UnixMilli()).Cursor()
	if _, ok, _ := fake.Slide(ctx, queries["all"], gone, 5, 2, 2); ok {
		t.Error("the fake slid around a row it does not list")
	}
}
