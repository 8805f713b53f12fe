package main

import (
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
)

// wbRouteOf routes the given tokens (empty strings left out) as a session
// would at now.
func wbRouteOf(now time.Time, toks ...string) keys.WBRoute {
	var list []api.Secret
	for _, t := range toks {
		if t != "" {
			list = append(list, api.NewSecret(t))
		}
	}
	return keys.RouteWB(list, now)
}
