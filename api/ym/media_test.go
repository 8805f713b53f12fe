package ym

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestGetReturnPhoto(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	formats := map[string]int{}
	photos := 0
	for _, r := range allReturns(t, c) {
		for _, ph := range r.Photos() {
			if photos == 12 {
				break
			}
			photos++
			m, err := c.GetReturnPhoto(ctx, r.OrderID, r.ID, ph.ItemID, ph.Hash)
			if err != nil {
				t.Fatalf("return %d photo %s: %v", r.ID, ph.Hash, err)
			}
			_, format, err := image.DecodeConfig(bytes.NewReader(m.Data))
			if err != nil {
				t.Fatalf("photo %s is not an image: %v", ph.Hash, err)
			}
			if want := "image/" + format; m.ContentType != want {
				t.Errorf("photo %s is %s but labelled %s", ph.Hash, format, m.ContentType)
			}
			formats[m.ContentType]++
		}
	}
	if formats["image/jpeg"] == 0 || formats["image/png"] == 0 {
		t.Errorf("want both JPEG and PNG photos, got %v", formats)
	}

	r := findReturn(t, allReturns(t, c), "return with photos", func(r models.YMReturn) bool { return len(r.Photos()) > 0 })
	ph := r.Photos()[0]
	tests := []struct {
		name   string
		itemID int64
		hash   string
		kind   api.Kind
	}{
		{"unknown hash", ph.ItemID, "0123456789abcdef", api.KindNotFound},
		{"hash of another item", ph.ItemID + 1, ph.Hash, api.KindNotFound},
		{"empty hash", ph.ItemID, " ", api.KindValidation},
		{"hash with a slash", ph.ItemID, "../x", api.KindValidation},
		{"zero item", 0, ph.Hash, api.KindValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.GetReturnPhoto(ctx, r.OrderID, r.ID, tt.itemID, tt.hash)
			wantKind(t, err, tt.kind)
		})
	}
}

func TestGetReturnApplication(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	ret := findReturn(t, all, "return", func(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeReturn })
	m, err := c.GetReturnApplication(ctx, ret.OrderID, ret.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.ContentType != "application/pdf" || !bytes.HasPrefix(m.Data, []byte("%PDF-")) || m.Ext() != ".pdf" {
		t.Errorf("application is %s (%d bytes, %q...)", m.ContentType, len(m.Data), m.Data[:min(8, len(m.Data))])
	}
	unredeemed := findReturn(t, all, "non-purchase", func(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeUnredeemed })
	_, err = c.GetReturnApplication(ctx, unredeemed.OrderID, unredeemed.ID)
	wantKind(t, err, api.KindNotFound)
	_, err = c.GetReturnApplication(ctx, ret.OrderID, 0)
	wantKind(t, err, api.KindValidation)
}

// The documentation once said application/octet-stream: then the bytes
// decide; a declared type is trusted.
func TestMediaTypeSniffsOnlyUntypedBodies(t *testing.T) {
	jpg := sandbox.PhotoJPEG("sniff", 16, 16)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name, header string
		body         []byte
		want         string
	}{
		{"declared jpeg", "image/jpeg", jpg, "image/jpeg"},
		{"declared with parameters", "image/png; charset=binary", png, "image/png"},
		{"octet-stream jpeg", "application/octet-stream", jpg, "image/jpeg"},
		{"octet-stream png", "application/octet-stream", png, "image/png"},
		{"no header pdf", "", []byte("%PDF-1.4\n..."), "application/pdf"},
		{"declared type wins over bytes", "image/png", jpg, "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.header != "" {
				h.Set("Content-Type", tt.header)
			}
			if got := mediaType(&api.Response{Status: 200, Header: h, Body: tt.body}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
