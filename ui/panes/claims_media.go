package panes

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

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
			Image: true, Fetch: cdnFetch(t, u)})
	}
	for i, raw := range cl.VideoPaths {
		u := c.ClaimMediaURL(raw)
		out = append(out, ui.Media{Key: "wb/claim/" + u, Name: "claim-" + cl.ID + "-video-" + strconv.Itoa(i+1) + ".mp4",
			Video: true, Fetch: cdnFetch(t, u)})
	}
	return out
}

// syncPhotos hands the preview the selected claim's media when the
// selection changed.
func (p *claimsPane) syncPhotos() tea.Cmd {
	it, ok := p.Selected()
	return p.preview.follow(ok, "claims/"+it.c.ID, false, func() []ui.Media { return claimMedia(p.client, it.c) })
}
