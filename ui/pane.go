// Package ui is the Bubble Tea application: the root model (tabs, status
// bar, help), the Pane extension point the five marketplace panes plug
// into, and the Split building block they are made of. Marketplace
// specifics stay in the panes; nothing here knows a return from a chat.
package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
)

// PaneID names a pane: the shared vocabulary of package models. The number
// keys select panes by ID, so "3" is feedbacks even when a profile has no
// returns pane.
type PaneID = models.Pane

const (
	PaneReturns   = models.PaneReturns
	PaneQuestions = models.PaneQuestions
	PaneFeedbacks = models.PaneFeedbacks
	PaneChats     = models.PaneChats
	PaneClaims    = models.PaneClaims
	PaneInbox     = models.PaneInbox
)

// TitleID is the i18n id of the pane's default title.
func TitleID(id PaneID) string { return "tab." + string(id) }

// Mode is who owns the keyboard. In any mode but normal the focused pane
// gets every key, so typing "q" into a filter or an answer never quits and
// "1" never switches tabs. Only force quit (ctrl+c) is global in all modes.
type Mode int

const (
	ModeNormal  Mode = iota
	ModeFilter       // typing into /
	ModeEdit         // writing an answer
	ModeConfirm      // answering a yes/no question
)

// Pane is one tab. Panes are used by pointer: Update may change the pane
// in place and returns it (or a replacement). Panes must not block in
// Update; network and store work goes into the returned tea.Cmd.
type Pane interface {
	Init() tea.Cmd
	Update(tea.Msg) (Pane, tea.Cmd)
	// View renders exactly the size given by the last SetSize.
	View() string
	SetSize(w, h int)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	Title() string
	// Badge is the number of items needing action, shown on the tab.
	Badge() int
	ID() PaneID
	Mode() Mode
}
