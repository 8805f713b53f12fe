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
	BaseURLs   map[Service]string
	YMToken    Secret
	WBToken    Secret
	YMCampaign int64 // 0 when unset
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
	e.WBToken = NewSecret(strings.TrimSpace(getenv(EnvWBToken)))
	if v := strings.TrimSpace(getenv(EnvYMCampaign)); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return e, fmt.Errorf("%s: %q is not a campaign ID (a positive number)", EnvYMCampaign, v)
		}
		e.YMCampaign = id
	}
	return e, nil
}

// Tokens spreads the two marketplace tokens over the services.
func (e Env) Tokens() map[Service]Secret {
	return map[Service]Secret{
		ServiceYM:          e.YMToken,
		ServiceWBFeedbacks: e.WBToken,
		ServiceWBChat:      e.WBToken,
		ServiceWBReturns:   e.WBToken,
	}
}
