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

// wbTokensLine says how many WB tokens there are and where, showing only
// masked tails; a store that cannot be opened is reported, not fatal.
func wbTokensLine(store keys.Store, profile string) ([]api.Secret, string, string) {
	toks, err := store.GetWB(profile)
	switch {
	case errors.Is(err, keys.ErrNotFound):
		return nil, "", "not logged in"
	case err != nil:
		return nil, "", "cannot be read: " + err.Error()
	}
	from, err := keys.Where(store, profile, api.Wildberries)
	if err != nil {
		from = store.Name()
	}
	label := storeLabel(store, from)
	if from == keys.NameEnv {
		label = keys.Var(api.Wildberries) + " in the environment"
	}
	masks := make([]string, len(toks))
	for i, t := range toks {
		masks[i] = t.Mask()
	}
	return toks, from, strings.Join(masks, ", ") + " in " + label
}

// statusWB shows each WB token (masked) with what it says about itself and
// what login found, then which token serves which pane.
func statusWB(w io.Writer, store keys.Store, p *config.Profile, now time.Time) {
	toks, from, line := wbTokensLine(store, p.Name)
	fmt.Fprintf(w, "  Wildberries:   %s\n", line)
	checks := p.WBChecks()
	if len(toks) == 0 {
		// The store is locked or empty: the facts recorded at login are
		// all there is.
		for _, c := range checks {
			info := keys.WBTokenInfo{Opaque: c.Opaque, ReadOnly: c.ReadOnly, Expires: c.Expires}
			fmt.Fprintf(w, "    token %s (as of the last check):\n", orUnknown(c.Tail))
			if !c.Opaque {
				fmt.Fprintf(w, "      categories:  %s\n", joinOr(c.Categories, "none"))
			}
			writeWBInfo(w, info, &c, now)
		}
		return
	}
	// Login records facts in the stored order; tokens from the environment
	// have none.
	aligned := from != keys.NameEnv && len(checks) == len(toks)
	for i, t := range toks {
		info, err := keys.ParseWBToken(t.Reveal())
		fmt.Fprintf(w, "    token %s:\n", t.Mask())
		if err != nil {
			fmt.Fprintln(w, "      token:       not a JWT, categories known only from the last check")
		} else {
			fmt.Fprintf(w, "      categories:  %s\n", joinOr(categoryNames(info), "none"))
		}
		var chk *config.WBCheck
		if aligned {
			chk = &checks[i]
		}
		writeWBInfo(w, info, chk, now)
	}
	fmt.Fprintln(w, "    panes:")
	writeWBPanes(w, "      ", keys.RouteWB(toks, now), now)
}

func writeWBInfo(w io.Writer, info keys.WBTokenInfo, chk *config.WBCheck, now time.Time) {
	if !info.Opaque {
		fmt.Fprintf(w, "      read-only:   %s\n", yesNo(info.ReadOnly))
		fmt.Fprintf(w, "      expires:     %s\n", expiryText(info, now))
	}
	if chk != nil {
		svcs := make([]string, 0, len(chk.Services))
		for _, s := range chk.Services {
			svcs = append(svcs, api.Service(s).Category())
		}
		fmt.Fprintf(w, "      last check:  %s, working: %s\n", chk.CheckedAt.Local().Format("2006-01-02 15:04"), joinOr(svcs, "none"))
	}
}

func orUnknown(mask string) string {
	if mask == "" {
		return "(recorded before tokens per category)"
	}
	return mask
}
