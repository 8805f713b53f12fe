package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// FetchURL downloads a CDN file the marketplaces link to (WB feedback and
// claim photos, videos). It never sends a token: those hosts are not the
// API, and a token must not travel to them. Redirects are followed to
// http(s) only; the download's deadline is sized to limit.
func (t *Transport) FetchURL(ctx context.Context, rawURL string, limit int64) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Kind: KindValidation, Message: fmt.Sprintf("not a downloadable link: %q", inert(rawURL))}
	}
	if limit <= 0 || limit > MaxBody {
		limit = MaxBody
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, t.attemptTimeout(limit))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Kind: KindValidation, Err: err}
	}
	req.Header.Set("User-Agent", t.ua)
	res, err := t.media.Do(req)
	if err != nil {
		var re *redirectError
		switch {
		case errors.As(err, &re):
			return nil, &Error{Kind: KindRedirect, Location: inert(re.location), Err: err}
		case parent.Err() != nil:
			return nil, &Error{Kind: KindCanceled, Err: parent.Err()}
		}
		return nil, &Error{Kind: KindNetwork, Retryable: true, Err: err}
	}
	defer res.Body.Close()
	data, err := readLimited(res.Body, limit)
	if errors.Is(err, errTooLarge) {
		return nil, &Error{Kind: KindTooLarge, Status: res.StatusCode, Message: fmt.Sprintf("the file is larger than %d MB", max(1, limit>>20)), Err: err}
	}
	if err != nil {
		return nil, &Error{Kind: KindNetwork, Retryable: true, Err: err}
	}
	if res.StatusCode >= 300 {
		return nil, &Error{Kind: kindForStatus(res.StatusCode), Status: res.StatusCode, Message: "download failed: " + inert(res.Status)}
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: data}, nil
}
