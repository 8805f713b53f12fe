package ym

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

func TestWrongTokenIsAnAuthErrorWithoutTheToken(t *testing.T) {
	const token = "y0_AgAAAAAwrongwrongwrongSECRETtoken"
	h := contract.Start(t, sandbox.Options{}, func(c *api.Config) {
		c.Tokens[api.ServiceYM] = api.NewSecret(token)
	})
	c := New(h.Transport, sandbox.CampaignID)
	ctx := context.Background()
	calls := map[string]func() error{
		"getReturns":     func() error { _, err := c.GetReturns(ctx, ReturnsQuery{}); return err },
		"getReturn":      func() error { _, err := c.GetReturn(ctx, 1, 2); return err },
		"getCampaigns":   func() error { _, err := c.GetCampaigns(ctx, CampaignsQuery{}); return err },
		"getReturnPhoto": func() error { _, err := c.GetReturnPhoto(ctx, 1, 2, 3, "abc"); return err },
		"submitReturnDecision": func() error {
			return c.SubmitReturnDecision(ctx, 1, 2, []models.YMItemDecision{{ReturnItemID: 3, DecisionType: models.YMDecisionRefundMoney}})
		},
	}
	for op, call := range calls {
		t.Run(op, func(t *testing.T) {
			err := call()
			e := wantKind(t, err, api.KindAuth)
			if e.Status != http.StatusUnauthorized || e.Op != op {
				t.Errorf("status %d op %s", e.Status, e.Op)
			}
			msg := err.Error()
			if !strings.Contains(msg, "Yandex Market rejected the Api-Key") || !strings.Contains(msg, "sellerinbox login ym") {
				t.Errorf("not the human sentence: %q", msg)
			}
			if strings.Contains(msg, token) || strings.Contains(fmt.Sprintf("%+v %#v", e, e), token) {
				t.Errorf("the token leaked: %q", msg)
			}
		})
	}
}

func TestInvalidCampaignIsRefusedBeforeSending(t *testing.T) {
	h, _ := start(t)
	ctx := context.Background()
	for _, id := range []int64{0, -1000} {
		c := New(h.Transport, id)
		calls := map[string]func() error{
			"getReturns":                  func() error { _, err := c.GetReturns(ctx, ReturnsQuery{}); return err },
			"getReturn":                   func() error { _, err := c.GetReturn(ctx, 1, 2); return err },
			"getReturnPhoto":              func() error { _, err := c.GetReturnPhoto(ctx, 1, 2, 3, "abc"); return err },
			"getReturnApplication":        func() error { _, err := c.GetReturnApplication(ctx, 1, 2); return err },
			"getReturnAvailableDecisions": func() error { _, err := c.GetReturnAvailableDecisions(ctx, 2); return err },
			"submitReturnDecision":        func() error { return c.ConfirmReturnDecision(ctx, 1, 2) },
			"setReturnDecision": func() error {
				return c.SetReturnDecision(ctx, 1, 2, models.YMSetDecision{ReturnItemID: 3, DecisionType: models.YMDecisionRefundMoney})
			},
			"getOrder":          func() error { _, err := c.GetOrder(ctx, 1); return err },
			"getBusinessOrders": func() error { _, err := c.Orders(ctx, []int64{1}); return err },
			"getCampaigns":      func() error { _, err := c.BusinessID(ctx); return err },
		}
		for op, call := range calls {
			t.Run(fmt.Sprintf("%s/%d", op, id), func(t *testing.T) {
				e := wantKind(t, call(), api.KindValidation)
				if !strings.Contains(e.Message, "campaign ID") || e.Op != op {
					t.Errorf("op %s message %q", e.Op, e.Message)
				}
			})
		}
	}
	if seen := h.Validator.Seen(); len(seen) != 0 {
		t.Errorf("requests were sent: %v", seen)
	}
}

// The client's per-group limiter and its four-in-flight cap keep a burst
// within what the service allows: no 420 reaches the wire.
func TestBurstDrawsNo420(t *testing.T) {
	var statuses sync.Map
	var inFlight, peak atomic.Int32
	h := contract.Start(t, sandbox.Options{}, func(c *api.Config) {
		next := c.HTTPClient.Transport
		c.HTTPClient.Transport = roundTrip(func(r *http.Request) (*http.Response, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			resp, err := next.RoundTrip(r)
			if err == nil {
				v, _ := statuses.LoadOrStore(resp.StatusCode, new(atomic.Int32))
				v.(*atomic.Int32).Add(1)
			}
			return resp, err
		})
	})
	c := New(h.Transport, sandbox.CampaignID)
	ctx := context.Background()
	page, err := c.GetReturns(ctx, ReturnsQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	statuses.Clear()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := range 10 {
		wg.Go(func() {
			for i := range 10 {
				r := page.Returns[(g+i)%len(page.Returns)]
				if _, err := c.GetReturn(ctx, r.OrderID, r.ID); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := map[int]int32{}
	statuses.Range(func(k, v any) bool { got[k.(int)] = v.(*atomic.Int32).Load(); return true })
	if got[200] != 100 || len(got) != 1 {
		t.Errorf("statuses of the burst: %v; want 100 × 200 and no 420", got)
	}
	if p := peak.Load(); p > api.YMParallel {
		t.Errorf("%d requests in flight at once; the cap is %d", p, api.YMParallel)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
