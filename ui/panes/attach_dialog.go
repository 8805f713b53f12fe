package panes

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// attachDialog is the chat editor's ctrl+o dialog: a path input with tab
// completion of directory entries, and the files attached so far, which
// ↑/↓ and delete remove. A file is checked (type, 5 MB each, 30 MB
// together) when it is added, so a wrong one is refused here with the
// sentence, not at sending.
type attachDialog struct {
	env    ui.Env
	in     textinput.Model
	files  []string
	cursor int // the attachment delete removes
	err    string
	hint   string // completion candidates
	check  func(files []string) error
}

// attachMaxPath bounds the input; paths are rarely longer.
const attachMaxPath = 4096

// attachCandidates is how many completion candidates the hint names.
const attachCandidates = 6

func newAttachDialog(env ui.Env, files []string, check func([]string) error) *attachDialog {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = env.Tr.Get("act.attach.placeholder")
	in.CharLimit = attachMaxPath
	in.Focus()
	return &attachDialog{env: env, in: in, files: slices.Clone(files), check: check}
}

// Update handles a key or paste; done closes the dialog with files as the
// new attachments.
func (a *attachDialog) Update(msg tea.Msg) (done bool, files []string, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return true, a.files, nil
		case "enter":
			return a.add()
		case "tab":
			a.complete()
			return false, nil, nil
		case "up":
			a.cursor = max(a.cursor-1, 0)
			return false, nil, nil
		case "down":
			a.cursor = min(a.cursor+1, max(len(a.files)-1, 0))
			return false, nil, nil
		case "delete":
			if a.cursor < len(a.files) {
				a.files = slices.Delete(a.files, a.cursor, a.cursor+1)
				a.cursor = min(a.cursor, max(len(a.files)-1, 0))
			}
			return false, nil, nil
		}
	}
	before := a.in.Value()
	a.in, cmd = a.in.Update(msg)
	if a.in.Value() != before {
		a.err, a.hint = "", ""
	}
	return false, nil, cmd
}

// add attaches the typed file, or closes on an empty input.
func (a *attachDialog) add() (bool, []string, tea.Cmd) {
	raw := strings.TrimSpace(a.in.Value())
	if raw == "" {
		return true, a.files, nil
	}
	p, err := expandPath(raw)
	if err != nil {
		a.err = err.Error()
		return false, nil, nil
	}
	if slices.Contains(a.files, p) {
		a.err = a.env.Tr.Get("act.attach.twice", filepath.Base(p))
		return false, nil, nil
	}
	next := append(slices.Clone(a.files), p)
	if err := a.check(next); err != nil {
		a.err = humanError(err)
		return false, nil, nil
	}
	a.files = next
	return true, a.files, nil
}

// complete extends the typed path by the directory entries it starts: to
// the entry when one matches (a directory gets its slash), to the common
// prefix and a list of candidates when several do.
func (a *attachDialog) complete() {
	raw := a.in.Value()
	dirPart, prefix := raw[:strings.LastIndex(raw, "/")+1], raw[strings.LastIndex(raw, "/")+1:]
	dir := dirPart
	if dir == "" {
		dir = "."
	}
	dir, err := expandPath(dir)
	if err != nil {
		a.err = err.Error()
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		a.err = a.env.Tr.Get("act.attach.no_dir", safe.Line(dirPart))
		return
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(prefix, ".")) {
			continue
		}
		if e.IsDir() || (e.Type()&os.ModeSymlink != 0 && isDir(filepath.Join(dir, n))) {
			n += "/"
		}
		names = append(names, n)
	}
	a.hint = ""
	switch len(names) {
	case 0:
		a.err = a.env.Tr.Get("act.attach.no_match")
		return
	case 1:
		a.setInput(dirPart + names[0])
		return
	}
	common := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, common) {
			_, size := utf8.DecodeLastRuneInString(common)
			common = common[:len(common)-size]
		}
	}
	a.setInput(dirPart + common)
	shown := names[:min(len(names), attachCandidates)]
	a.hint = strings.Join(shown, "  ")
	if len(names) > len(shown) {
		a.hint += "  " + a.env.Tr.Get("act.attach.more", len(names)-len(shown))
	}
}

func (a *attachDialog) setInput(s string) {
	a.in.SetValue(s)
	a.in.CursorEnd()
	a.err = ""
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// expandPath makes a typed path absolute: ~ is the home folder, and a
// relative path is taken from the working directory now, not when the
// outbox sends it.
func expandPath(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home folder: %w", err)
		}
		p = filepath.Join(home, p[1:])
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(abs, "/") {
		abs += "/" // keep a directory a directory for completion
	}
	return abs, nil
}

// View draws the input, the hint or error, the attachments and the keys.
func (a *attachDialog) View(w, h int) string {
	st, tr := a.env.Styles, a.env.Tr
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(tr.Get("act.attach.title"), w)) + "\n")
	a.in.SetWidth(max(w-4, 10))
	b.WriteString(a.in.View() + "\n")
	switch {
	case a.err != "":
		b.WriteString(st.ErrorBox.Render(safe.Wrap(a.err, max(w, 10))) + "\n")
	case a.hint != "":
		b.WriteString(st.Muted.Render(safe.Wrap(a.hint, max(w, 10))) + "\n")
	}
	b.WriteString("\n")
	if len(a.files) == 0 {
		b.WriteString(st.Muted.Render(safe.Truncate(tr.Get("act.attach.none"), w)) + "\n")
	}
	for i, f := range a.files {
		line := attachedFileLine(a.env, i, f)
		if i == a.cursor {
			b.WriteString(st.RowSelected.Render(safe.Truncate("› "+line, w)) + "\n")
		} else {
			b.WriteString(safe.Truncate("  "+line, w) + "\n")
		}
	}
	b.WriteString("\n" + st.Muted.Render(safe.Wrap(tr.Get("act.attach.help"), max(w, 10))))
	return b.String()
}

// attachedFileLine is "1. invoice.pdf, 1.2 MB".
func attachedFileLine(env ui.Env, i int, path string) string {
	line := strconv.Itoa(i+1) + ". " + safe.Line(filepath.Base(path))
	if fi, err := os.Stat(path); err == nil {
		line += ", " + chatsSize(fi.Size(), env.Tr)
	}
	return line
}

// attachedFilesView lists the attachments under the editor; "" when none.
func attachedFilesView(env ui.Env, files []string, w int) string {
	if len(files) == 0 {
		return ""
	}
	st, tr := env.Styles, env.Tr
	lines := []string{st.DetailLabel.Render(safe.Truncate(tr.Get("act.attach.list", env.Keys.Editor.Attach.Help().Key), w))}
	for i, f := range files {
		lines = append(lines, safe.Truncate("  "+attachedFileLine(env, i, f), w))
	}
	return strings.Join(lines, "\n")
}
