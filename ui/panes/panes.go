// Package panes holds the five marketplace panes. Each embeds *ui.Split
// (list + detail, paging, errors, badge) and adds what its marketplace
// needs: rows, detail, enum labels in both languages, the `f` filter menu.
package panes

import (
	"errors"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
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
	// Syncer brings the details a pane asks for (a return's order, an
	// item read back after an answer, a chat's new reply sign) into the
	// store, which the pane then reads; the app's live sync shares it
	// (serve: the team's one syncer). Nil: the panes show what is stored
	// and say that nothing more can be read.
	Syncer *syncer.Syncer
}

// errNoSync is a pane's answer when a detail is not stored and there is
// no syncer to read it into the store: a sentence, not a crash.
func errNoSync(tr i18n.T) error { return errors.New(tr.Get("details.no_sync")) }

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"details.no_sync": "Nothing syncs with the marketplace in this session, so only what is stored shows here.",
	})
	i18n.Register(i18n.RU, map[string]string{
		"details.no_sync": "В этом сеансе нет синхронизации с маркетплейсом: здесь видно только сохранённое.",
	})
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
