package panes

import (
	"context"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui"
)

// retMedia lists a return's buyer photos, then the buyer's application
// (a PDF that o opens or s saves). The fetches close over copies: they run
// in commands.
func retMedia(c *ym.Client, r models.YMReturn) []ui.Media {
	refs := r.Photos()
	out := make([]ui.Media, 0, len(refs)+1)
	campaign := strconv.FormatInt(c.CampaignID(), 10)
	id := strconv.FormatInt(r.ID, 10)
	orderID, returnID := r.OrderID, r.ID
	for i, ref := range refs {
		itemID, hash := ref.ItemID, ref.Hash
		out = append(out, ui.Media{
			Key:   "ym/" + campaign + "/return/" + id + "/" + strconv.FormatInt(itemID, 10) + "/" + hash,
			Name:  "return-" + id + "-" + strconv.Itoa(i+1) + ".jpg",
			Image: true,
			Fetch: func(ctx context.Context) ([]byte, string, error) {
				m, err := c.GetReturnPhoto(ctx, orderID, returnID, itemID, hash)
				return m.Data, m.ContentType, err
			},
		})
	}
	if retHasApplication(r) {
		out = append(out, ui.Media{
			Key:  "ym/" + campaign + "/return/" + id + "/application",
			Name: "return-" + id + "-application.pdf",
			Fetch: func(ctx context.Context) ([]byte, string, error) {
				m, err := c.GetReturnApplication(ctx, orderID, returnID)
				return m.Data, m.ContentType, err
			},
		})
	}
	return out
}

// retHasApplication: non-purchases come back unopened, with no buyer
// application to read.
func retHasApplication(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeReturn }

// syncPhotos hands the preview the selected return's media when the
// selection changed.
func (p *returnsPane) syncPhotos() tea.Cmd {
	it, ok := p.Selected()
	return p.preview.follow(ok, "returns/"+it.id, false, func() []ui.Media { return retMedia(p.client, it.r) })
}
