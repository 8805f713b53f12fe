package syncer

import (
	"context"
	"errors"
	"github.com/sellerinbox/sellerinbox/store"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestSyncScenarioNewWorkAppears(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, ReconcileEvery: time.Nanosecond})
	for _, p := range store.Panes {
		r := syncAll(t, sy, p)
		if r.Changes.Added == 0 {
			t.Fatalf("first sync of %s stored nothing", p)
		}
	}
	counts, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The store agrees with the server's own counters.
	qc, _ := e.wb.QuestionsCountUnanswered(ctx)
	fc, _ := e.wb.FeedbacksCountUnanswered(ctx)
	claims, _ := e.wb.Claims(ctx, wb.ClaimsQuery{Limit: 1})
	if counts[store.KindQuestion].NeedsAction != qc.CountUnanswered || counts[store.KindFeedback].NeedsAction != fc.CountUnanswered ||
		counts[store.KindClaim].NeedsAction != claims.Total {
		t.Fatalf("store %+v; server questions %d feedbacks %d claims %d", counts, qc.CountUnanswered, fc.CountUnanswered, claims.Total)
	}
	for _, k := range []store.Kind{store.KindChat, store.KindReturn} {
		if counts[k].Total == 0 || counts[k].NeedsAction == 0 {
			t.Fatalf("%s: %+v", k, counts[k])
		}
	}
	// Overlapping syncs add nothing.
	for _, p := range store.Panes {
		if r := syncAll(t, sy, p); r.Changes.Added != 0 {
			t.Errorf("second sync of %s added %d", p, r.Changes.Added)
		}
	}
	again, _ := st.Counts(ctx)
	if !mapsEqual(again, counts) {
		t.Fatalf("counts changed by a repeated sync: %+v → %+v", counts, again)
	}
	prev := store.PendingByPane(again)

	// Buyers act; a poll notices, a sync brings it in, the badges grow.
	if p, err := sy.Poll(ctx, Foreground); err != nil || len(p.Stale) != 0 {
		t.Fatalf("poll with nothing new: %+v %v", p, err)
	}
	qid := e.sb.AddQuestion("Есть ли этот чай в жестяной банке?")
	cid := e.sb.AddClaim()
	var chatID string
	for _, id := range e.sb.ChatIDs() {
		if row, ok, _ := st.Get(ctx, store.KindChat, id); ok && !row.NeedsAction {
			chatID = id
			break
		}
	}
	if chatID == "" || !e.sb.AddBuyerMessage(chatID, "Здравствуйте, а где чек?") {
		t.Fatal("no answered chat to write to")
	}
	poll, err := sy.Poll(ctx, Foreground)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(poll.Stale, []store.Pane{store.PaneQuestions, store.PaneChats, store.PaneClaims}) {
		t.Fatalf("poll found %v stale", poll.Stale)
	}
	for _, p := range poll.Stale {
		syncAll(t, sy, p)
	}
	after, _ := st.Counts(ctx)
	gained := store.Gained(prev, store.PendingByPane(after))
	want := []store.Gain{{Pane: store.PaneQuestions, Added: 1}, {Pane: store.PaneChats, Added: 1}, {Pane: store.PaneClaims, Added: 1}}
	if !slices.Equal(gained, want) {
		t.Fatalf("gained %v, want %v", gained, want)
	}
	inbox, err := st.Inbox(ctx, time.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, u := range inbox {
		found[string(u.Kind)+":"+u.ID] = true
	}
	for _, k := range []string{"question:" + qid, "claim:" + cid, "chat:" + chatID} {
		if !found[k] {
			t.Errorf("%s is not in the inbox", k)
		}
	}
	if hits, _ := st.Search(ctx, "жестяной", 5); len(hits) != 1 || hits[0].ID != qid {
		t.Errorf("new question not searchable: %+v", hits)
	}

	// A colleague answers elsewhere: the next sync reconciles it away.
	if _, err := e.wb.AnswerQuestion(ctx, qid, "Да, есть в жестяной банке."); err != nil {
		t.Fatal(err)
	}
	syncAll(t, sy, store.PaneQuestions)
	if row, _, _ := st.Get(ctx, store.KindQuestion, qid); row.NeedsAction {
		t.Error("a question answered elsewhere still awaits an answer")
	}
	claim, _, _ := st.GetClaim(ctx, cid)
	if _, err := e.wb.AnswerClaim(ctx, claim, claim.Actions[0], ""); err != nil {
		t.Fatal(err)
	}
	syncAll(t, sy, store.PaneClaims)
	if row, _, _ := st.Get(ctx, store.KindClaim, cid); row.NeedsAction {
		t.Error("an answered claim still awaits an answer")
	}
}

func mapsEqual(a, b map[store.Kind]store.Count) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSyncResumesFromSavedCursor(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	dir := t.TempDir()
	st := openAt(t, dir)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 2})
	e.cnt.start()
	// Chats: the list, then the first events page; the call stops there.
	r, err := sy.Sync(ctx, store.PaneChats, Foreground)
	if err != nil || !r.More || r.Requests != 2 {
		t.Fatalf("bounded chat sync: %+v %v", r, err)
	}
	next, _ := st.Cursor(ctx, chatNextCursor)
	if n, _ := strconv.ParseInt(next, 10, 64); n <= 0 {
		t.Fatalf("events cursor not saved: %q", next)
	}
	// YM returns: two pages, then stop.
	if r, err := sy.Sync(ctx, store.PaneReturns, Foreground); err != nil || !r.More {
		t.Fatalf("bounded returns sync: %+v %v", r, err)
	}
	stored, _ := st.Counts(ctx)

	// "Restart": a new store and syncer on the same file.
	st = reopen(t, st)
	sy = e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1})
	if c, _ := st.Counts(ctx); !mapsEqual(c, stored) {
		t.Fatalf("reopened store lost items: %+v vs %+v", c, stored)
	}
	if _, err := sy.Sync(ctx, store.PaneChats, Foreground); err != nil {
		t.Fatal(err)
	}
	if got := e.cnt.last("/api/v1/seller/events").URL.Query().Get("next"); got != next {
		t.Fatalf("after restart the feed was read from %q, not the saved %q", got, next)
	}
	if n := e.cnt.count("/api/v1/seller/chats"); n != 1 {
		t.Fatalf("the chat list was read %d times; its time is saved too", n)
	}
	var cur returnsCursor
	if err := sy.loadCursor(ctx, returnsCursorName, &cur); err != nil || cur.Sweep == nil || cur.Sweep.PageToken == "" {
		t.Fatalf("returns cursor: %+v %v", cur, err)
	}
	if _, err := sy.Sync(ctx, store.PaneReturns, Foreground); err != nil {
		t.Fatal(err)
	}
	if got := e.cnt.last("/v2/campaigns/1000/returns").URL.Query().Get("pageToken"); got != cur.Sweep.PageToken {
		t.Fatalf("after restart returns were read from token %q, not the saved %q", got, cur.Sweep.PageToken)
	}
	// Finishing both from there leaves exactly the server's items.
	syncAll(t, sy, store.PaneChats)
	syncAll(t, sy, store.PaneReturns)
	all, err := e.ym.AllReturns(ctx, ym.ReturnsQuery{Limit: ym.MaxReturnsLimit})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := st.Counts(ctx); c[store.KindReturn].Total != len(all) {
		t.Fatalf("stored %d returns, server has %d", c[store.KindReturn].Total, len(all))
	}
}

func TestOfflineStartKeepsData(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openAt(t, t.TempDir())
	sy := e.syncer(st, SyncOptions{Limits: lim})
	syncAll(t, sy, store.PaneQuestions)
	syncAll(t, sy, store.PaneChats)
	before, _ := st.Counts(ctx)
	inboxBefore, _ := st.Inbox(ctx, time.Now(), 0)
	e.run.Close()

	st = reopen(t, st)
	sy = e.syncer(st, SyncOptions{Limits: lim, ReconcileEvery: time.Nanosecond})
	for _, p := range []store.Pane{store.PaneQuestions, store.PaneChats} {
		_, err := sy.Sync(ctx, p, Foreground)
		if !api.IsKind(err, api.KindNetwork) {
			t.Fatalf("sync of %s with the service down: %v, want a network error", p, err)
		}
	}
	if _, err := sy.Poll(ctx, Foreground); !api.IsKind(err, api.KindNetwork) {
		t.Fatalf("poll with the service down: %v", err)
	}
	after, _ := st.Counts(ctx)
	inboxAfter, _ := st.Inbox(ctx, time.Now(), 0)
	if !mapsEqual(before, after) || len(inboxAfter) != len(inboxBefore) {
		t.Fatalf("failed syncs changed the store: %+v → %+v", before, after)
	}
	qs, _, err := st.ListQuestions(ctx, store.ListQuery{Limit: 10})
	if err != nil || len(qs) != 10 {
		t.Fatalf("listing offline: %d %v", len(qs), err)
	}
}

func TestBackgroundSyncLeavesBudgetToTheUser(t *testing.T) {
	// A small bucket on both sides: burst 3, one request per second.
	lim := fastLimits()
	lim["wb.feedbacks"] = api.Limit{Per: time.Second, Burst: 3, Window: 3 * time.Second, Max: 3}
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, Reserve: 2, MaxWait: -1})
	r, err := sy.Sync(ctx, store.PaneQuestions, Background)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Deferred || !r.More || r.Requests != 1 || r.RetryAfter <= 0 || r.RetryAfter > time.Second {
		t.Fatalf("background sync with 2 requests left: %+v", r)
	}
	// The user's action goes through at once: the reserve is there.
	began := time.Now()
	if _, err := e.wb.QuestionsCountUnanswered(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > 300*time.Millisecond {
		t.Fatalf("the user's request waited %v behind background sync", d)
	}
	// Foreground sync does not defer; it finishes the sweep.
	r, err = sy.Sync(ctx, store.PaneQuestions, Foreground)
	if err != nil || r.More || r.Deferred {
		t.Fatalf("foreground sync: %+v %v", r, err)
	}
	if e.cnt.status(429) != 0 {
		t.Fatal("drew a 429")
	}
}

func TestSyncWithoutClient(t *testing.T) {
	sy := NewSyncer(openTemp(t), nil, nil, SyncOptions{})
	for _, p := range store.Panes {
		if _, err := sy.Sync(context.Background(), p, Foreground); !errors.Is(err, ErrNoClient) {
			t.Errorf("%s: %v", p, err)
		}
	}
}
