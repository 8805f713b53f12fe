package chaos

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
)

// The session script is data: actions with weights, drawn by a seeded RNG
// after a fixed opening that visits every pane. Panes gain actions over
// time; an action key a pane does not handle simply leaves it in normal
// mode and is counted as skipped, so the script keeps working as features
// land. To exercise a new flow, add a line to actions.

// action is one step of the session.
type action struct {
	name   string
	weight int
	run    func(*scripter)
}

var actions = []action{
	{"pane", 8, func(s *scripter) { s.press(s.pick("1", "2", "3", "4", "5")) }},
	{"tab", 3, func(s *scripter) { s.press(s.pick("tab", "shift+tab")) }},
	{"move", 20, func(s *scripter) {
		for range 1 + s.rng.IntN(4) {
			s.press(s.pick("j", "j", "k", "down", "up"))
		}
	}},
	{"jump", 5, func(s *scripter) { s.press(s.pick("g", "G", "pgdown", "pgup", "ctrl+d", "ctrl+u")) }},
	{"open", 8, func(s *scripter) {
		s.press("enter")
		s.pace()
		for range s.rng.IntN(3) {
			s.press(s.pick("j", "k", "pgdown", "G", "g"))
		}
		s.press("esc")
	}},
	{"filter", 6, func(s *scripter) {
		s.press("/")
		s.typeText(s.pick("а", "ва", "ку", "x", "1", "\x1b[2J", "Размер"), s.rng.IntN(2) == 0)
		if s.rng.IntN(2) == 0 {
			s.press("backspace")
		}
		if s.rng.IntN(3) == 0 {
			s.press("enter") // apply, then move in the filtered list
			s.press("j")
		}
		s.press("esc")
		s.press("esc")
	}},
	{"menu", 4, func(s *scripter) {
		s.press("f")
		if s.mode() != ui.ModeNormal && s.rng.IntN(3) == 0 {
			s.press("tab")
			s.press("enter") // apply the unchanged filter: a reload
		}
		s.escape()
	}},
	{"photo", 6, func(s *scripter) {
		s.press("p")
		for range s.rng.IntN(4) {
			s.press(s.pick("]", "[", "j"))
			s.pace()
		}
		s.press(s.pick("p", "esc"))
	}},
	{"answer", 10, func(s *scripter) { s.act("a", false) }},
	{"draft", 5, func(s *scripter) { s.act("a", true) }},
	{"edit", 2, func(s *scripter) { s.act("e", true) }},
	{"refresh", 3, func(s *scripter) { s.press(s.pick("R", "r")) }},
	{"resize", 3, func(s *scripter) {
		sizes := [][2]int{{80, 24}, {200, 60}, {59, 11}, {61, 13}, {150, 30}}
		sz := sizes[s.rng.IntN(len(sizes))]
		s.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		s.pace()
		s.send(tea.WindowSizeMsg{Width: winW, Height: winH})
	}},
	{"help", 2, func(s *scripter) {
		s.press("?")
		s.pace()
		s.press(s.pick("?", "esc"))
	}},
	{"redraw", 1, func(s *scripter) { s.press("ctrl+l") }},
	{"wait", 4, func(s *scripter) { s.d.pump(time.Duration(20+s.rng.IntN(200)) * time.Millisecond) }},
}

// opening visits every pane first: an answer and a left draft in each.
func opening(s *scripter) {
	for _, p := range []string{"1", "2", "3", "4", "5"} {
		s.press(p)
		s.settle()
		s.press("j")
		s.act("a", false)
		s.press("j")
		s.press("j")
		s.act("a", true)
	}
}

// fetchesFirst are the panes whose item actions load something (a
// return's offered decisions) before a form opens; elsewhere a key that
// does not change the mode at once did nothing.
var fetchesFirst = map[ui.PaneID]bool{ui.PaneReturns: true}

// scripter plays actions against a session and records what was typed.
type scripter struct {
	*session
	rng *rand.Rand
	// netWait bounds the wait for an action that fetches first (a
	// return's decisions) before its form opens.
	netWait time.Duration

	ran     map[string]int
	skipped map[string]int
	spent   map[string]time.Duration
	nonce   int
	// sent are texts sent with ctrl+s (and confirmed), by nonce;
	// enqueued are the outbox entries the app reported as queued.
	sent     map[string]typed
	left     map[string]typed
	enqueued map[string]reply.Entry
	notices  int // NoticeMsgs seen: an action's "nothing to do here"
}

// typed is a text typed into a pane's editor.
type typed struct {
	pane ui.PaneID
	text string
	at   time.Time
	// key is the draft it landed in (left drafts only), found by reading
	// the store right after leaving.
	key   reply.DraftKey
	found bool
}

func newScripter(s *session, seed uint64, netWait time.Duration) *scripter {
	sc := &scripter{session: s, rng: rand.New(rand.NewPCG(seed, 0xc4a05)), netWait: netWait,
		ran: map[string]int{}, skipped: map[string]int{}, spent: map[string]time.Duration{}, sent: map[string]typed{}, left: map[string]typed{},
		enqueued: map[string]reply.Entry{}}
	s.d.observe = func(msg tea.Msg) {
		switch m := msg.(type) {
		case ui.OutboxMsg:
			if m.Err == nil && m.Entry.ID != "" {
				sc.enqueued[m.Entry.ID] = m.Entry
			}
		case ui.NoticeMsg:
			sc.notices++
		}
	}
	return sc
}

// play runs the opening (when asked) and then n random actions.
func (s *scripter) play(n int, open bool) {
	if open {
		start := time.Now()
		opening(s)
		s.spent["opening"] = time.Since(start)
	}
	total := 0
	for _, a := range actions {
		total += a.weight
	}
	for range n {
		r := s.rng.IntN(total)
		for _, a := range actions {
			if r < a.weight {
				s.ran[a.name]++
				start := time.Now()
				a.run(s)
				s.spent[a.name] += time.Since(start)
				break
			}
			r -= a.weight
		}
		s.pace()
	}
}

func (s *scripter) pick(options ...string) string { return options[s.rng.IntN(len(options))] }

func (s *scripter) send(msg tea.Msg) { s.d.send(msg) }

// press sends one key and lets whatever already arrived in.
func (s *scripter) press(k string) {
	s.d.send(keyPress(k))
	s.d.pump(0)
}

// pace is the pause of a person between actions; results arrive meanwhile.
func (s *scripter) pace() { s.d.pump(time.Duration(2+s.rng.IntN(15)) * time.Millisecond) }

// settle gives the first loads of a pane time to arrive.
func (s *scripter) settle() { s.d.pump(s.netWait / 2) }

func (s *scripter) mode() ui.Mode {
	if p := s.d.app.Focused(); p != nil {
		return p.Mode()
	}
	return ui.ModeNormal
}

// escape leaves whatever is open (form, filter, editor, confirmation).
func (s *scripter) escape() {
	for i := 0; i < 4 && s.mode() != ui.ModeNormal; i++ {
		s.press("esc")
	}
}

// typeText types text: the first few characters key by key, the rest
// (or all of it) pasted. Every message costs a View, which the race
// detector makes slow, so long texts are not typed key by key.
func (s *scripter) typeText(text string, paste bool) {
	rs := []rune(text)
	n := 0
	if !paste {
		n = min(len(rs), 6)
	}
	for _, r := range rs[:n] {
		s.d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		s.d.pump(0)
	}
	if n < len(rs) {
		s.send(tea.PasteMsg{Content: string(rs[n:])})
		s.d.pump(0)
	}
}

// editorOpen tells an answer editor from a form: only the editor offers
// the send key in the focused pane's help.
func (s *scripter) editorOpen() bool {
	p := s.d.app.Focused()
	if p == nil {
		return false
	}
	send := s.keys.Editor.Send.Keys()
	return slices.ContainsFunc(p.ShortHelp(), func(b key.Binding) bool {
		return slices.Equal(b.Keys(), send)
	})
}

// act runs an item action (a: answer, e: edit) whatever shape the pane
// gives it: forms are applied as offered, the editor gets a fresh text
// that is then sent with ctrl+s (or left with esc when leave is set, to
// keep a draft), confirmations are answered yes.
func (s *scripter) act(k string, leave bool) {
	s.escape()
	pane := s.d.app.Focused().ID()
	name := k + "@" + string(pane)
	s.press(k)
	wait := 50 * time.Millisecond
	if fetchesFirst[pane] {
		// The fetch may be retried a few times through the faults.
		wait = s.netWait
	}
	notices := s.notices
	if !s.d.until(func() bool { return s.mode() != ui.ModeNormal || s.notices != notices }, wait) || s.mode() == ui.ModeNormal {
		s.skipped[name]++
		return
	}
	s.ran[name]++
	var text string
	for step := 0; step < 12 && s.mode() != ui.ModeNormal; step++ {
		switch m := s.mode(); {
		case m == ui.ModeConfirm:
			s.press("y")
			if text != "" && !leave {
				s.sent[text] = typed{pane: pane, text: text, at: time.Now()}
				s.awaitQueued(text)
			}
		case m == ui.ModeEdit && s.editorOpen():
			if text != "" {
				// ctrl+s was refused (too short, a rule of the item) or the
				// draft was to be left: keep it and close.
				s.press("esc")
				continue
			}
			s.nonce++
			text = fmt.Sprintf("chaos#%03d %s", s.nonce, s.pick(
				"Спасибо за отзыв, мы уже разбираемся!", "Здравствуйте! Размер соответствует таблице.",
				"Приносим извинения, товар заменим.", "Добрый день, уточните номер заказа."))
			s.typeText(text, s.rng.IntN(4) == 0)
			if leave {
				s.press("esc")
				s.noteDraft(pane, text)
				continue
			}
			s.press("ctrl+s")
			if s.mode() == ui.ModeNormal {
				// queued without a confirmation
				s.sent[text] = typed{pane: pane, text: text, at: time.Now()}
				s.awaitQueued(text)
			}
		case m == ui.ModeEdit:
			// A form (claim action, return decision): cycle the first
			// choice now and then, apply, and see what comes next.
			if s.rng.IntN(3) == 0 {
				s.press("right")
			}
			before := s.d.screen
			s.press("enter")
			s.d.until(func() bool { return s.d.screen != before }, 300*time.Millisecond)
			if s.d.screen == before && s.mode() == ui.ModeEdit && !s.editorOpen() {
				s.escape() // the form keeps refusing (a required field)
			}
		default:
			s.escape()
		}
		s.pace()
	}
	s.escape()
}

// awaitQueued waits for the outbox's word on a sent text, so that the
// next action does not race the write of the entry file.
func (s *scripter) awaitQueued(text string) {
	s.d.until(func() bool {
		for _, e := range s.enqueued {
			if strings.Contains(e.Text, text) {
				return true
			}
		}
		return false
	}, 2*time.Second)
}

// noteDraft finds the draft a left text was saved in, waiting for the
// app's own debounced save: flushing by hand from here would race the
// outbox's deletion of sent drafts in a way the app itself never does.
func (s *scripter) noteDraft(pane ui.PaneID, text string) {
	t := typed{pane: pane, text: text, at: time.Now()}
	deadline := time.Now().Add(2 * time.Second)
	for !t.found && time.Now().Before(deadline) {
		s.d.pump(50 * time.Millisecond)
		stored, err := s.drafts.List(profile)
		if err != nil {
			s.d.t.Fatalf("list drafts: %v", err)
		}
		for _, d := range stored {
			if strings.Contains(d.Draft.Text, text) {
				t.key, t.found = d.Key, true
			}
		}
	}
	s.left[text] = t
}

// keyPress builds the message a terminal sends for a key name.
func keyPress(k string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "backspace": {Code: tea.KeyBackspace},
		"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
		"pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp},
	}
	if m, ok := special[k]; ok {
		return m
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}
