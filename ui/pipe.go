package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Pipe is the config's pipe_command (aerc's `|`): the selected item goes
// to it as JSON, as `sellerinbox list --json` prints items, and what it
// prints opens as a draft in the answer editor for the agent to review and
// send. It lets an agent draft with a local model or look something up in
// a CRM without anything being sent on their behalf: the command never
// sends, the agent does.
type Pipe struct {
	// Command runs with `sh -c`; empty turns `|` off.
	Command string
	// Timeout bounds one run (default one minute).
	Timeout time.Duration
	// Off, when Command is set, says why `|` does nothing here (a
	// served session runs no program on the server for an agent).
	Off string
}

// pipeOutputMax bounds what a command may print: an answer is at most a
// few thousand characters, and a runaway command must not fill memory.
const pipeOutputMax = 64 << 10

// PipedMsg is a pipe command's result for the item it was run on.
type PipedMsg struct {
	Pane PaneID
	ID   string
	// Text is what the command printed, sanitized, trailing blank lines
	// dropped.
	Text string
	Err  error
}

// TargetPane routes the result to the pane that asked.
func (m PipedMsg) TargetPane() PaneID { return m.Pane }

// Run is the command that pipes item (encoded as JSON here, before the
// closure, so the item may change afterwards) to the pipe command.
func (p Pipe) Run(ctx context.Context, pane PaneID, id string, item any) tea.Cmd {
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.SetIndent("", "  ")
	if err := enc.Encode(item); err != nil {
		return func() tea.Msg { return PipedMsg{Pane: pane, ID: id, Err: err} }
	}
	command, timeout := p.Command, p.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	return func() tea.Msg {
		text, err := runPipe(ctx, command, in.Bytes(), timeout)
		return PipedMsg{Pane: pane, ID: id, Text: text, Err: err}
	}
}

// limitedBuffer keeps at most max bytes and remembers that more came.
type limitedBuffer struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); len(p) > room {
		b.buf.Write(p[:max(room, 0)])
		b.over = true
		return len(p), nil
	}
	return b.buf.Write(p)
}

// PipeError is why a pipe command gave no draft; Text words it for the
// screen, Error for the log.
type PipeError struct {
	Kind   PipeFailure
	Detail string // the command's last line of stderr, or the wait allowed
}

// PipeFailure is what went wrong with a pipe command.
type PipeFailure int

const (
	PipeTimedOut PipeFailure = iota
	PipeFailed
	PipeTooLong
	PipePrintedNothing
)

var pipeMessages = map[PipeFailure]string{
	PipeTimedOut: "pipe.timeout", PipeFailed: "pipe.failed", PipeTooLong: "pipe.too_long", PipePrintedNothing: "pipe.empty",
}

func (e *PipeError) Error() string {
	return fmt.Sprintf("pipe command: %s (%s)", pipeMessages[e.Kind], e.Detail)
}

// Text is the error in the UI's language.
func (e *PipeError) Text(env Env) string {
	id := pipeMessages[e.Kind]
	switch e.Kind {
	case PipeTimedOut, PipeFailed:
		return env.Tr.Get(id, e.Detail)
	case PipeTooLong:
		return env.Tr.Get(id, env.Tr.Num(pipeOutputMax>>10))
	}
	return env.Tr.Get(id)
}

func runPipe(ctx context.Context, command string, in []byte, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Env = pipeEnv(os.Environ())
	// A command that leaves a child holding stdout open must not keep the
	// result waiting after it was killed.
	cmd.WaitDelay = 2 * time.Second
	out := &limitedBuffer{max: pipeOutputMax}
	errOut := &limitedBuffer{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = out, errOut
	err := cmd.Run()
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", &PipeError{Kind: PipeTimedOut, Detail: timeout.String()}
	case err != nil:
		why := safe.Line(lastLine(errOut.buf.String()))
		if why == "" {
			why = err.Error()
		}
		return "", &PipeError{Kind: PipeFailed, Detail: safe.Truncate(why, 200)}
	case out.over:
		return "", &PipeError{Kind: PipeTooLong}
	}
	text := strings.TrimRight(safe.Text(out.buf.String()), " \n")
	if strings.TrimSpace(text) == "" {
		return "", &PipeError{Kind: PipePrintedNothing}
	}
	return text, nil
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// pipeEnv is the environment without the marketplace tokens and the
// token file's passphrase: the command is the user's, but nothing it
// needs to draft an answer calls for the seller's keys.
func pipeEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "SELLERINBOX_") && (strings.Contains(name, "TOKEN") || strings.Contains(name, "PASSPHRASE")) {
			continue
		}
		out = append(out, kv)
	}
	return out
}
