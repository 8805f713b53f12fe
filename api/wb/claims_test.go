package wb_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
)

const (
	claimsListOp = "GET /api/v1/claims"
	claimPatchOp = "PATCH /api/v1/claim"
)

func TestClaimsLists(t *testing.T) {
	h, c := chatHarness(t)
	ctx := chatCtx(t)
	active, err := c.AllClaims(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	archive, err := c.AllClaims(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(active) < 50 || len(archive) < 50 {
		t.Fatalf("claims: %d active, %d archived", len(active), len(archive))
	}
	window := time.Now().Add(-14 * 24 * time.Hour)
	var photos, videos int
	for i, cl := range append(append([]models.Claim{}, active...), archive...) {
		if !cl.Dt.After(window) {
			t.Errorf("claim %s from %v is older than 14 days", cl.ID, cl.Dt)
		}
		if cl.CurrencyCode != "643" || cl.Price <= 0 || cl.SRID == "" || cl.NmID == 0 || cl.OrderDt.After(cl.Dt.Time) {
			t.Errorf("claim fields: %+v", cl)
		}
		if i < len(active) && (cl.Status != models.ClaimPending || !cl.Answerable() || cl.WBComment != "" || !cl.DtUpdate.Equal(cl.Dt.Time)) {
			t.Errorf("active claim: %+v", cl)
		}
		if i >= len(active) && (cl.Status == models.ClaimPending || cl.WBComment == "" || cl.DtUpdate.Before(cl.Dt.Time)) {
			t.Errorf("archived claim: %+v", cl)
		}
		for _, p := range cl.Photos {
			if !strings.HasPrefix(p, "//") || !strings.HasSuffix(p, ".webp") {
				t.Errorf("photo link %q is not a protocol-relative WebP", p)
			}
		}
		photos += len(cl.Photos)
		videos += len(cl.VideoPaths)
	}
	if photos == 0 || videos == 0 {
		t.Errorf("no media: %d photos, %d videos", photos, videos)
	}
	// Newest first.
	for i := 1; i < len(active); i++ {
		if active[i].Dt.After(active[i-1].Dt.Time) {
			t.Fatalf("active claims not newest first at %d", i)
		}
	}

	// Media links resolve with the returns base URL's scheme and serve WebP.
	var withPhoto models.Claim
	for _, cl := range active {
		if len(cl.Photos) > 0 && len(cl.VideoPaths) > 0 {
			withPhoto = cl
			break
		}
	}
	for _, raw := range []string{withPhoto.Photos[0], withPhoto.VideoPaths[0]} {
		u := c.ClaimMediaURL(raw)
		if !strings.HasPrefix(u, "http://127.0.0.1:") {
			t.Fatalf("resolved %q to %q", raw, u)
		}
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode != 200 || (ct != "image/webp" && ct != "video/mp4") || len(body) == 0 {
			t.Errorf("%s: %d %s %d bytes", u, resp.StatusCode, ct, len(body))
		}
	}
	if got := withPhoto.PhotoURLs("http"); got[0] != c.ClaimMediaURL(withPhoto.Photos[0]) {
		t.Errorf("PhotoURLs and ClaimMediaURL disagree: %v", got)
	}

	// Paging, filters and the limit's bounds.
	first, err := c.Claims(ctx, wb.ClaimsQuery{})
	if err != nil || len(first.Claims) != 50 || first.Total != len(active) {
		t.Fatalf("default page: %d claims of %d, %v", len(first.Claims), first.Total, err)
	}
	for _, tc := range []struct{ limit, offset, want int }{{1, 0, 1}, {200, 0, min(200, len(active))}, {10, len(active) - 3, 3}} {
		p, err := c.Claims(ctx, wb.ClaimsQuery{Limit: tc.limit, Offset: tc.offset})
		if err != nil || len(p.Claims) != tc.want || p.Total != len(active) {
			t.Errorf("limit %d offset %d: %d claims of %d, %v", tc.limit, tc.offset, len(p.Claims), p.Total, err)
		}
		if err == nil && tc.want > 0 && p.Claims[0].ID != active[tc.offset].ID {
			t.Errorf("limit %d offset %d starts at %s, want %s", tc.limit, tc.offset, p.Claims[0].ID, active[tc.offset].ID)
		}
	}
	byID, err := c.Claims(ctx, wb.ClaimsQuery{IsArchive: true, ID: archive[5].ID})
	if err != nil || byID.Total != 1 || byID.Claims[0].ID != archive[5].ID {
		t.Errorf("by ID: %+v, %v", byID, err)
	}
	nm := active[0].NmID
	byNm, err := c.Claims(ctx, wb.ClaimsQuery{NmID: nm, Limit: 200})
	if err != nil || byNm.Total == 0 {
		t.Fatalf("by nm_id: %+v, %v", byNm, err)
	}
	for _, cl := range byNm.Claims {
		if cl.NmID != nm {
			t.Errorf("nm_id filter let %d through", cl.NmID)
		}
	}
	before := h.Validator.Seen()[claimsListOp]
	for _, q := range []wb.ClaimsQuery{{Limit: 201}, {Limit: -1}, {Offset: -1}, {NmID: -5}} {
		if _, err := c.Claims(ctx, q); !api.IsKind(err, api.KindValidation) {
			t.Errorf("%+v: %v", q, err)
		}
	}
	if h.Validator.Seen()[claimsListOp] != before {
		t.Error("an invalid claims query reached the server")
	}
}

// claimWith returns an active claim offering action, not used before.
func claimWith(t *testing.T, claims []models.Claim, used map[string]bool, action models.ClaimAction) models.Claim {
	t.Helper()
	for _, cl := range claims {
		if cl.Allows(action) && !used[cl.ID] {
			used[cl.ID] = true
			return cl
		}
	}
	t.Fatalf("no active claim offers %s", action)
	return models.Claim{}
}

func TestAnswerClaimMovesIt(t *testing.T) {
	_, c := chatHarness(t)
	ctx := chatCtx(t)
	active, err := c.AllClaims(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	cases := []struct {
		action   models.ClaimAction
		comment  string
		status   models.ClaimStatus
		statusEx models.ClaimStatusEx
		archived bool
	}{
		{models.ClaimApprove1, "", models.ClaimApproved, models.ClaimGoodsBackToSale, true},
		{models.ClaimApprove2, "", models.ClaimApproved, models.ClaimGoodsReturnToSeller, true},
		{models.ClaimAutorefund1, "", models.ClaimApproved, models.ClaimGoodsStayApproved, true},
		{models.ClaimReject2, "", models.ClaimRejected, models.ClaimGoodsStayRejected, true},
		{models.ClaimRejectCustom, "Фото не имеет отношения к товару в заявке", models.ClaimRejected, models.ClaimGoodsStayRejected, true},
		{models.ClaimApproveCC1, "Звоните: +7 900 000-00-00", models.ClaimApproved, models.ClaimGoodsReturnToSeller, false},
	}
	for _, tc := range cases {
		t.Run(string(tc.action), func(t *testing.T) {
			cl := claimWith(t, active, used, tc.action)
			got, err := c.AnswerClaim(ctx, cl, tc.action, tc.comment)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != cl.ID || got.Status != tc.status || got.StatusEx != tc.statusEx || !got.DtUpdate.After(cl.DtUpdate.Time) {
				t.Fatalf("read back: %+v", got)
			}
			if tc.action == models.ClaimRejectCustom && got.WBComment != tc.comment {
				t.Errorf("wb_comment = %q", got.WBComment)
			}
			p, err := c.Claims(ctx, wb.ClaimsQuery{ID: cl.ID, IsArchive: tc.archived})
			if err != nil || p.Total != 1 {
				t.Fatalf("claim is not in the archived=%v list: %+v %v", tc.archived, p, err)
			}
			if tc.action == models.ClaimApproveCC1 {
				// In-store pickup: the seller confirms when the goods come back.
				if !got.Allows(models.ClaimConfirmReturnGoodCC) {
					t.Fatalf("after approvecc1 actions = %v", got.Actions)
				}
				done, err := c.AnswerClaim(ctx, got, models.ClaimConfirmReturnGoodCC, "")
				if err != nil || done.Answerable() {
					t.Fatalf("confirm return: %+v %v", done, err)
				}
				if p, _ := c.Claims(ctx, wb.ClaimsQuery{ID: cl.ID, IsArchive: true}); p.Total != 1 {
					t.Errorf("confirmed claim not archived")
				}
			}
			if tc.action.IsReject() && !got.Allows(models.ClaimApprove1) {
				t.Errorf("a rejected claim can be reconsidered; actions = %v", got.Actions)
			}
		})
	}
	after, err := c.AllClaims(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(active)-len(cases) {
		t.Errorf("active claims %d → %d after %d answers", len(active), len(after), len(cases))
	}

	// A stale copy of an answered claim: the service refuses, nothing changes.
	var stale models.Claim
	for _, cl := range active {
		if used[cl.ID] && cl.Allows(models.ClaimApprove2) && !cl.Allows(models.ClaimApproveCC1) {
			stale = cl
		}
	}
	if stale.ID != "" {
		if _, err := c.AnswerClaim(ctx, stale, models.ClaimApprove2, ""); err == nil {
			t.Error("answering a claim twice from a stale copy succeeded")
		}
	}
}

func TestAnswerClaimValidation(t *testing.T) {
	h, c := chatHarness(t)
	ctx := chatCtx(t)
	active, err := c.AllClaims(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	cases := []struct {
		name    string
		action  models.ClaimAction
		comment string
		ok      bool
		want    string
	}{
		{"comment 9 runes", models.ClaimRejectCustom, strings.Repeat("я", 9), false, "9 characters"},
		{"comment 10 runes", models.ClaimRejectCustom, strings.Repeat("я", 10), true, ""},
		{"comment 1000 runes", models.ClaimRejectCustom, strings.Repeat("я", 999) + "🙂", true, ""},
		{"comment 1001 runes", models.ClaimRejectCustom, strings.Repeat("я", 1001), false, "1001 characters"},
		{"rejectcustom without comment", models.ClaimRejectCustom, "", false, "needs a comment"},
		{"blank comment", models.ClaimRejectCustom, strings.Repeat(" ", 12), false, "blank"},
		{"comment with approve1", models.ClaimApprove1, "Спасибо за заявку!", false, "only go with"},
		{"approvecc1 without comment", models.ClaimApproveCC1, "", true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cl := claimWith(t, active, used, tc.action)
			before := h.Validator.Seen()[claimPatchOp]
			_, err := c.AnswerClaim(ctx, cl, tc.action, tc.comment)
			sent := h.Validator.Seen()[claimPatchOp] - before
			if tc.ok {
				if err != nil || sent != 1 {
					t.Fatalf("want answered, got %v (%d requests)", err, sent)
				}
				return
			}
			if !api.IsKind(err, api.KindValidation) || !strings.Contains(err.Error(), tc.want) || sent != 0 {
				t.Fatalf("want a local validation error with %q, got %v (%d requests)", tc.want, err, sent)
			}
		})
	}

	// Actions the claim does not offer.
	var narrow models.Claim
	for _, cl := range active {
		if !used[cl.ID] && !cl.Allows(models.ClaimApprove2) {
			narrow = cl
			break
		}
	}
	for _, a := range []models.ClaimAction{models.ClaimApprove2, "teleport", ""} {
		if _, err := c.AnswerClaim(ctx, narrow, a, ""); !api.IsKind(err, api.KindValidation) || !strings.Contains(err.Error(), "choose one of") {
			t.Errorf("action %q: %v", a, err)
		}
	}
	closed := narrow
	closed.Actions = nil
	if _, err := c.AnswerClaim(ctx, closed, models.ClaimApprove1, ""); !api.IsKind(err, api.KindValidation) || !strings.Contains(err.Error(), "no longer") {
		t.Errorf("claim without actions: %v", err)
	}
	if err := wb.CheckClaimAnswer(models.Claim{}, models.ClaimApprove1, ""); err == nil {
		t.Error("claim without ID accepted")
	}
	// The service enforces the same rules when the client is bypassed: a
	// forged actions list gets the service's own refusal.
	forged := narrow
	forged.Actions = []models.ClaimAction{models.ClaimApprove2}
	_, err = c.AnswerClaim(ctx, forged, models.ClaimApprove2, "")
	if e, ok := api.AsError(err); !ok || e.Status != 400 || !strings.Contains(e.Message, "not available") {
		t.Errorf("forged action: %v", err)
	}
}
