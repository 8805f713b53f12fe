package wb

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Buyer claims paths (returns-api.wildberries.ru). Claims answer plain JSON,
// not the {data, error} envelope of call[T].
const (
	claimsPath = "/api/v1/claims"
	claimPath  = "/api/v1/claim"
	// ClaimsMaxLimit is the largest page the service returns.
	ClaimsMaxLimit = 200
)

func claimRequest(method, path string) api.Request {
	return api.Request{
		Op: opID(method, path), Service: api.ServiceWBReturns, Group: api.GroupWBReturns,
		Method: method, Path: path, Idempotent: method == http.MethodGet,
	}
}

func claimError(op string, kind api.Kind, format string, args ...any) *api.Error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBReturns, Op: op, Kind: kind,
		Message: fmt.Sprintf(format, args...)}
}

// ClaimsQuery selects claims of the last 14 days (the service shows no
// older ones). Limit 0 means the service's default of 50.
type ClaimsQuery struct {
	IsArchive bool // false: awaiting an answer; true: answered or closed
	ID        string
	Limit     int // 1..200
	Offset    int
	NmID      int64
}

func (q ClaimsQuery) values(op string) (url.Values, error) {
	if q.Limit < 0 || q.Limit > ClaimsMaxLimit {
		return nil, claimError(op, api.KindValidation, "a page of claims holds 1 to %d claims, not %d", ClaimsMaxLimit, q.Limit)
	}
	if q.Offset < 0 {
		return nil, claimError(op, api.KindValidation, "the claims offset cannot be negative (%d)", q.Offset)
	}
	if q.NmID < 0 {
		return nil, claimError(op, api.KindValidation, "%d is not a Wildberries article", q.NmID)
	}
	v := url.Values{"is_archive": {strconv.FormatBool(q.IsArchive)}}
	if q.ID != "" {
		v.Set("id", q.ID)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	if q.NmID > 0 {
		v.Set("nm_id", strconv.FormatInt(q.NmID, 10))
	}
	return v, nil
}

// Claims reads one page of buyer claims.
func (c *Client) Claims(ctx context.Context, q ClaimsQuery) (models.ClaimsPage, error) {
	r := claimRequest(http.MethodGet, claimsPath)
	v, err := q.values(r.Op)
	if err != nil {
		return models.ClaimsPage{}, err
	}
	r.Query = v
	var p models.ClaimsPage
	if err := c.t.JSON(ctx, r, &p); err != nil {
		return models.ClaimsPage{}, err
	}
	return p, nil
}

// AllClaims pages through every active (archive false) or archived claim,
// newest first as the service orders them.
func (c *Client) AllClaims(ctx context.Context, archive bool) ([]models.Claim, error) {
	var all []models.Claim
	for {
		p, err := c.Claims(ctx, ClaimsQuery{IsArchive: archive, Limit: ClaimsMaxLimit, Offset: len(all)})
		if err != nil {
			return all, err
		}
		all = append(all, p.Claims...)
		if len(p.Claims) == 0 || len(all) >= p.Total {
			return all, nil
		}
	}
}

// Claim finds one claim by ID among the active ones, then the archived.
func (c *Client) Claim(ctx context.Context, id string) (models.Claim, bool, error) {
	for _, archive := range []bool{false, true} {
		p, err := c.Claims(ctx, ClaimsQuery{IsArchive: archive, ID: id, Limit: 1})
		if err != nil {
			return models.Claim{}, false, err
		}
		if len(p.Claims) > 0 {
			return p.Claims[0], true, nil
		}
	}
	return models.Claim{}, false, nil
}

// ClaimMediaURL resolves a claim's protocol-relative photo or video link
// with the scheme of the returns base URL.
func (c *Client) ClaimMediaURL(u string) string {
	scheme := "https"
	if b, err := url.Parse(c.t.BaseURL(api.ServiceWBReturns)); err == nil && b.Scheme != "" {
		scheme = b.Scheme
	}
	return models.AbsURL(u, scheme)
}

// CheckClaimAnswer applies the documented rules before anything is sent:
// the action must be one the claim offers, a comment is required for
// rejectcustom, allowed only with rejectcustom and approvecc1, and is 10 to
// 1000 characters long.
func CheckClaimAnswer(claim models.Claim, action models.ClaimAction, comment string) error {
	op := opID(http.MethodPatch, claimPath)
	if strings.TrimSpace(claim.ID) == "" {
		return claimError(op, api.KindValidation, "the claim has no ID")
	}
	if !claim.Answerable() {
		return claimError(op, api.KindValidation, "claim %s can no longer be answered", claim.ID)
	}
	if !claim.Allows(action) {
		offered := make([]string, len(claim.Actions))
		for i, a := range claim.Actions {
			offered[i] = string(a)
		}
		return claimError(op, api.KindValidation, "%q is not an answer claim %s offers; choose one of: %s",
			string(action), claim.ID, strings.Join(offered, ", "))
	}
	if comment == "" {
		if action.NeedsComment() {
			return claimError(op, api.KindValidation, "rejecting with your own words needs a comment of %d to %d characters",
				models.ClaimCommentMin, models.ClaimCommentMax)
		}
		return nil
	}
	if !action.TakesComment() {
		return claimError(op, api.KindValidation, "a comment can only go with %s or %s, not %s",
			models.ClaimRejectCustom, models.ClaimApproveCC1, action)
	}
	if strings.TrimSpace(comment) == "" {
		return claimError(op, api.KindValidation, "the comment is blank")
	}
	if n := utf8.RuneCountInString(comment); n < models.ClaimCommentMin || n > models.ClaimCommentMax {
		return claimError(op, api.KindValidation, "the comment is %d characters long; it must be %d to %d",
			n, models.ClaimCommentMin, models.ClaimCommentMax)
	}
	return nil
}

type claimAnswerBody struct {
	ID      string             `json:"id"`
	Action  models.ClaimAction `json:"action"`
	Comment string             `json:"comment,omitempty"`
}

// AnswerClaim sends the seller's answer to a claim as last read (its
// actions decide what is allowed) and returns the claim as read back.
// returns-api may show an accepted answer a little later, so the claim is
// read back a few times at short intervals; an answer it still does not
// show afterwards is a conflict: reload the claim before answering again.
func (c *Client) AnswerClaim(ctx context.Context, claim models.Claim, action models.ClaimAction, comment string) (models.Claim, error) {
	r := claimRequest(http.MethodPatch, claimPath)
	if err := CheckClaimAnswer(claim, action, comment); err != nil {
		return claim, err
	}
	r.JSON = claimAnswerBody{ID: claim.ID, Action: action, Comment: comment}
	if err := c.t.JSON(ctx, r, nil); err != nil {
		return claim, err
	}
	want := models.ClaimApproved
	if action.IsReject() {
		want = models.ClaimRejected
	}
	type look struct {
		claim models.Claim
		found bool
	}
	// The status alone does not tell: confirming a return after approvecc1
	// keeps "approved". Every answer takes the action off the claim.
	got, ok, err := confirmEvery(ctx, c, api.ServiceWBReturns, claimConfirmDelays,
		func(ctx context.Context) (look, error) {
			cl, found, err := c.Claim(ctx, claim.ID)
			return look{cl, found}, err
		},
		func(l look) bool { return l.found && l.claim.Status == want && !l.claim.Allows(action) })
	if ok {
		return got.claim, nil
	}
	e := claimError(r.Op, api.KindConflict,
		"Wildberries accepted the answer to claim %s, but the claim does not show it yet; reload it before answering again", claim.ID)
	e.Err = err
	if got.found {
		return got.claim, e
	}
	return claim, e
}
