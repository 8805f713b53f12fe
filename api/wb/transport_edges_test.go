package wb

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
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
	tok := api.NewSecret("wb-test-token")
	c := api.Config{
		BaseURLs: map[api.Service]string{api.ServiceWBChat: srv.URL, api.ServiceWBFeedbacks: srv.URL, api.ServiceWBReturns: srv.URL},
		Tokens:   map[api.Service]api.Secret{api.ServiceWBChat: tok, api.ServiceWBFeedbacks: tok, api.ServiceWBReturns: tok},
		Sleep:    func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
	if tweak != nil {
		tweak(&c)
	}
	tr, err := api.NewTransport(c)
	if err != nil {
		t.Fatal(err)
	}
	return New(tr)
}

func TestChatDownloadIDIsEscapedOnce(t *testing.T) {
	var got atomic.Value
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.EscapedPath())
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4")
	}, nil)
	if _, _, err := c.Download(context.Background(), "ab cd%ef"); err != nil {
		t.Fatal(err)
	}
	if g, want := got.Load().(string), "/api/v1/seller/download/ab%20cd%25ef"; g != want {
		t.Errorf("sent %s, want %s", g, want)
	}
}

func TestChatDownloadHasADownloadDeadline(t *testing.T) {
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4")
	}, func(cfg *api.Config) {
		cfg.RequestTimeout = 50 * time.Millisecond
		cfg.MaxAttempts = 1
	})
	if _, _, err := c.Download(context.Background(), "f1"); err != nil {
		t.Fatalf("a file download must not share a plain request's deadline: %v", err)
	}
}

func TestForeignChatListIsNotEmpty(t *testing.T) {
	c := rawClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"evil":true}`)
	}, nil)
	chats, err := c.Chats(context.Background())
	if !api.IsKind(err, api.KindDecode) {
		t.Fatalf("want a decode error, got %v (%d chats)", err, len(chats))
	}
	if _, err := c.Questions(context.Background(), QuestionsQuery{Take: 10}); !api.IsKind(err, api.KindDecode) {
		t.Errorf("questions: want a decode error, got %v", err)
	}
}
