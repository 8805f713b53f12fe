// Package panes holds the five marketplace panes. Each embeds *ui.Split
// (list + detail, paging, errors, badge) and adds what its marketplace
// needs: rows, detail, enum labels in both languages, the `f` filter menu.
package panes

import (
	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Deps are the clients the panes load through. A nil client means the
// profile has no token for that marketplace: its panes are left out.
type Deps struct {
	YM      *ym.Client
	WB      *wb.Client
	Profile string
	// WBCovers tells, from the token itself, whether it has the category a
	// WB service needs; nil means unknown (an opaque token): try them all.
	WBCovers func(api.Service) bool
	// Store is the profile's local store; when set it is also the panes'
	// Env.Store. With a store the inbox tab comes first.
	Store *store.Store
	// Others are the other profiles' stores, read by the inbox only.
	Others []ui.ProfileStore
}

// withStore makes the Deps' store the env's: a pane reads the profile's
// store, which the syncer fills.
func withStore(env ui.Env, d Deps) ui.Env {
	if d.Store != nil {
		env.Store = d.Store
	}
	return env
}

// wbPane builds a WB pane, or the explanation when the token lacks its
// category.
func wbPane(env ui.Env, d Deps, id ui.PaneID, svc api.Service, build func(ui.Env, Deps) ui.Pane) ui.Pane {
	if d.WBCovers != nil && !d.WBCovers(svc) {
		return newNoAccessPane(env, id, svc)
	}
	return build(env, d)
}

// New builds the panes the profile's tokens allow, in tab order.
func New(env ui.Env, d Deps) []ui.Pane {
	var out []ui.Pane
	if d.Store != nil {
		env.Store = d.Store
	}
	if env.Store != nil {
		out = append(out, newInboxPane(env, env.Store, d.Others))
	}
	if d.YM != nil {
		out = append(out, newReturnsPane(env, d))
	}
	if d.WB != nil {
		out = append(out,
			wbPane(env, d, ui.PaneQuestions, api.ServiceWBFeedbacks, newQuestionsPane),
			wbPane(env, d, ui.PaneFeedbacks, api.ServiceWBFeedbacks, newFeedbacksPane),
			wbPane(env, d, ui.PaneChats, api.ServiceWBChat, newChatsPane),
			wbPane(env, d, ui.PaneClaims, api.ServiceWBReturns, newClaimsPane))
	}
	return out
}
