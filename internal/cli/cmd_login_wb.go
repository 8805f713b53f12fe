package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
)

// wbPanes are the panes each WB service feeds, as the user sees them.
var wbPanes = map[api.Service][]string{
	api.ServiceWBFeedbacks: {"Questions", "Feedbacks"},
	api.ServiceWBChat:      {"Chats"},
	api.ServiceWBReturns:   {"Claims"},
}

// panesOf names the panes the services feed, in tab order.
func panesOf(svcs []api.Service) string {
	var out []string
	for _, s := range svcs {
		out = append(out, wbPanes[s]...)
	}
	return joinOr(out, "none")
}

// storedBase is the writable store under an environment override: login
// adds to what is stored, not to what the variable lists.
func storedBase(s keys.Store) keys.Store {
	if ly, ok := s.(*keys.Layered); ok {
		return ly.Base
	}
	return s
}

// addWB adds the checked token to the profile's Wildberries tokens: stored
// tokens keep every category they still serve, a token left serving nothing
// goes (and login says so), and the facts recorded per token follow.
func (l *login) addWB(store keys.Store, profile string, p *config.Profile, tok api.Secret, check *config.WBCheck, now time.Time) (keys.WBAdd, error) {
	stored, err := storedBase(store).GetWB(profile)
	if err != nil && !errors.Is(err, keys.ErrNotFound) {
		return keys.WBAdd{}, fmt.Errorf("cannot read the stored Wildberries tokens: %w", err)
	}
	add := keys.AddWB(stored, tok, now)
	if !add.Useful() {
		return add, errors.New("every category this token could serve is already served by a stored token that declares it, " +
			"and this token is not a JWT, so what it carries cannot be told; run `sellerinbox logout wb` first to use it instead")
	}
	if err := store.SetWB(profile, add.Tokens); err != nil {
		return add, fmt.Errorf("the token works but could not be stored: %w", err)
	}
	// Facts recorded earlier follow their token; the list matches the
	// stored one only if an earlier login wrote both.
	known := map[string]config.WBCheck{}
	if old := p.WBChecks(); len(old) == len(stored) {
		for i, t := range stored {
			known[t.Reveal()] = old[i]
		}
	}
	checks := make([]config.WBCheck, 0, len(add.Tokens))
	for i, t := range add.Tokens {
		c, ok := known[t.Reveal()]
		switch {
		case i == len(add.Tokens)-1:
			c = *check
		case !ok:
			c = localWBCheck(t, now)
		}
		c.Tail, c.Store = t.Mask(), storedBase(store).Name()
		checks = append(checks, c)
	}
	p.WB, p.WBTokens, p.WBCheck = true, checks, nil
	return add, nil
}

// localWBCheck is what a token says about itself, for a stored token no
// login recorded facts about.
func localWBCheck(t api.Secret, now time.Time) config.WBCheck {
	info, err := keys.ParseWBToken(t.Reveal())
	c := config.WBCheck{Opaque: err != nil || info.Opaque, ReadOnly: info.ReadOnly, Expires: info.Expires, CheckedAt: now.UTC().Truncate(time.Second)}
	for _, cat := range info.Categories() {
		c.Categories = append(c.Categories, cat.String())
	}
	return c
}

// reportWB tells what adding the token changed: which panes it serves,
// which stored token it replaced or took categories from, and which pane
// no token serves.
func reportWB(w io.Writer, add keys.WBAdd, now time.Time) {
	newest := len(add.Tokens) - 1
	tok := add.Tokens[newest]
	fmt.Fprintf(w, "Token %s serves: %s.\n", tok.Mask(), panesOf(add.Route.Serves(newest)))
	if add.Again {
		fmt.Fprintf(w, "  It was stored already; it is checked and kept.\n")
	}
	for _, r := range add.Replaced {
		fmt.Fprintf(w, "  It replaces token %s, which served the same categories.\n", r.Mask())
	}
	for _, r := range add.Superseded {
		fmt.Fprintf(w, "  Token %s is removed: newer tokens serve every category it carried.\n", r.Mask())
	}
	for i, t := range add.Tokens[:newest] {
		was := -1
		for j, b := range add.Before.Tokens {
			if b.Reveal() == t.Reveal() {
				was = j
			}
		}
		var lost []api.Service
		if was >= 0 {
			for _, s := range add.Before.Serves(was) {
				if j, _ := add.Route.Index(s); j == newest {
					lost = append(lost, s)
				}
			}
		}
		if len(lost) > 0 {
			fmt.Fprintf(w, "  Token %s keeps serving %s; %s now use the new token.\n", t.Mask(), panesOf(add.Route.Serves(i)), panesOf(lost))
		}
	}
	writeWBPanes(w, "  ", add.Route, now)
}

// writeWBPanes lists every WB pane with the (masked) token that serves it
// and that token's expiry, and warns about categories no token carries.
func writeWBPanes(w io.Writer, indent string, r keys.WBRoute, now time.Time) {
	for _, s := range keys.WBServices {
		for _, pane := range wbPanes[s] {
			i, ok := r.Index(s)
			if !ok {
				fmt.Fprintf(w, "%s%-10s no token carries %q\n", indent, pane+":", s.Category())
				continue
			}
			info := r.Infos[i]
			exp := "expiry unknown (not a JWT)"
			if !info.Opaque {
				exp = "expires " + expiryText(info, now)
			}
			fmt.Fprintf(w, "%s%-10s token %s, %s\n", indent, pane+":", r.Tokens[i].Mask(), exp)
		}
	}
	if missing := r.Missing(); len(missing) > 0 {
		var cats []string
		for _, s := range missing {
			cats = append(cats, fmt.Sprintf("%q", s.Category()))
		}
		which := "a token with that category"
		if len(cats) > 1 {
			which = "tokens with those categories"
		}
		fmt.Fprintf(w, "%sWarning: no token carries %s, so %s will only explain; issue %s and run `sellerinbox login wb`.\n",
			indent, strings.Join(cats, ", "), panesOf(missing), which)
	}
}
