package sandbox

import (
	"testing"
	"time"
)

// getCampaigns is refused while the business's four parallel slots are
// taken, as Yandex Market counts it against the business.
func TestYMCampaignsShareTheBusinessParallelSlots(t *testing.T) {
	s := New(Options{Now: func() time.Time { return ymTestNow }})
	for range 4 {
		release, ok := s.limits.enter(ymBusinessSlot)
		if !ok {
			t.Fatal("the business has fewer than 4 parallel slots")
		}
		defer release()
	}
	if status, body := ymDo(t, s, "GET", "/v2/campaigns", ""); status != 420 {
		t.Errorf("getCampaigns with the business's slots taken: %d %v; want 420", status, body)
	}
}
