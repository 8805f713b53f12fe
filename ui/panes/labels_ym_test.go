package panes

import (
	"strconv"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
)

// Every enum value the returns and claims panes show has a label in both
// languages, and both catalogues carry the same ids.
func TestReturnsClaimsLabelsComplete(t *testing.T) {
	strs := func(vs ...string) []string { return vs }
	ints := func(vs ...int) (out []string) {
		for _, v := range vs {
			out = append(out, strconv.Itoa(v))
		}
		return out
	}
	var refund, shipment, decision, decline []string
	for _, s := range models.YMRefundStatuses {
		refund = append(refund, string(s))
	}
	for _, s := range models.YMShipmentStatuses {
		shipment = append(shipment, string(s))
	}
	for _, d := range append(models.YMRequestDecisionTypes, models.YMDecisionUnknown) {
		decision = append(decision, string(d))
	}
	for _, d := range models.YMDeclineReasons {
		decline = append(decline, string(d))
	}
	groups := []struct {
		group  string
		values []string
		en, ru map[string]string
	}{
		{"ym.refund", refund, ymLabelsEN, ymLabelsRU},
		{"ym.refund_short", refund, ymLabelsEN, ymLabelsRU},
		{"ym.shipment", shipment, ymLabelsEN, ymLabelsRU},
		{"ym.rtype", strs("RETURN", "UNREDEEMED"), ymLabelsEN, ymLabelsRU},
		{"ym.rtype_short", strs("RETURN", "UNREDEEMED"), ymLabelsEN, ymLabelsRU},
		{"ym.recipient", strs(string(models.YMRecipientShop), string(models.YMRecipientDeliveryService), string(models.YMRecipientPost)), ymLabelsEN, ymLabelsRU},
		{"ym.point", strs("WAREHOUSE", "PICKUP_POINT", "PICKUP_TERMINAL", "PICKUP_POST_OFFICE", "PICKUP_MIXED", "PICKUP_RETAIL"), ymLabelsEN, ymLabelsRU},
		{"ym.reason", strs("BAD_QUALITY", "DOES_NOT_FIT", "WRONG_ITEM", "DAMAGE_DELIVERY", "LOYALTY_FAIL", "CONTENT_FAIL", "DELIVERY_FAIL", "UNKNOWN"), ymLabelsEN, ymLabelsRU},
		{"ym.subreason", strs("USER_DID_NOT_LIKE", "USER_CHANGED_MIND", "DELIVERED_TOO_LONG", "BAD_PACKAGE", "DAMAGED", "NOT_WORKING",
			"INCOMPLETENESS", "WRONG_ITEM", "WRONG_COLOR", "DID_NOT_MATCH_DESCRIPTION", "WRONG_ORDER", "WRONG_AMOUNT_DELIVERED",
			"WRAPPING_DAMAGED", "ITEM_WAS_USED", "BROKEN", "BAD_FLOWERS", "PARCEL_MISSING", "INCOMPLETE", "UNKNOWN"), ymLabelsEN, ymLabelsRU},
		{"ym.decision", decision, ymLabelsEN, ymLabelsRU},
		{"ym.decline", decline, ymLabelsEN, ymLabelsRU},
		{"ym.order_status", strs("PLACING", "RESERVED", "UNPAID", "PROCESSING", "DELIVERY", "PICKUP", "DELIVERED", "CANCELLED",
			"PENDING", "PARTIALLY_RETURNED", "RETURNED", "UNKNOWN"), ymLabelsEN, ymLabelsRU},
		{"ym.buyer", strs("PERSON", "BUSINESS"), ymLabelsEN, ymLabelsRU},
		{"ym.delivery", strs("DELIVERY", "PICKUP", "POST", "DIGITAL"), ymLabelsEN, ymLabelsRU},
		{"wb.claim_status", ints(0, 1, 2), claimLabelsEN, claimLabelsRU},
		{"wb.claim_status_short", ints(0, 1, 2), claimLabelsEN, claimLabelsRU},
		{"wb.claim_status_ex", ints(0, 1, 2, 5, 8, 10), claimLabelsEN, claimLabelsRU},
		{"wb.claim_type", ints(1, 3), claimLabelsEN, claimLabelsRU},
		{"wb.claim_action", strs("approve1", "approve2", "autorefund1", "reject1", "reject2", "reject3", "rejectcustom",
			"approvecc1", "confirmreturngoodcc1"), claimLabelsEN, claimLabelsRU},
	}
	for _, g := range groups {
		for _, v := range g.values {
			id := g.group + "." + v
			en, ru := g.en[id], g.ru[id]
			if en == "" || ru == "" {
				t.Errorf("%s: en %q ru %q", id, en, ru)
			}
			if en == ru {
				t.Errorf("%s: Russian is a copy of English", id)
			}
		}
	}
	for _, pair := range [][2]map[string]string{{ymLabelsEN, ymLabelsRU}, {claimLabelsEN, claimLabelsRU}} {
		for id := range pair[0] {
			if _, ok := pair[1][id]; !ok {
				t.Errorf("%s missing in ru", id)
			}
		}
		for id := range pair[1] {
			if _, ok := pair[0][id]; !ok {
				t.Errorf("%s missing in en", id)
			}
		}
	}
}
