// Package api is the one transport both marketplaces' typed clients share:
// authentication, client-side rate limiting, retries and a single error type.
// It never imports ui or theme; typed clients live in api/ym and api/wb.
package api

import (
	"fmt"

	"github.com/sellerinbox/sellerinbox/models"
)

// Marketplace identifies which company's API a call goes to.
type Marketplace = models.Marketplace

const (
	YandexMarket = models.YandexMarket
	Wildberries  = models.Wildberries
)

// Service is one remote host. The four hosts have disjoint paths, which is why
// the sandbox can serve all of them on one listener.
type Service string

const (
	ServiceYM          Service = "ym"           // api.partner.market.yandex.ru
	ServiceWBFeedbacks Service = "wb-feedbacks" // questions, feedbacks, pins
	ServiceWBChat      Service = "wb-chat"      // buyer chat
	ServiceWBReturns   Service = "wb-returns"   // buyer claims
)

// Services lists every service in a stable order.
var Services = []Service{ServiceYM, ServiceWBFeedbacks, ServiceWBChat, ServiceWBReturns}

// Marketplace reports who runs the service.
func (s Service) Marketplace() Marketplace {
	if s == ServiceYM {
		return YandexMarket
	}
	return Wildberries
}

// DefaultBaseURL is the production host of the service.
func (s Service) DefaultBaseURL() string {
	switch s {
	case ServiceYM:
		return "https://api.partner.market.yandex.ru"
	case ServiceWBFeedbacks:
		return "https://feedbacks-api.wildberries.ru"
	case ServiceWBChat:
		return "https://buyer-chat-api.wildberries.ru"
	case ServiceWBReturns:
		return "https://returns-api.wildberries.ru"
	}
	panic(fmt.Sprintf("api: unknown service %q", string(s)))
}

// URLEnv is the environment variable that overrides the service's base URL.
func (s Service) URLEnv() string {
	switch s {
	case ServiceYM:
		return "SELLERINBOX_YM_URL"
	case ServiceWBFeedbacks:
		return "SELLERINBOX_WB_FEEDBACKS_URL"
	case ServiceWBChat:
		return "SELLERINBOX_WB_CHAT_URL"
	case ServiceWBReturns:
		return "SELLERINBOX_WB_RETURNS_URL"
	}
	return ""
}

// Category is the token category a Wildberries service needs; Wildberries
// issues tokens per category, so a 401 names it to tell the user what to fix.
func (s Service) Category() string {
	switch s {
	case ServiceWBFeedbacks:
		return "Questions and feedbacks"
	case ServiceWBChat:
		return "Buyer chat"
	case ServiceWBReturns:
		return "Buyer returns"
	case ServiceYM:
		return "Yandex Market Api-Key"
	}
	return string(s)
}
