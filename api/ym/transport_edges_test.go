package ym

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// rawClient is a client against a plain handler, for answers the sandbox
// never gives.
func rawClient(t *testing.T, h http.HandlerFunc, tweak func(*api.Config)) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := api.Config{
		BaseURLs: map[api.Service]string{api.ServiceYM: srv.URL},
		Tokens:   map[api.Service]api.Secret{api.ServiceYM: api.NewSecret("ym-test-token")},
		Sleep:    func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
	if tweak != nil {
		tweak(&c)
	}
	tr, err := api.NewTransport(c)
	if err != nil {
		t.Fatal(err)
	}
	return New(tr, 1000)
}

func TestReturnPhotoHashIsEscapedOnce(t *testing.T) {
	var got atomic.Value
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.EscapedPath())
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte("\xff\xd8\xff\xe0 jpeg"))
	}, nil)
	if _, err := c.GetReturnPhoto(context.Background(), 1, 2, 3, "ab cd%ef"); err != nil {
		t.Fatal(err)
	}
	if g, want := got.Load().(string), "/v2/campaigns/1000/orders/1/returns/2/decision/3/image/ab%20cd%25ef"; g != want {
		t.Errorf("sent %s, want %s", g, want)
	}
}

func TestReturnPhotoHasADownloadDeadline(t *testing.T) {
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond) // slower than a plain request may take
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte("\xff\xd8\xff\xe0 jpeg"))
	}, func(cfg *api.Config) {
		cfg.RequestTimeout = 50 * time.Millisecond
		cfg.MaxAttempts = 1
	})
	if _, err := c.GetReturnPhoto(context.Background(), 1, 2, 3, "abc"); err != nil {
		t.Fatalf("a 50 MB photo must not share a plain request's deadline: %v", err)
	}
	if _, err := c.GetReturns(context.Background(), ReturnsQuery{}); !api.IsKind(err, api.KindNetwork) {
		t.Errorf("a plain request keeps its short deadline: %v", err)
	}
}

func TestStatusErrorInside200IsAnError(t *testing.T) {
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ERROR","errors":[{"code":"BAD_REQUEST","message":"fromDate is later than toDate"}]}`)
	}, nil)
	_, err := c.GetReturns(context.Background(), ReturnsQuery{})
	e, ok := api.AsError(err)
	if !ok || e.Op != "getReturns" || e.Code != "BAD_REQUEST" || !strings.Contains(err.Error(), "fromDate is later") {
		t.Fatalf("got %v", err)
	}
}

func TestForeignBodyIsNotAnEmptyList(t *testing.T) {
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"evil":true}`)
	}, nil)
	page, err := c.GetReturns(context.Background(), ReturnsQuery{})
	if !api.IsKind(err, api.KindDecode) {
		t.Fatalf("want a decode error, got %v (page %+v)", err, page)
	}
}
