package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The ctrl+f overlay searches everything the profile's store holds. While
// it is open it owns the keyboard (only force quit passes), like the
// profile switcher; enter jumps to the selected result's pane.

const (
	// searchDebounce is how long typing must pause before a query runs:
	// every keystroke would otherwise be a query.
	searchDebounce = 150 * time.Millisecond
	// searchLimit bounds one query's results: more than anyone scrolls,
	// few enough to title each one from the store.
	searchLimit = 200
)

// search is the overlay's state. Queries run in commands tagged with seq;
// only the latest one's results are shown.
type search struct {
	env   Env
	input textinput.Model
	seq   Seq
	asked string // the query the shown results are for
	hits  []searchHit
	err   error
	busy  bool // a query is waiting out the debounce or running

	cursor, offset int
}

// searchHit is a store hit with the title the results list shows.
type searchHit struct {
	store.Hit
	Title string // raw: sanitized when drawn
}

// searchMsg marks the overlay's own messages.
type searchMsg interface{ searchSeq() uint64 }

// searchTickMsg ends the debounce of the keystroke that started seq.
type searchTickMsg struct {
	seq  uint64
	text string
}

// searchResultMsg is a finished query.
type searchResultMsg struct {
	seq  uint64
	text string
	hits []searchHit
	err  error
}

func (m searchTickMsg) searchSeq() uint64   { return m.seq }
func (m searchResultMsg) searchSeq() uint64 { return m.seq }

func newSearch(env Env) *search {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 200
	in.Placeholder = env.Tr.Get("search.placeholder")
	in.SetStyles(inputStyles(env.Styles))
	in.Focus() // the blink command is dropped: the cursor stays lit
	return &search{env: env, input: in}
}

// searchUpdate runs the overlay: its messages, and every key and paste
// while it is open; ctrl+f in normal mode opens it. ok is false for
// messages it leaves to the rest of the app.
func (a *App) searchUpdate(msg tea.Msg) (tea.Cmd, bool) {
	s := a.search
	switch msg := msg.(type) {
	case searchMsg:
		if s == nil || !s.seq.Current(msg.searchSeq()) {
			return nil, true // closed or superseded
		}
		switch msg := msg.(type) {
		case searchTickMsg:
			return s.run(msg.text), true
		case searchResultMsg:
			s.results(msg)
		}
		return nil, true
	case StoreChangedMsg:
		text := ""
		if s != nil {
			text = s.input.Value()
		}
		if store.MatchExpr(text) == "" {
			return nil, false
		}
		// The results may name items a sync just answered or added. The
		// query as typed runs now, which also covers a pending debounce.
		return tea.Batch(s.run(text), a.tabs.broadcast(msg)), true
	case tea.PasteMsg:
		if s == nil {
			return nil, false
		}
		return s.edit(msg), true
	case tea.KeyPressMsg:
		g := a.env.Keys.Global
		if s != nil {
			if key.Matches(msg, g.ForceQuit) {
				return tea.Quit, true
			}
			return a.searchKey(msg), true
		}
		if key.Matches(msg, g.Search) && a.canSearch() {
			a.search = newSearch(a.env)
			a.search.input.SetWidth(max(a.width-searchChrome, 10))
			return nil, true
		}
	}
	return nil, false
}

// canSearch: there is a store, and nothing else owns the keyboard.
func (a *App) canSearch() bool {
	if a.env.Store == nil || a.switcher != nil || a.showFullHelp {
		return false
	}
	p := a.Focused()
	return p == nil || p.Mode() == ModeNormal
}

func (a *App) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	s := a.search
	k := a.env.Keys
	switch {
	case key.Matches(msg, k.Global.Search), key.Matches(msg, k.Filter.Clear):
		a.search = nil
		return nil
	case key.Matches(msg, k.Filter.Apply):
		h, ok := s.selected()
		if !ok {
			return nil
		}
		a.search = nil
		jump := JumpMsg{Pane: h.Pane, ID: h.ID}
		return func() tea.Msg { return jump }
	}
	rows := s.rows(a.height - chrome)
	switch {
	case key.Matches(msg, k.Filter.Up):
		s.move(-1, rows)
		return nil
	case key.Matches(msg, k.Filter.Down):
		s.move(1, rows)
		return nil
	case key.Matches(msg, k.List.PageUp):
		s.move(-rows, rows)
		return nil
	case key.Matches(msg, k.List.PageDown):
		s.move(rows, rows)
		return nil
	}
	return s.edit(msg)
}

// edit types into the query; a changed query restarts the debounce.
func (s *search) edit(msg tea.Msg) tea.Cmd {
	before := s.input.Value()
	s.input, _ = s.input.Update(msg) // the blink command: see newSearch
	text := s.input.Value()
	if text == before {
		return nil
	}
	seq := s.seq.Next()
	if store.MatchExpr(text) == "" {
		// Nothing searchable (empty, or only punctuation): show the hint.
		s.asked, s.hits, s.err, s.busy = "", nil, nil, false
		s.cursor, s.offset = 0, 0
		return nil
	}
	s.busy = true
	return tea.Tick(searchDebounce, func(time.Time) tea.Msg { return searchTickMsg{seq: seq, text: text} })
}

// run queries the store in a command: the query, the store and the
// language are copied here, on the Update goroutine.
func (s *search) run(text string) tea.Cmd {
	seq, st, tr, ctx := s.seq.Next(), s.env.Store, s.env.Tr, s.env.Ctx
	if st == nil {
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s.busy = true
	return func() tea.Msg {
		hits, err := searchStore(ctx, st, tr, text)
		return searchResultMsg{seq: seq, text: text, hits: hits, err: err}
	}
}

// searchStore finds text and titles each hit from its stored row.
func searchStore(ctx context.Context, st *store.Store, tr i18n.T, text string) ([]searchHit, error) {
	hits, err := st.Search(ctx, text, searchLimit)
	if err != nil {
		return nil, err
	}
	out := make([]searchHit, 0, len(hits))
	for _, h := range hits {
		row, ok, err := st.Get(ctx, h.Kind, h.ID)
		if err != nil {
			return nil, err
		}
		title := ""
		if ok {
			title = StoredTitle(tr, row)
		}
		out = append(out, searchHit{Hit: h, Title: title})
	}
	return out, nil
}

// results shows a finished query, keeping the cursor on the same item
// when a re-run (the store changed) still finds it.
func (s *search) results(msg searchResultMsg) {
	prev, had := s.selected()
	s.busy = false
	s.asked, s.hits, s.err = msg.text, msg.hits, msg.err
	s.cursor, s.offset = 0, 0
	if !had {
		return
	}
	for i, h := range s.hits {
		if h.Kind == prev.Kind && h.ID == prev.ID {
			s.cursor = i
			return
		}
	}
}

func (s *search) selected() (searchHit, bool) {
	if s.cursor < 0 || s.cursor >= len(s.hits) {
		return searchHit{}, false
	}
	return s.hits[s.cursor], true
}

// move moves the cursor by d and scrolls the least that shows it in a
// window of rows results.
func (s *search) move(d, rows int) {
	s.cursor = max(min(s.cursor+d, len(s.hits)-1), 0)
	rows = max(rows, 1)
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+rows {
		s.offset = s.cursor - rows + 1
	}
}
