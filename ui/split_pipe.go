package ui

import (
	"context"
	"encoding/json"

	tea "charm.land/bubbletea/v2"
)

// The `|` key of a list: the selected item goes to the config's
// pipe_command as the JSON the store keeps for it, which is what
// `sellerinbox list --json` prints for one item; the app turns what the
// command prints into a draft (App.piped).

// pipeKey starts the pipe command on the selected item, or says why it
// cannot run. It never runs the command on the Update goroutine.
func (s *Split[T]) pipeKey() tea.Cmd {
	tr, pipe := s.env.Tr, s.env.Pipe
	keyName := s.env.Keys.Reply.Pipe.Help().Key
	switch {
	case pipe.Off != "":
		return notice(NoticeMsg{Text: pipe.Off})
	case pipe.Command == "":
		return notice(NoticeMsg{Text: tr.Get("pipe.unset", keyName)})
	case s.env.Replies == nil:
		return notice(NoticeMsg{Text: tr.Get("pipe.no_replies")})
	}
	i, ok := s.selIndex()
	if !ok || s.cfg.Key == nil || i >= len(s.raw) || len(s.raw[i]) == 0 {
		return nil
	}
	id, raw := s.cfg.Key(s.items[i]), s.raw[i]
	ctx := s.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return tea.Batch(notice(NoticeMsg{Text: tr.Get("pipe.running")}), pipe.Run(ctx, s.cfg.ID, id, raw))
}

func notice(n NoticeMsg) tea.Cmd { return func() tea.Msg { return n } }

// rawOf keeps the stored JSON of the rows read: what `|` pipes.
func rawOf(data json.RawMessage) json.RawMessage {
	if len(data) == 0 || !json.Valid(data) {
		return nil
	}
	return data
}
