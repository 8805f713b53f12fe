package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// Return IDs of the demo's two shops (sandbox seeds: 31… in campaign
// 1000, 39… in campaign 1003).
var (
	firstShopReturn  = regexp.MustCompile(`\b310\d{5}\b`)
	secondShopReturn = regexp.MustCompile(`\b390\d{5}\b`)
)

// TestSwitchCampaignAndProfileInTheDemo: P in the demo offers its two
// profiles and the business's two shops; choosing the second shop shows
// its returns on the Returns tab the user was on, and going back shows the
// first shop's again; choosing the second profile opens it.
func TestSwitchCampaignAndProfileInTheDemo(t *testing.T) {
	tm := start(t, 120, 40, nil, "--demo", "--lang", "en")
	tm.waitFor(startTimeout, "1 Returns")
	tm.keys("1")
	tm.waitUntil(stepTimeout, "the first shop's returns", func(s string) bool {
		return firstShopReturn.MatchString(s) && !secondShopReturn.MatchString(s)
	})

	tm.keys("P")
	tm.waitFor(stepTimeout, "Switch profile or campaign", "‹ demo ›", "‹ 1000 · ")
	tm.keys("Down", "Right")
	tm.waitFor(stepTimeout, "‹ 1003 · ")
	tm.keys("Enter")
	s := tm.waitUntil(stepTimeout, "the second shop's returns", func(s string) bool {
		return secondShopReturn.MatchString(s) && strings.Contains(s, "campaign 1003")
	})
	if firstShopReturn.MatchString(s) {
		t.Fatalf("the first shop's returns are still listed:\n%s", s)
	}

	tm.keys("P")
	tm.waitFor(stepTimeout, "‹ 1003 · ")
	tm.keys("Down", "Left", "Enter")
	tm.waitUntil(stepTimeout, "the first shop's returns again", func(s string) bool {
		return firstShopReturn.MatchString(s) && !secondShopReturn.MatchString(s) && !strings.Contains(s, "campaign 1003")
	})

	tm.keys("P")
	tm.waitFor(stepTimeout, "‹ demo ›")
	tm.keys("Right")
	tm.waitFor(stepTimeout, "‹ demo-2 ›")
	tm.keys("Enter")
	tm.waitFor(stepTimeout, "profile demo-2")
}
