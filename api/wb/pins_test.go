package wb

import (
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func allPins(t *testing.T, c *Client, f PinsFilter, limit int) []models.Pin {
	t.Helper()
	var out []models.Pin
	next := int64(0)
	for range 100 {
		p, err := c.Pins(ctxT(t), f, next, limit)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Pins...)
		if p.Next == 0 {
			return out
		}
		next = p.Next
	}
	t.Fatal("pins paging does not end")
	return nil
}

func TestPinsListCountAndLimits(t *testing.T) {
	c := startPins(t, sandbox.Options{})
	ctx := ctxT(t)
	all := allPins(t, c, PinsFilter{}, 0)
	paged := allPins(t, c, PinsFilter{}, 2)
	if len(all) < 4 || len(paged) != len(all) {
		t.Fatalf("one page %d pins, pages of 2: %d", len(all), len(paged))
	}
	for i, p := range paged {
		if p.PinID != all[i].PinID || p.FeedbackID == "" || p.NmID == 0 || p.ImtID == 0 || p.ChangeStateAt.IsZero() {
			t.Errorf("pin %d: %+v", i, p)
		}
		if p.State == models.Unpinned && p.UnpinnedCause.Label() == "" {
			t.Errorf("unpinned without a cause: %+v", p)
		}
	}
	count, err := c.PinsCount(ctx, PinsFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if count != len(all) {
		t.Errorf("count %d, list %d", count, len(all))
	}
	pinned := allPins(t, c, PinsFilter{State: models.Pinned}, 0)
	n, err := c.PinsCount(ctx, PinsFilter{State: models.Pinned})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(pinned) || n == 0 || n == len(all) {
		t.Errorf("pinned: count %d, list %d of %d", n, len(pinned), len(all))
	}
	byNm := allPins(t, c, PinsFilter{NmID: all[0].NmID, PinOn: all[0].PinOn, DateTo: time.Now()}, 0)
	if len(byNm) == 0 {
		t.Error("filter by the first pin's card found nothing")
	}
	for _, p := range byNm {
		if p.NmID != all[0].NmID || p.PinOn != all[0].PinOn {
			t.Errorf("filter let %+v through", p)
		}
	}
	lim, err := c.PinsLimits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lim.Subscription == nil || lim.Tariff == nil {
		t.Fatalf("limits %+v", lim)
	}
	used := 0
	for _, p := range pinned {
		if p.PinMethod == models.PinBySubscription {
			used++
		}
	}
	if s := lim.Subscription; s.Used != used || s.Remaining != s.TotalLimit-s.Used || s.PerUnitLimit < 1 {
		t.Errorf("subscription limit %+v, %d pinned by subscription", *s, used)
	}
}

func TestPinAndUnpin(t *testing.T) {
	c := startPins(t, sandbox.Options{})
	ctx := ctxT(t)
	before := allPins(t, c, PinsFilter{State: models.Pinned}, 0)
	busy := map[int64]bool{}
	for _, p := range before {
		busy[p.NmID] = true
	}
	f := findFeedback(t, c, true, func(f models.Feedback) bool {
		return f.ProductValuation == 5 && !busy[f.ProductDetails.NmID]
	})
	res, err := c.Pin(ctx, []models.PinRequest{{PinMethod: models.PinBySubscription, PinOn: models.PinOnNM, FeedbackID: f.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || !res[0].OK() || res[0].FeedbackID != f.ID {
		t.Fatalf("results %+v", res)
	}
	after := allPins(t, c, PinsFilter{State: models.Pinned}, 0)
	if len(after) != len(before)+1 || after[len(after)-1].PinID != res[0].PinID || after[len(after)-1].FeedbackID != f.ID {
		t.Fatalf("list after pinning: %+v", after)
	}

	// Pinning again, and an unknown feedback: per-item errors, surfaced as
	// one error beside the results.
	res, err = c.Pin(ctx, []models.PinRequest{
		{PinMethod: models.PinBySubscription, PinOn: models.PinOnNM, FeedbackID: f.ID},
		{PinMethod: models.PinByTariff, PinOn: models.PinOnIMT, FeedbackID: "NoSuchFeedback000000"},
	})
	e := wantKind(t, err, api.KindValidation)
	if len(res) != 2 || res[0].OK() || res[1].OK() ||
		res[0].Errors[0].Status != models.PinAlreadyPinned || res[1].Errors[0].Status != models.PinFeedbackNotFound {
		t.Fatalf("results %+v", res)
	}
	if !strings.Contains(e.Message, "2 of 2 feedbacks were not pinned") || !strings.Contains(e.Message, "NoSuchFeedback000000") {
		t.Errorf("message %q", e.Message)
	}

	mine := after[len(after)-1].PinID
	done, err := c.Unpin(ctx, []int64{mine})
	if err != nil || len(done) != 1 || done[0] != mine {
		t.Fatalf("unpin: %v %v", done, err)
	}
	if n, err := c.PinsCount(ctx, PinsFilter{State: models.Pinned}); err != nil || n != len(before) {
		t.Errorf("pinned count after unpinning: %d (%v), want %d", n, err, len(before))
	}
}

func TestUnpinConfirmsEachID(t *testing.T) {
	c := startPins(t, sandbox.Options{})
	ctx := ctxT(t)
	pinned := allPins(t, c, PinsFilter{State: models.Pinned}, 0)
	target := pinned[0].PinID
	done, err := c.Unpin(ctx, []int64{target})
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0] != target {
		t.Fatalf("unpinned %v", done)
	}
	for _, p := range allPins(t, c, PinsFilter{}, 0) {
		if p.PinID == target {
			t.Errorf("a pin the seller removed is still listed: %+v", p)
		}
	}
	done, err = c.Unpin(ctx, []int64{target, 99})
	e := wantKind(t, err, api.KindNotFound)
	if len(done) != 0 || !strings.Contains(e.Message, "99") {
		t.Errorf("done %v, message %q", done, e.Message)
	}
}

func TestPinLimitsEnforced(t *testing.T) {
	c := startPins(t, sandbox.Options{Scale: 2})
	ctx := ctxT(t)
	lim, err := c.PinsLimits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	busy := map[int64]bool{}
	for _, p := range allPins(t, c, PinsFilter{}, 0) {
		busy[p.NmID] = true
	}
	page, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: true, Take: MaxFeedbacksTake})
	if err != nil {
		t.Fatal(err)
	}
	// Two feedbacks on one free card: the tariff allows one pin per card.
	byNm := map[int64][]string{}
	for _, f := range page.Feedbacks {
		if nm := f.ProductDetails.NmID; !busy[nm] {
			byNm[nm] = append(byNm[nm], f.ID)
		}
	}
	var same []string
	for _, ids := range byNm {
		if len(ids) >= 2 {
			same = ids[:2]
			break
		}
	}
	if same == nil {
		t.Fatal("no free card with two feedbacks")
	}
	tariff := func(id string) models.PinRequest {
		return models.PinRequest{PinMethod: models.PinByTariff, PinOn: models.PinOnNM, FeedbackID: id}
	}
	res, err := c.Pin(ctx, []models.PinRequest{tariff(same[0]), tariff(same[1])})
	wantKind(t, err, api.KindValidation)
	if !res[0].OK() || res[1].OK() || res[1].Errors[0].Status != models.PinUnitLimitReached {
		t.Fatalf("per-card limit: %+v", res)
	}
	// Then more than the remaining allowance, one per card.
	var reqs []models.PinRequest
	used := map[int64]bool{}
	for _, f := range page.Feedbacks {
		if nm := f.ProductDetails.NmID; !used[nm] && nm != 0 {
			used[nm] = true
			reqs = append(reqs, models.PinRequest{PinMethod: models.PinByTariff, PinOn: models.PinOnIMT, FeedbackID: f.ID})
		}
	}
	res, err = c.Pin(ctx, reqs)
	wantKind(t, err, api.KindValidation)
	ok, statuses := 1, map[models.PinErrorStatus]int{}
	for _, r := range res {
		if r.OK() {
			ok++
		} else {
			statuses[r.Errors[0].Status]++
		}
	}
	if ok != lim.Tariff.Remaining || statuses[models.PinGlobalLimitReached] == 0 {
		t.Errorf("%d pinned of %d remaining; refusals %v", ok, lim.Tariff.Remaining, statuses)
	}
	after, err := c.PinsLimits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Tariff.Used != lim.Tariff.Used+ok || after.Tariff.Remaining != 0 {
		t.Errorf("tariff limit %+v -> %+v after %d pins", *lim.Tariff, *after.Tariff, ok)
	}
}

func TestPinsValidatedBeforeSending(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	good := models.PinRequest{PinMethod: models.PinByTariff, PinOn: models.PinOnNM, FeedbackID: "abc"}
	many := make([]models.PinRequest, MaxPinsPerRequest+1)
	for i := range many {
		many[i] = good
	}
	manyIDs := make([]int64, MaxPinsPerRequest+1)
	for i := range manyIDs {
		manyIDs[i] = int64(i + 1)
	}
	cases := map[string]func() error{
		"no items":  func() error { _, err := c.Pin(ctx, nil); return err },
		"501 items": func() error { _, err := c.Pin(ctx, many); return err },
		"empty ID": func() error {
			_, err := c.Pin(ctx, []models.PinRequest{{PinMethod: "tariff", PinOn: "nm"}})
			return err
		},
		"bad method": func() error {
			_, err := c.Pin(ctx, []models.PinRequest{{PinMethod: "free", PinOn: "nm", FeedbackID: "a"}})
			return err
		},
		"bad place": func() error {
			_, err := c.Pin(ctx, []models.PinRequest{{PinMethod: "tariff", PinOn: "card", FeedbackID: "a"}})
			return err
		},
		"no pin IDs":    func() error { _, err := c.Unpin(ctx, nil); return err },
		"501 pin IDs":   func() error { _, err := c.Unpin(ctx, manyIDs); return err },
		"zero pin ID":   func() error { _, err := c.Unpin(ctx, []int64{0}); return err },
		"bad state":     func() error { _, err := c.Pins(ctx, PinsFilter{State: "gone"}, 0, 0); return err },
		"bad limit":     func() error { _, err := c.Pins(ctx, PinsFilter{}, 0, 501); return err },
		"negative next": func() error { _, err := c.Pins(ctx, PinsFilter{}, -1, 0); return err },
		"count place":   func() error { _, err := c.PinsCount(ctx, PinsFilter{PinOn: "x"}); return err },
	}
	for name, call := range cases {
		t.Run(name, func(t *testing.T) { wantKind(t, call(), api.KindValidation) })
	}
	for op, n := range h.Validator.Seen() {
		t.Errorf("%s sent %d times for invalid input", op, n)
	}
}
