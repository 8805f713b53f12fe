package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Confirm asks a yes/no question before anything irreversible (rejecting a
// question, a claim action, a return decision). While it is open its pane
// reports ModeConfirm, so no global key fires.
type Confirm struct {
	env      Env
	Question string
}

// NewConfirm asks question.
func NewConfirm(env Env, question string) *Confirm { return &Confirm{env: env, Question: question} }

// Update reports whether the question was answered, and how.
func (c *Confirm) Update(msg tea.Msg) (answered, yes bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, false
	}
	switch {
	case key.Matches(k, c.env.Keys.Confirm.Yes):
		return true, true
	case key.Matches(k, c.env.Keys.Confirm.No):
		return true, false
	}
	return false, false
}

// View is the question and its keys, wrapped to width.
func (c *Confirm) View(width int) string {
	st := c.env.Styles
	k := c.env.Keys.Confirm
	return st.StatusWarn.Render(safe.Wrap(c.Question, max(width, 10))) + "\n" +
		st.HelpKey.Render(k.Yes.Help().Key) + " " + st.HelpDesc.Render(k.Yes.Help().Desc) + "   " +
		st.HelpKey.Render(k.No.Help().Key) + " " + st.HelpDesc.Render(k.No.Help().Desc)
}
