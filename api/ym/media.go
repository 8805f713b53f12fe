package ym

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/sellerinbox/sellerinbox/api"
)

// Media is a downloaded file with its media type.
type Media struct {
	Data        []byte
	ContentType string // without parameters, e.g. "image/jpeg"
}

// Ext is the usual file extension for the type, with the dot.
func (m Media) Ext() string {
	switch m.ContentType {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	case "application/pdf":
		return ".pdf"
	}
	return ""
}

// mediaType trusts the response's Content-Type, as the documentation says
// to, unless it names no format (older answers send
// application/octet-stream); then the bytes decide.
func mediaType(resp *api.Response) string {
	ct := resp.ContentType()
	if ct == "" || ct == "application/octet-stream" || ct == "binary/octet-stream" {
		ct = http.DetectContentType(resp.Body)
		if i := strings.IndexByte(ct, ';'); i >= 0 {
			ct = ct[:i]
		}
	}
	return ct
}

// MaxPhotoBytes is the largest buyer photo Yandex Market serves: the
// download's size limit and the basis of its deadline.
const MaxPhotoBytes = 50 << 20

// GetReturnPhoto downloads one buyer photo of a returned item; itemID is
// the decision's returnItemId and hash one of its images. Photos can be up
// to 50 MB.
func (c *Client) GetReturnPhoto(ctx context.Context, orderID, returnID, itemID int64, hash string) (Media, error) {
	const op = "getReturnPhoto"
	if err := c.checkIDs(op, orderArg(orderID), returnArg(returnID), itemArg(itemID)); err != nil {
		return Media{}, err
	}
	if strings.TrimSpace(hash) == "" || strings.ContainsAny(hash, "/?#") {
		return Media{}, invalid(op, "the image hash %q is not one the return lists", hash)
	}
	path := c.campaignPath(returnPath(orderID, returnID) + "/decision/" + strconv.FormatInt(itemID, 10) + "/image/" + url.PathEscape(hash))
	r := c.request(op, http.MethodGet, path, api.GroupYMPhoto, c.campaignKey(), nil, nil)
	r.Accept = "image/jpeg, image/png, image/*;q=0.8, application/json;q=0.5"
	r.MaxBytes = MaxPhotoBytes
	resp, err := c.t.Do(ctx, r)
	if err != nil {
		return Media{}, err
	}
	m := Media{Data: resp.Body, ContentType: mediaType(resp)}
	if !strings.HasPrefix(m.ContentType, "image/") {
		return Media{}, notA(op, "an image", m.ContentType, resp.Status)
	}
	return m, nil
}

// GetReturnApplication downloads the buyer's return application (PDF).
func (c *Client) GetReturnApplication(ctx context.Context, orderID, returnID int64) (Media, error) {
	const op = "getReturnApplication"
	if err := c.checkIDs(op, orderArg(orderID), returnArg(returnID)); err != nil {
		return Media{}, err
	}
	r := c.request(op, http.MethodGet, c.campaignPath(returnPath(orderID, returnID)+"/application"), api.GroupYMApplication, c.campaignKey(), nil, nil)
	r.Accept = "application/pdf, application/json;q=0.5"
	r.MaxBytes = api.MaxBody
	resp, err := c.t.Do(ctx, r)
	if err != nil {
		return Media{}, err
	}
	m := Media{Data: resp.Body, ContentType: mediaType(resp)}
	if m.ContentType != "application/pdf" {
		return Media{}, notA(op, "a PDF", m.ContentType, resp.Status)
	}
	return m, nil
}

func notA(op, want, got string, status int) *api.Error {
	return &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: op, Kind: api.KindDecode, Status: status,
		Message: fmt.Sprintf("expected %s, got %s", want, got)}
}
