package wb_test

import (
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// The download method (2026-08 document) answers 202 for a file still in
// moderation and 451 for one that failed it; neither is a file.
func TestChatDownloadModeration(t *testing.T) {
	h := contract.Start(t, sandbox.Options{NoLimits: true, WBChatModeration: true}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBChat: {}}
	})
	c := wb.New(h.Transport)
	ctx := chatCtx(t)
	evs, _ := chatFeed(t, ctx, c)
	seen := map[string]bool{}
	for _, e := range evs {
		a := e.Attachments()
		ids := []string{}
		for _, im := range a.Images {
			ids = append(ids, im.DownloadID)
		}
		for _, f := range a.Files {
			ids = append(ids, f.DownloadID)
		}
		for _, id := range ids {
			state := sandbox.ChatModeration(id)
			if seen[state] {
				continue
			}
			seen[state] = true
			data, _, err := c.Download(ctx, id)
			e, _ := api.AsError(err)
			switch state {
			case "pending":
				if e == nil || e.Kind != api.KindPending || e.Status != 202 || e.RetryAfter != 30*time.Second || data != nil {
					t.Errorf("pending file: %v %d bytes", err, len(data))
				} else if h := e.Human(); h != "Wildberries is still checking this file; try again in 30s" {
					t.Errorf("pending sentence: %q", h)
				}
			case "withheld":
				if e == nil || e.Kind != api.KindWithheld || e.Status != 451 || e.Message != "moderation error" || data != nil {
					t.Errorf("withheld file: %v %d bytes", err, len(data))
				}
			default:
				if err != nil || len(data) == 0 {
					t.Errorf("served file: %v", err)
				}
			}
		}
	}
	if len(seen) != 3 {
		t.Errorf("states met: %v", seen)
	}
}
