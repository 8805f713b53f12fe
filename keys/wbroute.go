package keys

import (
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// WBRoute says which of a profile's Wildberries tokens each service uses.
type WBRoute struct {
	Tokens []api.Secret // oldest first
	Infos  []WBTokenInfo
	by     map[api.Service]int
}

// RouteWB picks, for each service, the token that carries its category:
// a JWT that claims it and has not expired; failing that an opaque token
// (nothing can be learnt from it locally, so it is tried); failing that an
// expired JWT that claims it, so the pane shows the service's refusal
// instead of hiding. Among equals the newest token wins: it was added last
// because it is the one the seller means.
func RouteWB(toks []api.Secret, now time.Time) WBRoute {
	r := WBRoute{Tokens: toks, Infos: make([]WBTokenInfo, len(toks)), by: map[api.Service]int{}}
	for i, t := range toks {
		info, err := ParseWBToken(t.Reveal())
		if err != nil {
			info = WBTokenInfo{Opaque: true}
		}
		r.Infos[i] = info
	}
	rank := func(i int, s api.Service) int {
		info := r.Infos[i]
		switch {
		case info.Opaque:
			return 2
		case !info.Covers(s):
			return 0
		case info.Expired(now):
			return 1
		}
		return 3
	}
	for _, s := range WBServices {
		best, bestRank := -1, 0
		for i := range toks {
			if k := rank(i, s); k > 0 && k >= bestRank {
				best, bestRank = i, k
			}
		}
		if best >= 0 {
			r.by[s] = best
		}
	}
	return r
}

// Index is the position of the token the service uses.
func (r WBRoute) Index(s api.Service) (int, bool) {
	i, ok := r.by[s]
	return i, ok
}

// Token is the token the service uses; ok is false when no token carries
// its category.
func (r WBRoute) Token(s api.Service) (api.Secret, bool) {
	i, ok := r.by[s]
	if !ok {
		return api.Secret{}, false
	}
	return r.Tokens[i], true
}

// Covers reports whether some token carries the service's category.
func (r WBRoute) Covers(s api.Service) bool {
	_, ok := r.by[s]
	return ok
}

// Serves lists the services that use the i-th token, in pane order.
func (r WBRoute) Serves(i int) []api.Service {
	var out []api.Service
	for _, s := range WBServices {
		if j, ok := r.by[s]; ok && j == i {
			out = append(out, s)
		}
	}
	return out
}

// Missing lists the services no token carries.
func (r WBRoute) Missing() []api.Service {
	var out []api.Service
	for _, s := range WBServices {
		if !r.Covers(s) {
			out = append(out, s)
		}
	}
	return out
}

// Transport maps every WB service to its token, for api.Config.Tokens; a
// service without one is left out, so its requests fail before leaving.
func (r WBRoute) Transport() map[api.Service]api.Secret {
	out := map[api.Service]api.Secret{}
	for s, i := range r.by {
		out[s] = r.Tokens[i]
	}
	return out
}

// WBAdd is what adding a token to a profile's list does.
type WBAdd struct {
	// Tokens is the list to store, oldest first, the new token last.
	Tokens []api.Secret
	Route  WBRoute // over Tokens
	Before WBRoute // over the list before
	// Again: the token was stored already; it moves to the end.
	Again bool
	// Replaced were stored and now serve nothing, because the new token
	// carries every category they served.
	Replaced []api.Secret
	// Superseded were stored and now serve nothing because newer tokens
	// together carry what they served (or they served nothing already).
	Superseded []api.Secret
}

// Useful reports whether the new token serves any service.
func (a WBAdd) Useful() bool { return len(a.Route.Serves(len(a.Tokens)-1)) > 0 }

// AddWB adds tok to the stored list. A stored token keeps every service it
// still serves, so a token for other categories is never replaced; a token
// left serving nothing is dropped, which keeps the list at MaxWBTokens.
func AddWB(stored []api.Secret, tok api.Secret, now time.Time) WBAdd {
	a := WBAdd{Before: RouteWB(stored, now)}
	var list []api.Secret
	oldIndex := map[int]int{} // position in list → position in stored
	for i, t := range stored {
		if t.Reveal() == tok.Reveal() {
			a.Again = true
			continue
		}
		oldIndex[len(list)] = i
		list = append(list, t)
	}
	list = append(list, tok)
	all := RouteWB(list, now)
	newest := len(list) - 1
	for i, t := range list[:newest] {
		if len(all.Serves(i)) > 0 {
			a.Tokens = append(a.Tokens, t)
			continue
		}
		served := a.Before.Serves(oldIndex[i])
		taken := len(served) > 0
		for _, s := range served {
			if j, _ := all.Index(s); j != newest {
				taken = false
			}
		}
		if taken {
			a.Replaced = append(a.Replaced, t)
		} else {
			a.Superseded = append(a.Superseded, t)
		}
	}
	a.Tokens = append(a.Tokens, tok)
	a.Route = RouteWB(a.Tokens, now)
	return a
}

// RemoveWB drops the token serving s from the list; the rest keep their
// order. ok is false when no token serves s.
func RemoveWB(stored []api.Secret, s api.Service, now time.Time) (rest []api.Secret, removed api.Secret, ok bool) {
	i, ok := RouteWB(stored, now).Index(s)
	if !ok {
		return stored, api.Secret{}, false
	}
	rest = append(append([]api.Secret{}, stored[:i]...), stored[i+1:]...)
	return rest, stored[i], true
}
