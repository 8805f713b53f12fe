package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sellerinbox/sellerinbox/api"
)

func (s *Server) registerClaims() {
	rt := route{service: api.ServiceWBReturns, group: api.GroupWBReturns}
	s.handle("GET /api/v1/claims", rt, s.claimList)
	s.handle("PATCH /api/v1/claim", rt, s.claimAnswer)
}

// claimWire is one element of GetClaimsSuccessResponse.claims.
type claimWire struct {
	ID           string   `json:"id"`
	ClaimType    int      `json:"claim_type"`
	Status       int      `json:"status"`
	StatusEx     int      `json:"status_ex"`
	NmID         int64    `json:"nm_id"`
	UserComment  string   `json:"user_comment"`
	WBComment    *string  `json:"wb_comment"`
	Dt           string   `json:"dt"`
	ImtName      *string  `json:"imt_name"`
	OrderDt      string   `json:"order_dt"`
	DtUpdate     string   `json:"dt_update"`
	Photos       []string `json:"photos"`
	VideoPaths   []string `json:"video_paths"`
	Actions      []string `json:"actions"`
	Price        int      `json:"price"`
	CurrencyCode string   `json:"currency_code"`
	SRID         string   `json:"srid"`
	// OriginIDInfo is the IMEI check, only for Apple smartphones from
	// 40000 roubles: the catalogue sells none, so it is always null.
	OriginIDInfo *string `json:"origin_id_info"`
	DeliveryDt   string  `json:"delivery_dt"`
}

func claimNullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// wire renders the claim with links on this sandbox's host; s.mu is held.
func (c *claimRec) wire(r *http.Request) claimWire {
	photos := make([]string, c.photos)
	for i := range photos {
		photos[i] = protoRelative(r, "claim", fmt.Sprintf("%s-%d.webp", c.id, i+1))
	}
	videos := []string{}
	if c.video {
		videos = append(videos, protoRelative(r, "claim", c.id+".mp4"))
	}
	return claimWire{
		ID: c.id, ClaimType: c.typ, Status: c.status, StatusEx: c.statusEx, NmID: c.nmID,
		UserComment: c.userComment, WBComment: claimNullable(c.wbComment),
		Dt:       c.dt.In(claimMSK).Format(claimTimeLayout),
		ImtName:  claimNullable(c.imtName),
		OrderDt:  c.orderDt.In(claimMSK).Format(claimOrderDtLayout),
		DtUpdate: c.dtUpdate.In(claimMSK).Format(claimTimeLayout),
		Photos:   photos, VideoPaths: videos, Actions: slices.Clone(c.actions),
		Price: c.price, CurrencyCode: "643", SRID: c.srid,
		// The buyer received the order a third of the way from ordering to
		// claiming: derived, so the seed draws nothing more.
		DeliveryDt: c.orderDt.Add(c.dt.Sub(c.orderDt) / 3).In(claimMSK).Format(claimOrderDtLayout),
	}
}

// claimQueryError is Error400GetClaims: a problem document of the Rust
// service that parses the query string.
func claimQueryError(w http.ResponseWriter, detail string) {
	b, _ := json.Marshal(map[string]any{"title": "Invalid query params", "detail": detail, "requestId": requestID()})
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(b)
}

// claimPatchError is Error400PatchClaim: the .NET validation body.
func claimPatchError(w http.ResponseWriter, title, detail string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"title": title, "detail": detail, "requestId": requestID()})
}

func (s *Server) claimList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	const prefix = "Failed to deserialize query string: "
	if !q.Has("is_archive") {
		claimQueryError(w, prefix+"missing field `is_archive`")
		return
	}
	archive, err := strconv.ParseBool(q.Get("is_archive"))
	if err != nil || (q.Get("is_archive") != "true" && q.Get("is_archive") != "false") {
		claimQueryError(w, prefix+"is_archive: provided string was not `true` or `false`")
		return
	}
	intParam := func(name string, def, lo, hi int64) (int64, bool) {
		if !q.Has(name) {
			return def, true
		}
		n, err := strconv.ParseInt(q.Get(name), 10, 64)
		if err != nil || n < lo || n > hi {
			claimQueryError(w, fmt.Sprintf("%s%s: invalid value: %q, expected an integer in %d..%d", prefix, name, q.Get(name), lo, hi))
			return 0, false
		}
		return n, true
	}
	limit, ok := intParam("limit", claimDefaultLimit, 1, claimMaxLimit)
	if !ok {
		return
	}
	offset, ok := intParam("offset", 0, 0, 1<<31)
	if !ok {
		return
	}
	nmID, ok := intParam("nm_id", 0, 0, 1<<53)
	if !ok {
		return
	}
	id := q.Get("id")
	now := s.now()

	s.mu.Lock()
	s.settleClaims(now)
	out := []claimWire{}
	total := 0
	for _, c := range s.claim.claims {
		if c.archive != archive || !c.visible(now) || (id != "" && c.id != id) || (nmID != 0 && c.nmID != nmID) {
			continue
		}
		if int64(total) >= offset && int64(len(out)) < limit {
			out = append(out, c.wire(r))
		}
		total++
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"claims": out, "total": total})
}

func (s *Server) claimAnswer(w http.ResponseWriter, r *http.Request) {
	const invalid = "Input model is not valid; Details: "
	var req struct {
		ID      *string `json:"id"`
		Action  *string `json:"action"`
		Comment *string `json:"comment"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &req) != nil {
		claimPatchError(w, "Validation error", invalid+"The request body is not valid JSON.")
		return
	}
	switch {
	case req.ID == nil || strings.TrimSpace(*req.ID) == "":
		claimPatchError(w, "Validation error", invalid+"The Id field is required.")
		return
	case req.Action == nil || strings.TrimSpace(*req.Action) == "":
		claimPatchError(w, "Validation error", invalid+"The Action field is required.")
		return
	}
	comment := ""
	if req.Comment != nil {
		comment = *req.Comment
		if n := utf8.RuneCountInString(comment); n < claimCommentMin || n > claimCommentMax {
			claimPatchError(w, "Validation error", invalid+"The field Comment must be a string with a minimum length of 10 and a maximum length of 1000.")
			return
		}
	}
	action := *req.Action
	now := s.now()

	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleClaims(now)
	c := s.claim.byID[*req.ID]
	_, pending := s.claim.pending[*req.ID]
	switch {
	case c == nil || !c.visible(now):
		claimPatchError(w, "Claim not found", fmt.Sprintf("Claim %s was not found among the claims of the last 14 days.", *req.ID))
	case pending || !slices.Contains(c.actions, action):
		avail := strings.Join(c.actions, ", ")
		if avail == "" || pending {
			avail = "none"
		}
		claimPatchError(w, "Action not allowed", fmt.Sprintf("Action %q is not available for claim %s; available actions: %s.", action, c.id, avail))
	case action == "rejectcustom" && strings.TrimSpace(comment) == "":
		claimPatchError(w, "Validation error", invalid+"The Comment field is required for the rejectcustom action.")
	case comment != "" && action != "rejectcustom" && action != "approvecc1":
		claimPatchError(w, "Validation error", invalid+"The Comment field applies only to the rejectcustom and approvecc1 actions.")
	default:
		s.acceptClaimAnswer(c, action, comment, now)
		w.WriteHeader(http.StatusOK)
	}
}
