package models

import (
	"slices"
	"strconv"
)

// ClaimType is where the buyer filed the claim (claim_type).
type ClaimType int

const (
	ClaimTypePortal ClaimType = 1
	ClaimTypeChat   ClaimType = 3
)

// Label names the documented sources; unknown numbers stay visible.
func (t ClaimType) Label() string {
	switch t {
	case ClaimTypePortal:
		return "buyer portal"
	case ClaimTypeChat:
		return "chat"
	}
	return "type " + strconv.Itoa(int(t))
}

// ClaimStatus is the decision on the refund (status).
type ClaimStatus int

const (
	ClaimPending  ClaimStatus = 0
	ClaimRejected ClaimStatus = 1
	ClaimApproved ClaimStatus = 2
)

// Label names the documented decisions; unknown numbers stay visible.
func (s ClaimStatus) Label() string {
	switch s {
	case ClaimPending:
		return "under review"
	case ClaimRejected:
		return "rejected"
	case ClaimApproved:
		return "approved"
	}
	return "status " + strconv.Itoa(int(s))
}

// ClaimStatusEx is what happens to the goods (status_ex).
type ClaimStatusEx int

const (
	ClaimGoodsPending        ClaimStatusEx = 0  // under review
	ClaimGoodsStayRejected   ClaimStatusEx = 1  // stays with the buyer, claim rejected
	ClaimGoodsDisposed       ClaimStatusEx = 2  // handed to WB and written off
	ClaimGoodsStayApproved   ClaimStatusEx = 5  // stays with the buyer, claim approved
	ClaimGoodsBackToSale     ClaimStatusEx = 8  // back on sale after WB's check
	ClaimGoodsReturnToSeller ClaimStatusEx = 10 // returned to the seller
)

// Label names the documented outcomes; unknown numbers stay visible.
func (s ClaimStatusEx) Label() string {
	switch s {
	case ClaimGoodsPending:
		return "under review"
	case ClaimGoodsStayRejected:
		return "goods stay with the buyer (rejected)"
	case ClaimGoodsDisposed:
		return "goods handed to WB for disposal"
	case ClaimGoodsStayApproved:
		return "goods stay with the buyer (approved)"
	case ClaimGoodsBackToSale:
		return "goods back on sale after WB's check"
	case ClaimGoodsReturnToSeller:
		return "goods return to the seller"
	}
	return "status " + strconv.Itoa(int(s))
}

// ClaimAction is one possible answer to a claim (actions[], PATCH action).
type ClaimAction string

const (
	ClaimApprove1            ClaimAction = "approve1"     // approve, WB checks for a defect
	ClaimApprove2            ClaimAction = "approve2"     // approve and take the goods back
	ClaimAutorefund1         ClaimAction = "autorefund1"  // refund, goods stay with the buyer
	ClaimReject1             ClaimAction = "reject1"      // template: no defect found
	ClaimReject2             ClaimAction = "reject2"      // template: add photos/video
	ClaimReject3             ClaimAction = "reject3"      // template: go to a service centre
	ClaimRejectCustom        ClaimAction = "rejectcustom" // reject with the seller's comment
	ClaimApproveCC1          ClaimAction = "approvecc1"   // in-store pickup: return to the seller's shop
	ClaimConfirmReturnGoodCC ClaimAction = "confirmreturngoodcc1"
)

// Label is a short human description; unknown actions keep their raw value.
func (a ClaimAction) Label() string {
	switch a {
	case ClaimApprove1:
		return "approve, WB checks for a defect"
	case ClaimApprove2:
		return "approve and take the goods back"
	case ClaimAutorefund1:
		return "refund, goods stay with the buyer"
	case ClaimReject1:
		return "reject: no defect found"
	case ClaimReject2:
		return "reject: ask for photos or video"
	case ClaimReject3:
		return "reject: refer to a service centre"
	case ClaimRejectCustom:
		return "reject with a comment"
	case ClaimApproveCC1:
		return "approve, buyer returns to the shop"
	case ClaimConfirmReturnGoodCC:
		return "confirm the goods came back"
	}
	return string(a)
}

// NeedsComment reports whether the action cannot be sent without a comment.
func (a ClaimAction) NeedsComment() bool { return a == ClaimRejectCustom }

// TakesComment reports whether the service accepts a comment with the action.
func (a ClaimAction) TakesComment() bool { return a == ClaimRejectCustom || a == ClaimApproveCC1 }

// IsReject reports whether the action refuses the claim.
func (a ClaimAction) IsReject() bool {
	switch a {
	case ClaimReject1, ClaimReject2, ClaimReject3, ClaimRejectCustom:
		return true
	}
	return false
}

// Claim limits on the comment, in characters (runes).
const (
	ClaimCommentMin = 10
	ClaimCommentMax = 1000
)

// Claim is a buyer's return claim (GET /api/v1/claims, claims[]).
type Claim struct {
	ID          string        `json:"id"`
	ClaimType   ClaimType     `json:"claim_type"`
	Status      ClaimStatus   `json:"status"`
	StatusEx    ClaimStatusEx `json:"status_ex"`
	NmID        int64         `json:"nm_id"`
	UserComment string        `json:"user_comment"`
	WBComment   string        `json:"wb_comment"` // null until answered
	Dt          Time          `json:"dt"`         // zone-less Moscow time on the wire
	ImtName     string        `json:"imt_name"`
	OrderDt     Time          `json:"order_dt"`
	DtUpdate    Time          `json:"dt_update"`
	// Photos and VideoPaths are protocol-relative ("//host/path"), kept raw;
	// PhotoURLs/VideoURLs resolve them.
	Photos       []string      `json:"photos"`
	VideoPaths   []string      `json:"video_paths"`
	Actions      []ClaimAction `json:"actions"`
	Price        float64       `json:"price"`
	CurrencyCode string        `json:"currency_code"` // ISO 4217 numeric, "643" is roubles
	SRID         string        `json:"srid"`
	// DeliveryDt is when the buyer received the order (zone-less Moscow).
	DeliveryDt Time `json:"delivery_dt"`
	// OriginIDInfo is WB's IMEI check for expensive Apple smartphones; ""
	// (null on the wire) for everything else. Server text.
	OriginIDInfo string `json:"origin_id_info"`
}

// Allows reports whether action is one of the claim's possible answers.
func (c Claim) Allows(action ClaimAction) bool { return slices.Contains(c.Actions, action) }

// Answerable reports whether the seller can still act on the claim.
func (c Claim) Answerable() bool { return len(c.Actions) > 0 }

// PhotoURLs resolves the photo links with scheme (that of the returns base
// URL, as a browser would resolve them against the page).
func (c Claim) PhotoURLs(scheme string) []string { return claimAbsAll(c.Photos, scheme) }

// VideoURLs resolves the video links like PhotoURLs.
func (c Claim) VideoURLs(scheme string) []string { return claimAbsAll(c.VideoPaths, scheme) }

func claimAbsAll(us []string, scheme string) []string {
	if len(us) == 0 {
		return nil
	}
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = AbsURL(u, scheme)
	}
	return out
}

// ClaimsPage is the body of GET /api/v1/claims; Total counts every match,
// ignoring limit and offset.
type ClaimsPage struct {
	Claims []Claim `json:"claims"`
	Total  int     `json:"total"`
}
