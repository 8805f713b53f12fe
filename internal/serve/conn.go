package serve

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"

	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// conn is one SSH session: the agent, its inbox and its program.
type conn struct {
	sess  ssh.Session
	name  string
	role  string
	inbox *app.Inbox
	team  *app.Team
	view  *screen
	idle  time.Duration
	tr    i18n.T
	log   func(msg string, args ...any)

	mu       sync.Mutex
	p        *tea.Program
	quitting bool // quit came before the program: it quits as it starts
	stop     chan struct{}

	lastInput atomic.Int64 // unix nanoseconds of the last key, paste or click
	idled     atomic.Bool
}

// newConn builds the agent's inbox: the agent's language (the config's,
// else the server's), styles honouring the client's NO_COLOR, the
// configured keys, and a viewer's read-only flag. Photo previews stay
// off: their opener would run a program on the server.
func (s *Server) newConn(sess ssh.Session, name string) (*conn, error) {
	cfg := s.o.Session.Config()
	role := cfg.AgentRole(name)
	lang := s.o.Lang
	if l, ok := i18n.Parse(cfg.Agents[name].Lang); ok {
		lang = l
	}
	uienv := ui.NewEnv(context.Background(), lang)
	getenv := environ(sess.Environ())
	uienv.Styles = theme.NewWith(theme.Options{Dark: cfg.Theme != "light", NoColor: theme.NoColorEnv(getenv)})
	if len(cfg.Keys) > 0 {
		km, err := uienv.Keys.Rebind(uienv.Tr, cfg.Keys)
		if err != nil {
			return nil, fmt.Errorf("keys: %w", err)
		}
		uienv.Keys = km
	}
	uienv.Log = s.log
	uienv.ReadOnly = role == config.RoleViewer
	uienv.Role = role
	// An agent's | would run a program on the jump host, as the server's
	// user and beside the marketplace tokens: a served session never pipes.
	uienv.Pipe = ui.Pipe{Off: uienv.Tr.Get("pipe.off_served")}
	inbox, err := s.team.NewInbox(uienv, name)
	if err != nil {
		return nil, err
	}
	c := &conn{sess: sess, name: name, role: role, inbox: inbox, team: s.team, view: &screen{m: inbox.Model}, idle: s.o.IdleTimeout, tr: uienv.Tr, log: s.log.Error,
		stop: make(chan struct{})}
	c.lastInput.Store(time.Now().UnixNano())
	return c, nil
}

// environ reads a session's "KEY=value" environment.
func environ(env []string) func(string) string {
	return func(k string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(env[i], k+"="); ok {
				return v
			}
		}
		return ""
	}
}

// start records the running program and watches the session's idleness.
func (c *conn) start(p *tea.Program) {
	c.mu.Lock()
	c.p = p
	quit := c.quitting
	c.mu.Unlock()
	if quit {
		go p.Quit()
		return
	}
	go c.watchIdle(p)
}

func (c *conn) program() *tea.Program {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.p
}

// quit ends the session's program as the agent quitting would.
func (c *conn) quit() {
	c.mu.Lock()
	c.quitting = true
	p := c.p
	c.mu.Unlock()
	if p != nil {
		go p.Quit()
	}
}

// execMsgType is the type of the message tea.Exec's command returns.
var execMsgType = reflect.TypeOf(tea.Exec(nil, nil)())

// filter notes the agent's input for the idle timeout. A suspend (ctrl+z)
// resumes at once: there is no shell to suspend to. No program runs on
// the server for an agent ($EDITOR, the pager): one with a shell escape
// would hand the agent the server, and the tokens with it.
func (c *conn) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	if reflect.TypeOf(msg) == execMsgType {
		return ui.NoticeMsg{Err: errors.New(c.tr.Get("serve.no_exec"))}
	}
	switch msg.(type) {
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.KeyMsg, tea.PasteMsg, tea.MouseMsg:
		c.lastInput.Store(time.Now().UnixNano())
	}
	return msg
}

// watchIdle quits the program once no input came for the idle timeout.
func (c *conn) watchIdle(p *tea.Program) {
	for {
		left := time.Until(time.Unix(0, c.lastInput.Load()).Add(c.idle))
		if left <= 0 {
			c.idled.Store(true)
			p.Quit()
			return
		}
		t := time.NewTimer(left)
		select {
		case <-c.stop:
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// end runs after the program, however it ended: the inbox's background
// work stops and the text typed since the last debounced save is
// written. When even that fails, the text goes to the agent's terminal
// to be copied, as the local app prints it to stderr. idle reports an end
// by the idle timeout.
func (c *conn) end() (idle bool) {
	close(c.stop)
	c.inbox.Stop()
	c.team.Left(c.name)
	d := c.inbox.Replies.Debounce
	if _, err := d.Drain(time.Now()); err != nil {
		c.log("drafts not saved at the session's end", "agent", safe.Line(c.name), "err", err)
		wish.Errorln(c.sess, safe.Line("sellerinbox: the draft could NOT be saved: "+err.Error())+"\r")
		for _, u := range d.Unsaved() {
			text := strings.ReplaceAll(safe.Text(u.Draft.Text), "\n", "\r\n")
			wish.Errorf(c.sess, "--- unsaved draft (%s, %s) ---\r\n%s\r\n", safe.Line(string(u.Key.Pane)), safe.Line(u.Key.ItemID), text)
		}
	}
	return c.idled.Load()
}
