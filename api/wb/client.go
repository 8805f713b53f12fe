// Package wb is the typed Wildberries client: questions, feedbacks and pins
// (feedbacks-api), buyer chat (buyer-chat-api) and buyer claims
// (returns-api). Every call goes through the shared api.Transport.
package wb

import (
	"context"
	"encoding/json"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Client talks to the three Wildberries services.
type Client struct {
	t *api.Transport
	// sleep waits between read-backs of a write; nil is real time. Tests
	// step a fake clock instead.
	sleep func(context.Context, time.Duration) error
}

// New wraps a transport.
func New(t *api.Transport) *Client { return &Client{t: t} }

// Transport is the underlying transport (budgets, base URLs).
func (c *Client) Transport() *api.Transport { return c.t }

// envelope is the {data, error, errorText, additionalErrors} wrapper most
// Wildberries communication methods answer with, even on 200.
type envelope[T any] struct {
	Data             T               `json:"data"`
	Error            bool            `json:"error"`
	ErrorText        string          `json:"errorText"`
	AdditionalErrors json.RawMessage `json:"additionalErrors"`
}

// call sends r and unwraps the envelope; error:true on a 2xx becomes a
// validation *api.Error carrying errorText.
func call[T any](ctx context.Context, c *Client, r api.Request) (T, error) {
	var env envelope[T]
	if err := c.t.JSON(ctx, r, &env); err != nil {
		var zero T
		return zero, err
	}
	if env.Error {
		var zero T
		return zero, &api.Error{Marketplace: api.Wildberries, Service: r.Service, Op: r.Op,
			Kind: api.KindValidation, Status: 200, Message: env.ErrorText}
	}
	return env.Data, nil
}
