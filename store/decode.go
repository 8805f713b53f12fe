package store

import (
	"encoding/json"
	"fmt"

	"github.com/sellerinbox/sellerinbox/models"
)

// Decode reads the item a row holds (a PaneRow of a window, a Row of a
// List) as the marketplace's model: models.Question, models.Feedback,
// models.Chat or models.YMReturn. Claims use DecodeClaim.
func Decode[T any](r Row) (T, error) {
	var v T
	if err := json.Unmarshal(r.Data, &v); err != nil {
		return v, fmt.Errorf("store: decode %s %s: %w", r.Kind, r.ID, err)
	}
	return v, nil
}

// DecodeClaim reads a stored claim and whether it came from the archive.
func DecodeClaim(r Row) (models.Claim, bool, error) {
	c, err := Decode[storedClaim](r)
	return c.Claim, c.Archive, err
}
