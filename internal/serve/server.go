package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"golang.org/x/time/rate"

	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Defaults of the limits.
const (
	DefaultIdleTimeout = 30 * time.Minute
	DefaultMaxSessions = 20
	// DefaultSessionsPerMinute and DefaultSessionBurst bound how fast one
	// address opens sessions: each builds an inbox over the shared store.
	DefaultSessionsPerMinute = 10
	DefaultSessionBurst      = 5
)

// Options configure a server.
type Options struct {
	// Listen is the TCP address; "127.0.0.1:0" picks a free port.
	Listen string
	// AuthorizedKeys reads the OpenSSH authorized-keys file (each key's
	// comment is the agent's name); it is read at every sign-in.
	AuthorizedKeys func() ([]byte, error)
	// HostKeyPEM is the server's private host key (see HostKey).
	HostKeyPEM []byte
	// Session is the opened session whose store, clients and outbox every
	// SSH session shares; the server does not close it.
	Session *app.Session
	// Lang is the language of agents whose config names none.
	Lang i18n.Lang
	// IdleTimeout ends a session after this long without a key press
	// (its draft is written); 0 is DefaultIdleTimeout.
	IdleTimeout time.Duration
	// MaxSessions is how many sessions may be open at once; 0 is
	// DefaultMaxSessions.
	MaxSessions int
	// SessionsPerMinute and SessionBurst limit the sessions one address
	// opens; 0 is the default.
	SessionsPerMinute float64
	SessionBurst      int
	// Logger gets sign-ins, refusals and failures (never tokens); nil
	// discards them.
	Logger *slog.Logger
}

// Server is a running team inbox.
type Server struct {
	o    Options
	srv  *ssh.Server
	ln   net.Listener
	team *app.Team
	log  *slog.Logger

	open    atomic.Int64 // sessions admitted and not yet ended
	limiter *addrLimiter

	mu       sync.Mutex
	conns    map[ssh.Session]*conn
	closing  bool
	handlers sync.WaitGroup
	served   chan struct{}
}

// ctxAgent keys the agent's name in the connection's context.
type ctxAgent struct{}

func agentName(sess ssh.Session) string {
	name, _ := sess.Context().Value(ctxAgent{}).(string)
	return name
}

// Start listens and serves until Shutdown.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.Session == nil || o.AuthorizedKeys == nil || len(o.HostKeyPEM) == 0 {
		return nil, errors.New("serve: a session, an authorized-keys file and a host key are needed")
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.SessionsPerMinute <= 0 {
		o.SessionsPerMinute = DefaultSessionsPerMinute
	}
	if o.SessionBurst <= 0 {
		o.SessionBurst = DefaultSessionBurst
	}
	if o.Lang == "" {
		o.Lang = i18n.EN
	}
	s := &Server{o: o, log: o.Logger, conns: map[ssh.Session]*conn{}, served: make(chan struct{}),
		limiter: newAddrLimiter(rate.Limit(o.SessionsPerMinute/60), o.SessionBurst)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(o.HostKeyPEM),
		wish.WithPublicKeyAuth(s.auth),
		// The PTY is emulated (wish's default): the program reads and
		// writes the channel itself, its colour profile from the client's
		// TERM, and no device of the server is opened per session.
		// The connection's own timeout catches one that signs in and
		// never opens a session; a session's idleness is its keys', and
		// it ends first so that the agent reads why.
		wish.WithIdleTimeout(o.IdleTimeout+time.Minute),
		wish.WithVersion("SSH-2.0-sellerinbox"),
		// The last runs first: limits, then the session, then its program.
		wish.WithMiddleware(
			bubbletea.MiddlewareWithProgramHandler(s.program),
			s.session,
			s.limits,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	// no passwords, no keyboard-interactive: only the keys of the file
	srv.PasswordHandler, srv.KeyboardInteractiveHandler = nil, nil
	s.srv = srv
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.ln = ln
	if s.team, err = o.Session.StartTeam(ctx, s.broadcast); err != nil {
		_ = ln.Close()
		return nil, err
	}
	s.team.SetColleagues(func() []string { return agentNames(o.AuthorizedKeys) })
	go func() {
		defer close(s.served)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
			s.log.Error("serve", "err", err)
		}
	}()
	return s, nil
}

// Addr is where the server listens.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Shutdown ends every session as its agent quitting would (each draft
// typed is written), then stops listening and the shared loops. It waits
// at most until ctx ends for the sessions.
func (s *Server) Shutdown(ctx context.Context) {
	s.mu.Lock()
	s.closing = true
	for _, c := range s.conns {
		c.quit()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.handlers.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		s.log.Warn("serve: sessions still ending at shutdown; closing their connections")
	}
	// Closing the connections ends the programs still running; their
	// drafts are written before the store, which the caller closes next,
	// goes away.
	_ = s.srv.Close()
	<-s.served
	<-done
	s.team.Stop()
}

// auth admits the keys of the authorized-keys file, naming the agent.
func (s *Server) auth(ctx ssh.Context, key ssh.PublicKey) bool {
	name, ok, err := agentOf(s.o.AuthorizedKeys, key)
	if err != nil {
		s.log.Error("authorized keys", "err", err)
		return false
	}
	if !ok {
		s.log.Info("unknown key refused", "addr", ctx.RemoteAddr().String(), "user", safe.Line(ctx.User()))
		return false
	}
	ctx.SetValue(ctxAgent{}, name)
	return true
}

// limits refuses a session over the count or the address's rate before
// anything is built for it.
func (s *Server) limits(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if !s.limiter.allow(sess.RemoteAddr()) {
			s.log.Info("session refused: rate", "addr", sess.RemoteAddr().String())
			s.refuse(sess, agentName(sess), "serve.rate")
			return
		}
		if n := s.open.Add(1); n > int64(s.o.MaxSessions) {
			s.open.Add(-1)
			s.log.Info("session refused: full", "max", s.o.MaxSessions)
			s.refuse(sess, agentName(sess), "serve.full", s.o.MaxSessions)
			return
		}
		defer s.open.Add(-1)
		next(sess)
	}
}

// session builds the agent's inbox, runs its program (next) and, however
// it ends (quit, idle, a dropped connection, shutdown), writes its draft.
func (s *Server) session(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		name := agentName(sess)
		if _, _, ok := sess.Pty(); !ok {
			s.refuse(sess, name, "serve.no_pty")
			return
		}
		s.mu.Lock()
		if s.closing {
			s.mu.Unlock()
			s.refuse(sess, name, "serve.closing")
			return
		}
		s.handlers.Add(1)
		s.mu.Unlock()
		defer s.handlers.Done()
		c, err := s.newConn(sess, name)
		if err != nil {
			s.log.Error("session", "agent", safe.Line(name), "err", err)
			s.refuse(sess, name, "serve.failed")
			return
		}
		s.mu.Lock()
		if s.closing {
			// Shutdown began while the inbox was built: it would not
			// have quit this one
			s.mu.Unlock()
			c.inbox.Stop()
			s.refuse(sess, name, "serve.closing")
			return
		}
		s.conns[sess] = c
		s.mu.Unlock()
		s.log.Info("session start", "agent", safe.Line(name), "role", c.role, "addr", sess.RemoteAddr().String())
		next(sess)
		s.mu.Lock()
		delete(s.conns, sess)
		s.mu.Unlock()
		idle := c.end()
		s.log.Info("session end", "agent", safe.Line(name), "idle", idle)
		if idle {
			wish.Println(sess, "sellerinbox: "+s.tr(name).Get("serve.idle", s.o.IdleTimeout)+"\r")
		}
		_ = sess.Exit(0)
	}
}

// program is the session's Bubble Tea program over its own terminal.
func (s *Server) program(sess ssh.Session) *tea.Program {
	s.mu.Lock()
	c := s.conns[sess]
	s.mu.Unlock()
	if c == nil {
		return nil
	}
	// The server's signals are the server's: Shutdown ends the sessions
	// in its order (each draft written), not every program on its own.
	opts := append(bubbletea.MakeOptions(sess), tea.WithFilter(c.filter), tea.WithoutSignalHandler())
	p := tea.NewProgram(c.view, opts...)
	c.start(p)
	return p
}

// frameOf is the last frame of the named agent's session ("" for none).
func (s *Server) frameOf(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		if c.name == name {
			return c.view.frame()
		}
	}
	return ""
}

// broadcast delivers msg to every session's program. Send waits for the
// program to read it, so one busy session cannot hold up the others.
func (s *Server) broadcast(msg tea.Msg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		if p := c.program(); p != nil {
			go p.Send(msg)
		}
	}
}

// addrLimiter is a token bucket per remote address.
type addrLimiter struct {
	mu    sync.Mutex
	every rate.Limit
	burst int
	by    map[string]*rate.Limiter
}

func newAddrLimiter(every rate.Limit, burst int) *addrLimiter {
	return &addrLimiter{every: every, burst: burst, by: map[string]*rate.Limiter{}}
}

func (l *addrLimiter) allow(a net.Addr) bool {
	host := a.String()
	if t, ok := a.(*net.TCPAddr); ok {
		host = t.IP.String()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.by) > 4096 {
		// full buckets of past addresses say nothing: start over
		clear(l.by)
	}
	r, ok := l.by[host]
	if !ok {
		r = rate.NewLimiter(l.every, l.burst)
		l.by[host] = r
	}
	return r.Allow()
}
