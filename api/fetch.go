package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// FetchURL downloads a CDN file the marketplaces link to (WB feedback and
// claim photos, videos). It never sends a token: those hosts are not the
// API, and a token must not travel to them.
func (t *Transport) FetchURL(ctx context.Context, rawURL string, limit int64) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Kind: KindValidation, Message: fmt.Sprintf("not a downloadable link: %q", rawURL)}
	}
	if limit <= 0 || limit > maxBody {
		limit = maxBody
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Kind: KindValidation, Err: err}
	}
	req.Header.Set("User-Agent", t.ua)
	res, err := t.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &Error{Kind: KindCanceled, Err: ctx.Err()}
		}
		return nil, &Error{Kind: KindNetwork, Retryable: true, Err: err}
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, &Error{Kind: KindNetwork, Retryable: true, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Kind: KindValidation, Status: res.StatusCode, Message: fmt.Sprintf("the file is larger than %d MB", limit>>20)}
	}
	if res.StatusCode >= 300 {
		return nil, &Error{Kind: kindForStatus(res.StatusCode), Status: res.StatusCode, Message: "download failed: " + res.Status}
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: data}, nil
}
