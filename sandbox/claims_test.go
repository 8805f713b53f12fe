package sandbox_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

type rawClaim struct {
	ID           string
	Status       int
	StatusEx     int     `json:"status_ex"`
	NmID         int64   `json:"nm_id"`
	WBComment    *string `json:"wb_comment"`
	Dt           string
	DtUpdate     string `json:"dt_update"`
	Photos       []string
	VideoPaths   []string `json:"video_paths"`
	Actions      []string
	CurrencyCode string `json:"currency_code"`
}

type rawClaims struct {
	Claims []rawClaim
	Total  int
}

func (c *rawWB) claims(query string) (int, rawClaims) {
	c.t.Helper()
	var p rawClaims
	st := c.json("GET", "/api/v1/claims?"+query, nil, &p)
	return st, p
}

func TestClaimsListRules(t *testing.T) {
	now := time.Now()
	c, _ := newRawWB(t, sandbox.Options{Now: func() time.Time { return now }})
	st, first := c.claims("is_archive=false&limit=200")
	if st != 200 || first.Total == 0 || len(first.Claims) != min(200, first.Total) {
		t.Fatalf("%d %d/%d", st, len(first.Claims), first.Total)
	}
	_, arch := c.claims("is_archive=true&limit=200")
	// 200 seeded, some older than 14 days that must never show.
	if all := first.Total + arch.Total; all >= 200 || all < 170 {
		t.Errorf("%d claims visible of 200 seeded: the 14-day window is not applied", all)
	}
	for _, cl := range append(first.Claims, arch.Claims...) {
		dt, err := time.ParseInLocation("2006-01-02T15:04:05.999999", cl.Dt, time.FixedZone("MSK", 3*3600))
		if err != nil || strings.ContainsAny(cl.Dt[10:], "Z+") {
			t.Fatalf("dt %q is not zone-less: %v", cl.Dt, err)
		}
		if dt.Before(now.Add(-14*24*time.Hour)) || dt.After(now) {
			t.Errorf("claim %s dated %v", cl.ID, dt)
		}
		for _, p := range cl.Photos {
			if !strings.HasPrefix(p, "//") || !strings.HasSuffix(p, ".webp") {
				t.Errorf("photo %q", p)
			}
		}
		for _, v := range cl.VideoPaths {
			if !strings.HasPrefix(v, "//") || !strings.HasSuffix(v, ".mp4") {
				t.Errorf("video %q", v)
			}
		}
		if cl.CurrencyCode != "643" || cl.Actions == nil || cl.Photos == nil || cl.VideoPaths == nil {
			t.Errorf("claim %+v", cl)
		}
	}
	for _, cl := range first.Claims {
		if cl.Status != 0 || cl.StatusEx != 0 || cl.WBComment != nil || len(cl.Actions) == 0 || cl.Dt != cl.DtUpdate {
			t.Errorf("active claim %+v", cl)
		}
	}
	statuses := map[int]bool{}
	for _, cl := range arch.Claims {
		statuses[cl.Status] = true
		if cl.Status == 0 || cl.WBComment == nil {
			t.Errorf("archived claim %+v", cl)
		}
	}
	if !statuses[1] || !statuses[2] {
		t.Errorf("archive lacks rejected or approved claims: %v", statuses)
	}

	if _, p := c.claims("is_archive=false"); len(p.Claims) != min(50, first.Total) {
		t.Errorf("default limit gave %d", len(p.Claims))
	}
	if _, p := c.claims(fmt.Sprintf("is_archive=false&limit=5&offset=%d", first.Total-2)); len(p.Claims) != 2 || p.Total != first.Total {
		t.Errorf("last page: %d of %d", len(p.Claims), p.Total)
	}
	nm := first.Claims[0].NmID
	if _, p := c.claims(fmt.Sprintf("is_archive=false&limit=200&nm_id=%d", nm)); p.Total == 0 || p.Claims[0].NmID != nm {
		t.Errorf("nm_id filter: %+v", p)
	}
	if _, p := c.claims("is_archive=false&id=" + first.Claims[3].ID); p.Total != 1 || p.Claims[0].ID != first.Claims[3].ID {
		t.Errorf("id filter: %+v", p)
	}
	for _, q := range []string{"", "is_archive=maybe", "is_archive=false&limit=0", "is_archive=false&limit=201", "is_archive=false&limit=x", "is_archive=false&offset=-1"} {
		var e map[string]any
		if st := c.json("GET", "/api/v1/claims?"+q, nil, &e); st != 400 || e["title"] != "Invalid query params" || e["detail"] == "" || e["requestId"] == "" {
			t.Errorf("%q: %d %v", q, st, e)
		}
	}
	var e map[string]any
	c.json("GET", "/api/v1/claims", nil, &e)
	if e["detail"] != "Failed to deserialize query string: missing field `is_archive`" {
		t.Errorf("missing is_archive: %v", e["detail"])
	}
}

func TestClaimAnswerRules(t *testing.T) {
	c, _ := newRawWB(t, sandbox.Options{})
	_, p := c.claims("is_archive=false&limit=200")
	pickClaim := func(action string, used map[string]bool) rawClaim {
		for _, cl := range p.Claims {
			for _, a := range cl.Actions {
				if a == action && !used[cl.ID] {
					used[cl.ID] = true
					return cl
				}
			}
		}
		t.Fatalf("no claim offers %s", action)
		return rawClaim{}
	}
	used := map[string]bool{}
	rc := pickClaim("rejectcustom", used)
	var narrow rawClaim
	for _, cl := range p.Claims {
		if !used[cl.ID] && !strings.Contains(strings.Join(cl.Actions, ","), "approve2") {
			narrow = cl
			break
		}
	}
	a1 := pickClaim("approve1", used)
	type body = map[string]any
	cases := []struct {
		name string
		body any
		want string
	}{
		{"no id", body{"action": "approve1"}, "The Id field is required."},
		{"no action", body{"id": rc.ID}, "The Action field is required."},
		{"comment 9", body{"id": rc.ID, "action": "rejectcustom", "comment": strings.Repeat("я", 9)}, "minimum length of 10"},
		{"comment 1001", body{"id": rc.ID, "action": "rejectcustom", "comment": strings.Repeat("я", 1001)}, "maximum length of 1000"},
		{"rejectcustom without comment", body{"id": rc.ID, "action": "rejectcustom"}, "required for the rejectcustom"},
		{"action not offered", body{"id": narrow.ID, "action": "approve2"}, "is not available"},
		{"unknown claim", body{"id": "00000000-0000-4000-a000-000000000000", "action": "approve1"}, "was not found"},
		{"comment with approve1", body{"id": a1.ID, "action": "approve1", "comment": "Спасибо за обращение"}, "applies only"},
	}
	for _, tc := range cases {
		var e map[string]any
		st := c.json("PATCH", "/api/v1/claim", tc.body, &e)
		if d, _ := e["detail"].(string); st != 400 || !strings.Contains(d, tc.want) || e["title"] == "" {
			t.Errorf("%s: %d %v", tc.name, st, e)
		}
	}
	if st, _, _ := c.do("PATCH", "/api/v1/claim", "application/json", []byte("{")); st != 400 {
		t.Errorf("broken JSON: %d", st)
	}

	// Boundaries accepted, and the claim moves to the archive with the
	// status the action implies.
	for _, comment := range []string{strings.Repeat("я", 10), strings.Repeat("я", 999) + "🙂"} {
		cl := pickClaim("rejectcustom", used)
		if st := c.json("PATCH", "/api/v1/claim", body{"id": cl.ID, "action": "rejectcustom", "comment": comment}, nil); st != 200 {
			t.Fatalf("comment of %d runes: %d", len([]rune(comment)), st)
		}
		_, got := c.claims("is_archive=true&id=" + cl.ID)
		if got.Total != 1 || got.Claims[0].Status != 1 || got.Claims[0].StatusEx != 1 || *got.Claims[0].WBComment != comment {
			t.Errorf("after rejectcustom: %+v", got)
		}
		if _, still := c.claims("is_archive=false&id=" + cl.ID); still.Total != 0 {
			t.Error("answered claim is still active")
		}
	}
	for action, want := range map[string][2]int{"approve1": {2, 8}, "approve2": {2, 10}, "autorefund1": {2, 5}, "reject3": {1, 1}} {
		cl := pickClaim(action, used)
		if st := c.json("PATCH", "/api/v1/claim", body{"id": cl.ID, "action": action}, nil); st != 200 {
			t.Fatalf("%s: %d", action, st)
		}
		_, got := c.claims("is_archive=true&id=" + cl.ID)
		if got.Total != 1 || got.Claims[0].Status != want[0] || got.Claims[0].StatusEx != want[1] || got.Claims[0].DtUpdate <= got.Claims[0].Dt {
			t.Errorf("after %s: %+v", action, got.Claims)
		}
	}
}
