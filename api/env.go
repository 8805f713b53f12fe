package api

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Env is what the environment says about endpoints, tokens and the campaign.
// Tokens from the environment override stored ones.
type Env struct {
	BaseURLs map[Service]string
	YMToken  Secret
	// WBTokens are the Wildberries tokens in the order given: sellers keep
	// one per category, so the variable may hold several, comma-separated.
	WBTokens   []Secret
	YMCampaign int64 // 0 when unset
}

// MaxWBTokens is how many Wildberries tokens a profile uses at most: one per
// category sellerinbox needs (questions and feedbacks, chat, returns).
const MaxWBTokens = 3

// SplitWBTokens reads a comma-separated list of Wildberries tokens, each
// optionally with a "Bearer " prefix; blanks and repeats are dropped. The
// error never quotes the value.
func SplitWBTokens(v string) ([]Secret, error) {
	var out []Secret
	seen := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f), "Bearer "))
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, NewSecret(f))
	}
	if len(out) > MaxWBTokens {
		return nil, fmt.Errorf("%s holds %d tokens; at most %d are used (one per category)", EnvWBToken, len(out), MaxWBTokens)
	}
	return out, nil
}

// Environment variable names.
const (
	EnvYMToken    = "SELLERINBOX_YM_TOKEN"
	EnvWBToken    = "SELLERINBOX_WB_TOKEN"
	EnvYMCampaign = "SELLERINBOX_YM_CAMPAIGN"
)

// ReadEnv reads the SELLERINBOX_* variables through getenv (os.Getenv when nil).
func ReadEnv(getenv func(string) string) (Env, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	e := Env{BaseURLs: map[Service]string{}}
	for _, s := range Services {
		if v := strings.TrimSpace(getenv(s.URLEnv())); v != "" {
			e.BaseURLs[s] = v
		}
	}
	e.YMToken = NewSecret(strings.TrimSpace(getenv(EnvYMToken)))
	wb, err := SplitWBTokens(getenv(EnvWBToken))
	if err != nil {
		return e, err
	}
	e.WBTokens = wb
	if v := strings.TrimSpace(getenv(EnvYMCampaign)); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return e, fmt.Errorf("%s: %q is not a campaign ID (a positive number)", EnvYMCampaign, v)
		}
		e.YMCampaign = id
	}
	return e, nil
}
