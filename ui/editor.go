package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// EditorSpec describes what is being written and its limits, counted in
// characters (runes), as the marketplaces count them.
type EditorSpec struct {
	Title    string
	Min, Max int // 0: no bound
	// Len counts the text against Min and Max (and for the counter);
	// nil counts runes. Chat messages count UTF-16 code units too.
	Len func(string) int
	// Check adds a rule of the item (attachments, required comment); its
	// error is shown inline and the text is not sent.
	Check   func(text string) error
	Initial string
	// Note is shown under the title: why the last send failed, a template
	// warning.
	Note string
}

// EditorResult is what a key did.
type EditorResult int

const (
	EditorOpen  EditorResult = iota // still typing
	EditorSend                      // ctrl+s with valid text
	EditorLeave                     // esc: close, keep the draft
)

// externalDone carries $EDITOR's result back.
type externalDone struct {
	pane PaneID
	path string
	err  error
}

func (m externalDone) TargetPane() PaneID { return m.pane }

// Editor is the inline answer editor of a detail pane: a textarea with a
// live character counter against the limit, inline errors, ctrl+s to send,
// esc to leave (the draft is kept), ctrl+e for $EDITOR. While it is open
// its pane reports ModeEdit, so q, digits and tab are typed, never global.
type Editor struct {
	env  Env
	pane PaneID
	spec EditorSpec
	ta   textarea.Model
	err  string
}

// NewEditor opens an editor with the spec's initial text (a draft).
func NewEditor(env Env, pane PaneID, spec EditorSpec) *Editor {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.CharLimit = 0 // over-long text is refused with a sentence, not cut
	ta.MaxHeight = 0
	ta.Prompt = ""
	ta.SetStyles(textareaStyles(env.Styles))
	ta.SetValue(spec.Initial)
	ta.Focus()
	return &Editor{env: env, pane: pane, spec: spec, ta: ta, err: spec.Note}
}

// Value is the text typed so far.
func (e *Editor) Value() string { return e.ta.Value() }

// SetError shows err under the text (a refused send).
func (e *Editor) SetError(msg string) { e.err = msg }

// Count is the length in characters, as the spec counts them.
func (e *Editor) Count() int { return e.length(e.ta.Value()) }

func (e *Editor) length(s string) int {
	if e.spec.Len != nil {
		return e.spec.Len(s)
	}
	return utf8.RuneCountInString(s)
}

// Validate applies the limits and the item's rule.
func (e *Editor) Validate() error {
	text := strings.TrimSpace(e.ta.Value())
	n := e.length(text)
	tr := e.env.Tr
	switch {
	case e.spec.Min > 0 && n < e.spec.Min:
		return fmt.Errorf("%s", tr.Get("editor.too_short", e.spec.Min, n))
	case e.spec.Max > 0 && n > e.spec.Max:
		return fmt.Errorf("%s", tr.Get("editor.too_long", e.spec.Max, n))
	}
	if e.spec.Check != nil {
		return e.spec.Check(text)
	}
	return nil
}

// Update handles a key, paste or $EDITOR result. changed reports whether
// the text changed, so the pane saves the draft.
func (e *Editor) Update(msg tea.Msg) (res EditorResult, changed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case externalDone:
		if msg.err == nil {
			if b, err := os.ReadFile(msg.path); err == nil {
				e.ta.SetValue(strings.TrimRight(string(b), "\n"))
				changed = true
			}
		} else {
			e.err = msg.err.Error()
		}
		_ = os.Remove(msg.path)
		return EditorOpen, changed, nil
	case tea.KeyPressMsg:
		k := e.env.Keys.Editor
		switch {
		case key.Matches(msg, k.Send):
			if err := e.Validate(); err != nil {
				e.err = err.Error()
				return EditorOpen, false, nil
			}
			e.err = ""
			return EditorSend, false, nil
		case key.Matches(msg, k.Leave):
			return EditorLeave, false, nil
		case key.Matches(msg, k.External):
			return EditorOpen, false, e.external()
		}
	}
	before := e.ta.Value()
	var c tea.Cmd
	e.ta, c = e.ta.Update(msg)
	if e.ta.Value() != before {
		changed = true
		if e.err != "" && e.err != e.spec.Note {
			e.err = ""
		}
	}
	return EditorOpen, changed, c
}

// external writes the draft to a temp file and runs $VISUAL/$EDITOR on it
// with the terminal handed over; the text is read back when it exits.
func (e *Editor) external() tea.Cmd {
	f, err := os.CreateTemp("", "sellerinbox-*.txt")
	if err != nil {
		e.err = err.Error()
		return nil
	}
	_, werr := f.WriteString(e.ta.Value())
	cerr := f.Close()
	if werr != nil || cerr != nil {
		e.err = fmt.Sprint(werr, cerr)
		return nil
	}
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	args := strings.Fields(editor)
	cmd := exec.Command(args[0], append(args[1:], f.Name())...)
	pane, path := e.pane, f.Name()
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return externalDone{pane: pane, path: path, err: err} })
}

// View draws the editor in w×h: title, note/error, text, counter, help.
func (e *Editor) View(w, h int) string {
	st, tr := e.env.Styles, e.env.Tr
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(e.spec.Title, w)) + "\n")
	extra := 3 // title, counter, help
	if e.err != "" {
		b.WriteString(st.ErrorBox.Render(safe.Truncate(e.err, w)) + "\n")
		extra++
	}
	saveErr := e.saveFailure()
	if saveErr != nil {
		// Said where the user is looking, and the help below stops
		// promising that the draft is kept.
		b.WriteString(st.ErrorBox.Render(safe.Truncate(tr.Get("editor.draft_not_saved", safe.Line(saveErr.Error())), w)) + "\n")
		extra++
	}
	e.ta.SetWidth(max(w, 10))
	e.ta.SetHeight(max(h-extra, 3))
	b.WriteString(e.ta.View() + "\n")
	n := e.Count()
	counter := fmt.Sprintf("%d", n)
	if e.spec.Max > 0 {
		counter = fmt.Sprintf("%d/%d", n, e.spec.Max)
	}
	cs := st.Muted
	if (e.spec.Max > 0 && n > e.spec.Max) || (e.spec.Min > 0 && n < e.spec.Min) {
		cs = st.StatusWarn
	}
	k := e.env.Keys.Editor
	id := "editor.help"
	if saveErr != nil {
		id = "editor.help_unsaved"
	}
	help := tr.Get(id, k.Send.Help().Key, k.Leave.Help().Key, k.External.Help().Key)
	b.WriteString(cs.Render(counter) + "  " + st.Muted.Render(safe.Truncate(help, max(w-len(counter)-2, 1))))
	return b.String()
}

// saveFailure is why typed text is not reaching the disk, nil while
// drafts save.
func (e *Editor) saveFailure() error {
	if r := e.env.Replies; r != nil && r.Debounce != nil {
		return r.Debounce.Failure()
	}
	return nil
}
