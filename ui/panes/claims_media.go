package panes

import (
	"context"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui"
)

// claimMedia lists a claim's photos (WebP, previewed) and videos (MP4,
// opened or saved). They live on WB's CDN: FetchURL never sends the token
// there.
func claimMedia(c *wb.Client, cl models.Claim) []ui.Media {
	t := c.Transport()
	out := make([]ui.Media, 0, len(cl.Photos)+len(cl.VideoPaths))
	for i, raw := range cl.Photos {
		u := c.ClaimMediaURL(raw)
		out = append(out, ui.Media{Key: "wb/claim/" + u, Name: "claim-" + cl.ID + "-" + strconv.Itoa(i+1) + ".webp",
			Image: true, Fetch: claimCDNFetch(t, u)})
	}
	for i, raw := range cl.VideoPaths {
		u := c.ClaimMediaURL(raw)
		out = append(out, ui.Media{Key: "wb/claim/" + u, Name: "claim-" + cl.ID + "-video-" + strconv.Itoa(i+1) + ".mp4",
			Video: true, Fetch: claimCDNFetch(t, u)})
	}
	return out
}

// claimCDNFetch downloads one linked file; the photo layer bounds its size and
// time.
func claimCDNFetch(t *api.Transport, u string) func(ctx context.Context) ([]byte, string, error) {
	return func(ctx context.Context) ([]byte, string, error) {
		resp, err := t.FetchURL(ctx, u, 0)
		if err != nil {
			return nil, "", err
		}
		return resp.Body, resp.ContentType(), nil
	}
}

// syncPhotos hands the preview the selected claim's media when the
// selection changed.
func (p *claimsPane) syncPhotos() tea.Cmd {
	it, ok := p.Selected()
	key := ""
	if ok {
		key = "claims/" + it.c.ID
	}
	if key == p.photoKey {
		return nil
	}
	p.photoKey = key
	if !ok {
		return p.photos.SetItem("", nil)
	}
	return p.photos.SetItem(key, claimMedia(p.client, it.c))
}
