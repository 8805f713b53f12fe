// Package panes holds the five marketplace panes. Each embeds *ui.Split
// (list + detail, paging, errors, badge) and adds what its marketplace
// needs: rows, detail, enum labels in both languages, the `f` filter menu.
package panes

import (
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Deps are the clients the panes load through. A nil client means the
// profile has no token for that marketplace: its panes are left out.
type Deps struct {
	YM      *ym.Client
	WB      *wb.Client
	Profile string
}

// New builds the panes the profile's tokens allow, in tab order.
func New(env ui.Env, d Deps) []ui.Pane {
	var out []ui.Pane
	if d.YM != nil {
		out = append(out, newReturnsPane(env, d))
	}
	if d.WB != nil {
		out = append(out, newQuestionsPane(env, d), newFeedbacksPane(env, d), newChatsPane(env, d), newClaimsPane(env, d))
	}
	return out
}
