package ym

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// getCampaigns shares the business's four parallel slots: with four
// getBusinessOrders of the same business in flight it waits instead of
// drawing Yandex Market's 420.
func TestGetCampaignsTakesTheBusinessParallelSlot(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{}, api.YMParallel)
	var campaigns atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/businesses/2000/orders":
			arrived <- struct{}{}
			<-release
			_, _ = w.Write([]byte(`{"orders":[],"paging":{}}`))
		case "/v2/campaigns":
			campaigns.Add(1)
			_, _ = w.Write([]byte(`{"campaigns":[],"paging":{}}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	tr, err := api.NewTransport(api.Config{
		BaseURLs: map[api.Service]string{api.ServiceYM: srv.URL},
		Tokens:   map[api.Service]api.Secret{api.ServiceYM: api.NewSecret("test-ym-token")},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := New(tr, 1000)
	c.businessID = 2000
	ctx := context.Background()
	var wg sync.WaitGroup
	for range api.YMParallel {
		wg.Go(func() {
			if _, err := c.GetBusinessOrders(ctx, BusinessOrdersQuery{}); err != nil {
				t.Error(err)
			}
		})
	}
	for range api.YMParallel {
		<-arrived
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, err = c.GetCampaigns(short, CampaignsQuery{})
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) && !isKind(err, api.KindCanceled) {
		t.Errorf("getCampaigns beside 4 business calls: %v; want it held back", err)
	}
	if n := campaigns.Load(); n != 0 {
		t.Errorf("getCampaigns went out as a fifth parallel request of the business (%d sent)", n)
	}
	close(release)
	wg.Wait()
	if _, err := c.GetCampaigns(ctx, CampaignsQuery{}); err != nil || campaigns.Load() != 1 {
		t.Errorf("getCampaigns after the slots freed: %v, %d sent", err, campaigns.Load())
	}
}

func isKind(err error, k api.Kind) bool {
	e, ok := api.AsError(err)
	return ok && e.Kind == k
}
