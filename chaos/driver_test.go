package chaos

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui"
)

// driver runs the app the way a tea.Program does, minus the terminal:
// one loop calls Update and View for every message; each command runs in
// its own goroutine and its result comes back into the loop; batches fan
// out, sequences run in order. Every Update and View is timed.
type driver struct {
	t   *testing.T
	app *ui.App

	in   chan tea.Msg
	done chan struct{} // closed at shutdown: late results are dropped
	wg   sync.WaitGroup

	mu     sync.Mutex
	panics []string // from command goroutines

	update, view timings
	messages     int
	quits        int
	screen       string
	// observe sees every message before Update (the outbox reports).
	observe func(tea.Msg)
}

func newDriver(t *testing.T, app *ui.App) *driver {
	return &driver{t: t, app: app, in: make(chan tea.Msg, 256), done: make(chan struct{})}
}

// exec runs cmd as Bubble Tea does: in a goroutine of its own.
func (d *driver) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer d.catch()
		d.deliver(cmd())
	}()
}

// deliver routes a command's result as tea.Program does: a batch runs
// its commands concurrently and waits for them, a sequence runs its
// commands one after another, anything else goes to the loop.
func (d *driver) deliver(msg tea.Msg) {
	if msg == nil {
		return
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var wg sync.WaitGroup
		for _, c := range b {
			if c == nil {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer d.catch()
				d.deliver(c())
			}()
		}
		wg.Wait()
		return
	}
	if seq, ok := sequence(msg); ok {
		for _, c := range seq {
			if c != nil {
				d.deliver(c())
			}
		}
		return
	}
	select {
	case d.in <- msg:
	case <-d.done:
	}
}

// sequence recognises tea.Sequence's unexported message: a []tea.Cmd
// that is not a BatchMsg.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

func (d *driver) catch() {
	if r := recover(); r != nil {
		d.mu.Lock()
		d.panics = append(d.panics, fmt.Sprintf("%v\n%s", r, debug.Stack()))
		d.mu.Unlock()
	}
}

// send feeds one message to Update and renders the result, failing the
// test with the stack if either panics.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	switch msg.(type) {
	case tea.QuitMsg:
		d.quits++ // the session goes on; quitting is not under test
		return
	}
	if isExec(msg) {
		return // no terminal to hand over; the script never opens $EDITOR
	}
	if d.observe != nil {
		d.observe(msg)
	}
	var cmd tea.Cmd
	func() {
		defer func() {
			if r := recover(); r != nil {
				d.t.Fatalf("panic in Update(%T) or View: %v\n%s", msg, r, debug.Stack())
			}
		}()
		start := time.Now()
		_, cmd = d.app.Update(msg)
		d.update.add(time.Since(start), msg)
		start = time.Now()
		v := d.app.View()
		d.view.add(time.Since(start), msg)
		d.screen = v.Content
	}()
	d.messages++
	d.exec(cmd)
	d.checkPanics()
}

func isExec(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t.PkgPath() == "charm.land/bubbletea/v2" && t.Name() == "execMsg"
}

func (d *driver) checkPanics() {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.panics) > 0 {
		d.t.Fatalf("panic in a command:\n%s", d.panics[0])
	}
}

// pump feeds arriving results to Update for wait (at least one pass over
// what is already there).
func (d *driver) pump(wait time.Duration) {
	d.t.Helper()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case m := <-d.in:
			d.send(m)
		case <-timer.C:
			for {
				select {
				case m := <-d.in:
					d.send(m)
				default:
					return
				}
			}
		}
	}
}

// until pumps until cond holds or max passes; it reports whether cond held.
func (d *driver) until(cond func() bool, max time.Duration) bool {
	d.t.Helper()
	deadline := time.Now().Add(max)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		d.pump(5 * time.Millisecond)
	}
	return true
}

// stop drops whatever is still running: the caller cancels the app's
// context first, so requests end; ticks end within their second.
func (d *driver) stop() {
	close(d.done)
	finished := make(chan struct{})
	go func() { d.wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(15 * time.Second):
		d.t.Errorf("commands still running 15 s after the app's context was cancelled")
	}
	d.checkPanics()
}

// timings collects durations and the slowest message.
type timings struct {
	all     []time.Duration
	worst   time.Duration
	worstOf string
}

func (s *timings) add(d time.Duration, msg tea.Msg) {
	s.all = append(s.all, d)
	if d > s.worst {
		s.worst, s.worstOf = d, fmt.Sprintf("%T", msg)
		if k, ok := msg.(tea.KeyPressMsg); ok {
			s.worstOf += " " + k.String() // which key: the message type alone does not say what waited
		}
	}
}

func (s *timings) p99() time.Duration {
	if len(s.all) == 0 {
		return 0
	}
	c := slices.Clone(s.all)
	slices.Sort(c)
	return c[(len(c)*99)/100]
}

func (s *timings) String() string {
	return fmt.Sprintf("%d calls, max %v (%s), p99 %v", len(s.all), s.worst.Round(time.Microsecond), s.worstOf, s.p99().Round(time.Microsecond))
}
