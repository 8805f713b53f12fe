// Package sandbox is an in-process imitation of the Yandex Market and
// Wildberries services sellerinbox talks to: the same paths, payloads, error
// bodies, validation rules and rate limits, with deterministic Russian seed
// data. The four services' paths do not collide, so one listener serves all.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Demo credentials. Anything else gets the service's 401 body.
const (
	WBToken    = "sandbox-wb-token"
	YMToken    = "sandbox-ym-token"
	CampaignID = int64(1000)
	BusinessID = int64(2000)

	// SecondCampaignID is another shop of the same business with API
	// access and returns of its own, for switching campaigns.
	SecondCampaignID = int64(1003)
)

// Options configure a sandbox. The zero value is the demo: a few hundred
// items per pane, real rate limits, no faults.
type Options struct {
	// Scale multiplies the seed data (1 = a few hundred items per pane;
	// 300 gives ~100k items for performance work).
	Scale int
	// Seed makes the data deterministic; 0 means 1.
	Seed uint64
	// Now is the sandbox clock; the seed data is dated relative to it.
	Now func() time.Time
	// Limits overrides the documented rate limits (tests); NoLimits disables
	// them altogether.
	Limits   map[api.Group]api.Limit
	NoLimits bool
	Faults   Faults
	// WBTokens grants extra Wildberries tokens access to some services only,
	// to imitate a token issued without a category.
	WBTokens map[string][]api.Service
	// WBPaymentRequired answers every Wildberries method with 402, as WB
	// does for a business-solutions catalogue service with an empty balance.
	WBPaymentRequired bool
	// WBChatModeration makes some seeded chat attachments still in
	// moderation (202 with retrySeconds) and some withheld (451), as the
	// download method documents since 2026.
	WBChatModeration bool
	// Hostile adds buyer texts full of escape sequences and traps.
	Hostile bool
	// WBToken is the type of WB token imitated: TokenBasic enforces the
	// documentation's lower limits for basic tokens.
	WBToken TokenType
	// Modes switch on documented behaviours the demo does not show.
	Modes Modes
}

// Faults inject misbehaviour, each a probability in [0,1] per request.
type Faults struct {
	ErrorRate    float64       // answer 500/502/503 without acting
	Storm429     float64       // answer 429/420 without acting
	MaxLatency   time.Duration // random delay before answering
	TruncateRate float64       // act, then send a cut-off body
	ResetRate    float64       // drop the connection without acting
	// DropAfterWrite acts on the request, then drops the connection: the
	// client cannot know whether its write landed.
	DropAfterWrite float64
}

// Server is the sandbox. Handlers take mu for all state.
type Server struct {
	opts Options
	now  func() time.Time
	mux  *http.ServeMux

	mu    sync.Mutex
	rng   *rand.Rand  // faults; guarded by mu
	ym    *ymState    // the demo campaign's returns
	ym2   *ymState    // SecondCampaignID's
	fq    *fqState    // questions, feedbacks, pins
	chat  *chatState  // buyer chats
	claim *claimState // buyer claims

	// ymOrders are both campaigns' returns by order ID, descending: the
	// business's orders as getBusinessOrders lists them.
	ymOrders []*ymReturn

	limits *serverLimits
	media  *mediaCache
}

// New builds a sandbox with its seed data.
func New(opts Options) *Server {
	if opts.Scale <= 0 {
		opts.Scale = 1
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Server{
		opts:  opts,
		now:   now,
		mux:   http.NewServeMux(),
		rng:   rand.New(rand.NewPCG(opts.Seed, 0xfa17)),
		media: newMediaCache(),
	}
	s.limits = newServerLimits(opts.Limits, opts.NoLimits, opts.WBToken)
	start := now()
	s.ym = newYMState(newGen(opts.Seed, 1, opts.Hostile), opts.Scale, start)
	// a stream of its own, so the demo campaign's data is what it was
	s.ym2 = newYMSeries(newGen(opts.Seed, 5, opts.Hostile), opts.Scale, start, ymSecondSeries)
	s.ymOrders = ymByOrderDesc(s.ym, s.ym2)
	s.fq = newFQState(newGen(opts.Seed, 2, opts.Hostile), opts.Scale, start)
	s.chat = newChatState(newGen(opts.Seed, 3, opts.Hostile), opts.Scale, start)
	s.claim = newClaimState(newGen(opts.Seed, 4, opts.Hostile), opts.Scale, start)
	s.registerYM()
	s.registerFQ()
	s.registerChat()
	s.registerClaims()
	s.registerMedia()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"title": "not found", "detail": "no such method: " + r.Method + " " + r.URL.Path, "status": 404})
	})
	return s
}

// Handler serves every service.
func (s *Server) Handler() http.Handler { return s.mux }

// Running is a started sandbox.
type Running struct {
	URL string // http://host:port, the base URL of every service
	srv *http.Server
	ln  net.Listener
}

// Env returns the SELLERINBOX_* variables that point a client at it.
func (r *Running) Env() map[string]string {
	m := map[string]string{
		api.EnvWBToken:    WBToken,
		api.EnvYMToken:    YMToken,
		api.EnvYMCampaign: fmt.Sprint(CampaignID),
	}
	for _, svc := range api.Services {
		m[svc.URLEnv()] = r.URL
	}
	return m
}

// Close stops the listener and waits for handlers.
func (r *Running) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := r.srv.Shutdown(ctx); err != nil {
		return r.srv.Close()
	}
	return nil
}

// Start listens on addr (e.g. 127.0.0.1:0) and serves in the background.
func (s *Server) Start(addr string) (*Running, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the listener is gone; callers see connection errors
		}
	}()
	return &Running{URL: "http://" + ln.Addr().String(), srv: srv, ln: ln}, nil
}

// Config returns an api.Config pointed at a running sandbox with the demo
// tokens.
func (r *Running) Config() api.Config {
	urls := map[api.Service]string{}
	for _, svc := range api.Services {
		urls[svc] = r.URL
	}
	wb, ym := api.NewSecret(WBToken), api.NewSecret(YMToken)
	return api.Config{
		BaseURLs: urls,
		Tokens: map[api.Service]api.Secret{
			api.ServiceYM: ym, api.ServiceWBFeedbacks: wb, api.ServiceWBChat: wb, api.ServiceWBReturns: wb,
		},
	}
}

// chance draws a fault with probability p.
func (s *Server) chance(p float64) bool {
	if p <= 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.Float64() < p
}

func (s *Server) randDuration(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Duration(s.rng.Int64N(int64(max)))
}
