package syncer

import (
	"context"
	"github.com/sellerinbox/sellerinbox/store"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func ceilDiv(n, d int) int { return max(1, (n+d-1)/d) }

// TestFirstSyncUsesFewestRequests syncs 10,000+ questions and 10,000+
// listed feedbacks from scratch under the real rate limits and checks that
// it takes exactly the fewest requests the API allows (pages of 10,000
// questions and 5,000 feedbacks, per answered state) and draws no 429.
func TestFirstSyncUsesFewestRequests(t *testing.T) {
	if testing.Short() || raceEnabled {
		// ~30k items take 85 s to store under -race (4 s without);
		// TestSyncNarrowsWindows runs the same paths with small bounds.
		t.Skip("stores ~30k items; run without -race")
	}
	e := newEnv(t, sandbox.Options{Scale: 60}, nil) // the documented limits on both sides
	ctx := context.Background()
	totals := map[string]int{}
	for _, answered := range []bool{false, true} {
		q, err := e.wb.QuestionsCount(ctx, wb.CountQuery{IsAnswered: answered})
		if err != nil {
			t.Fatal(err)
		}
		f, err := e.wb.FeedbacksCount(ctx, wb.CountQuery{IsAnswered: answered})
		if err != nil {
			t.Fatal(err)
		}
		key := map[bool]string{false: "unanswered", true: "answered"}[answered]
		totals["q "+key], totals["f "+key] = q, f
	}
	if totals["q unanswered"]+totals["q answered"] < 10_000 || totals["f unanswered"]+totals["f answered"] < 10_000 {
		t.Fatalf("the scale gives too few items: %v", totals)
	}
	if totals["q answered"] <= wb.MaxQuestionsWindow {
		t.Fatalf("no question list exceeds the 10,000 window, so narrowing goes untested: %v", totals)
	}
	want := ceilDiv(totals["q unanswered"], wb.MaxQuestionsWindow) + ceilDiv(totals["q answered"], wb.MaxQuestionsWindow) +
		ceilDiv(totals["f unanswered"], wb.MaxFeedbacksTake) + ceilDiv(totals["f answered"], wb.MaxFeedbacksTake)

	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{})
	e.cnt.start()
	began := time.Now()
	syncAll(t, sy, store.PaneQuestions)
	syncAll(t, sy, store.PaneFeedbacks)
	t.Logf("totals %v: %d requests in %v", totals, e.cnt.count(""), time.Since(began).Round(time.Millisecond))
	if got := e.cnt.count(""); got != want {
		t.Errorf("first sync took %d requests, the fewest possible is %d", got, want)
	}
	if n := e.cnt.status(429); n != 0 {
		t.Errorf("drew %d answers 429", n)
	}
	counts, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantQ := store.Count{Total: totals["q unanswered"] + totals["q answered"], NeedsAction: totals["q unanswered"]}
	wantF := store.Count{Total: totals["f unanswered"] + totals["f answered"], NeedsAction: totals["f unanswered"]}
	if counts[store.KindQuestion] != wantQ || counts[store.KindFeedback] != wantF {
		t.Errorf("stored questions %+v (want %+v), feedbacks %+v (want %+v)", counts[store.KindQuestion], wantQ, counts[store.KindFeedback], wantF)
	}
}

// TestSyncNarrowsWindows runs the windowed paging with tiny bounds, so that
// both lists outgrow their windows many times over: every item arrives once
// and the requests are the fewest the bounds allow.
func TestSyncNarrowsWindows(t *testing.T) {
	e := newEnv(t, sandbox.Options{Scale: 4}, nil)
	ctx := context.Background()
	bounds := fqBounds{questionsWindow: 150, feedbacksTake: 60, feedbacksSkip: 120}
	totals := map[bool][2]int{}
	for _, answered := range []bool{false, true} {
		q, err := e.wb.QuestionsCount(ctx, wb.CountQuery{IsAnswered: answered})
		if err != nil {
			t.Fatal(err)
		}
		f, err := e.wb.FeedbacksCount(ctx, wb.CountQuery{IsAnswered: answered})
		if err != nil {
			t.Fatal(err)
		}
		totals[answered] = [2]int{q, f}
	}
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{MaxRequests: 7})
	sy.fq = bounds
	e.cnt.start()
	syncAll(t, sy, store.PaneQuestions)
	gotQ := e.cnt.count("/api/v1/questions")
	syncAll(t, sy, store.PaneFeedbacks)
	gotF := e.cnt.count("/api/v1/feedbacks")
	wantQ := ceilDiv(totals[false][0], 150) + ceilDiv(totals[true][0], 150)
	wantF := ceilDiv(totals[false][1], 60) + ceilDiv(totals[true][1], 60)
	if gotQ != wantQ || gotF != wantF {
		t.Errorf("requests: questions %d (want %d), feedbacks %d (want %d); totals %v", gotQ, wantQ, gotF, wantF, totals)
	}
	if e.cnt.status(429) != 0 {
		t.Error("drew a 429")
	}
	counts, _ := st.Counts(ctx)
	if counts[store.KindQuestion] != (store.Count{Total: totals[false][0] + totals[true][0], NeedsAction: totals[false][0]}) ||
		counts[store.KindFeedback] != (store.Count{Total: totals[false][1] + totals[true][1], NeedsAction: totals[false][1]}) {
		t.Errorf("stored %+v / %+v, server has %v", counts[store.KindQuestion], counts[store.KindFeedback], totals)
	}
}
