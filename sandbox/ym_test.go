package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var ymTestNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestYMSeedIsDeterministicRealisticAndCheapAtScale(t *testing.T) {
	a := newYMState(newGen(7, 1, false), 1, ymTestNow)
	b := newYMState(newGen(7, 1, false), 1, ymTestNow)
	if len(a.returns) != ymReturnsPerScale {
		t.Fatalf("%d returns at scale 1", len(a.returns))
	}
	status := map[string]int{}
	types := map[bool]int{}
	exts := map[string]int{}
	fast, photos := 0, 0
	for i, r := range a.returns {
		if r.id != b.returns[i].id || r.refund != b.returns[i].refund || r.items[0].comment != b.returns[i].items[0].comment {
			t.Fatalf("return %d differs between two runs with one seed", i)
		}
		if i > 0 && r.id <= a.returns[i-1].id {
			t.Fatalf("IDs not ascending at %d", i)
		}
		if a.byOrder[r.orderID] != r || a.byID[r.id] != r {
			t.Fatalf("return %d not indexed", r.id)
		}
		if r.created.After(ymTestNow) || r.updated.Before(r.created) || !r.ordered.Before(r.created) {
			t.Errorf("return %d dates: ordered %v created %v updated %v", r.id, r.ordered, r.created, r.updated)
		}
		status[r.refund]++
		types[r.unredeemed]++
		if r.fast {
			fast++
		}
		for _, it := range r.items {
			for _, h := range it.photoHashes(r.id) {
				photos++
				exts[ymPhotoExt(h)]++
			}
		}
	}
	waiting := status["PREMODERATION_DECISION_WAITING"] + status["WAITING_FOR_DECISION"]
	if waiting < 20 || status["WAITING_FOR_DECISION"] == 0 {
		t.Errorf("only %d of %d await a decision: %v", waiting, len(a.returns), status)
	}
	if len(status) < 10 {
		t.Errorf("refund statuses not varied: %v", status)
	}
	if types[true] < 30 || types[false] < 150 || fast == 0 || photos < 100 || exts[".jpg"] == 0 || exts[".png"] == 0 {
		t.Errorf("non-purchases %d, returns %d, fast %d, photos %d %v", types[true], types[false], fast, photos, exts)
	}

	start := time.Now()
	big := newYMState(newGen(1, 1, false), 300, ymTestNow)
	took := time.Since(start)
	if len(big.returns) != 300*ymReturnsPerScale || len(big.byOrder) != len(big.returns) {
		t.Fatalf("%d returns, %d orders at scale 300", len(big.returns), len(big.byOrder))
	}
	if took > 5*time.Second {
		t.Errorf("scale 300 took %v to seed", took)
	}
}

func TestYMHostileTextsPassThrough(t *testing.T) {
	st := newYMState(newGen(1, 1, true), 1, ymTestNow)
	for _, r := range st.returns {
		for _, it := range r.items {
			if strings.Contains(it.comment, "\x1b") {
				b, err := json.Marshal(r.wire())
				if err != nil || !strings.Contains(string(b), `\u001b`) {
					t.Fatalf("hostile comment not carried as is: %v %s", err, b)
				}
				return
			}
		}
	}
	t.Fatal("no hostile comment in a hostile data set")
}

// ymDo sends one request straight to the handler, bypassing the contract
// validator on purpose: these requests break the contract.
func ymDo(t *testing.T, s *Server, method, target, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Api-Key", YMToken)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	var out map[string]any
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: %v", method, target, err)
		}
	}
	return rec.Code, out
}

func TestYMValidationAndErrors(t *testing.T) {
	s := New(Options{NoLimits: true, Now: func() time.Time { return ymTestNow }})
	first := s.ym.returns[len(s.ym.returns)-1]
	ret := fmt.Sprintf("/v2/campaigns/1000/orders/%d/returns/%d", first.orderID, first.id)
	ids := make([]string, 51)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	tests := []struct {
		name, method, target, body string
		status                     int
		code                       string
	}{
		{"limit zero", "GET", "/v2/campaigns/1000/returns?limit=0", "", 400, "BAD_REQUEST"},
		{"limit not a number", "GET", "/v2/campaigns/1000/returns?limit=ten", "", 400, "BAD_REQUEST"},
		{"garbage page token", "GET", "/v2/campaigns/1000/returns?pageToken=bm9wZQ", "", 400, "BAD_REQUEST"},
		{"token of another list", "GET", "/v2/campaigns/1000/returns?pageToken=" + ymToken("orders", 5), "", 400, "BAD_REQUEST"},
		{"unknown status", "GET", "/v2/campaigns/1000/returns?statuses=WAITING", "", 400, "BAD_REQUEST"},
		{"statuses repeated, not comma-separated", "GET", "/v2/campaigns/1000/returns?statuses=REFUNDED&statuses=CANCELLED", "", 400, "BAD_REQUEST"},
		{"order IDs repeated", "GET", fmt.Sprintf("/v2/campaigns/1000/returns?orderIds=%d&orderIds=%d", first.orderID, first.orderID+1), "", 400, "BAD_REQUEST"},
		{"unknown type", "GET", "/v2/campaigns/1000/returns?type=ALL", "", 400, "BAD_REQUEST"},
		{"51 order IDs", "GET", "/v2/campaigns/1000/returns?orderIds=" + strings.Join(ids, ","), "", 400, "BAD_REQUEST"},
		{"bad date", "GET", "/v2/campaigns/1000/returns?fromDate=31.10.2022", "", 400, "BAD_REQUEST"},
		{"dates reversed", "GET", "/v2/campaigns/1000/returns?fromDate=2026-11-20&toDate=2026-11-01", "", 400, "BAD_REQUEST"},
		{"unknown campaign", "GET", "/v2/campaigns/777/returns", "", 403, "FORBIDDEN"},
		{"campaign with API off", "GET", "/v2/campaigns/1001/returns", "", 403, "FORBIDDEN"},
		{"campaign not a number", "GET", "/v2/campaigns/abc/returns", "", 400, "BAD_REQUEST"},
		{"unknown return", "GET", "/v2/campaigns/1000/orders/1/returns/2", "", 404, "NOT_FOUND"},
		{"unknown order", "GET", "/v2/campaigns/1000/orders/1", "", 404, "NOT_FOUND"},
		{"campaigns limit above 100", "GET", "/v2/campaigns?limit=101", "", 400, "BAD_REQUEST"},
		{"unknown business", "POST", "/v1/businesses/1/orders", `{}`, 403, "FORBIDDEN"},
		{"empty order IDs", "POST", "/v1/businesses/2000/orders", `{"orderIds": []}`, 400, "BAD_REQUEST"},
		{"date range over 30 days", "POST", "/v1/businesses/2000/orders", `{"dates": {"creationDateFrom": "2026-01-01", "creationDateTo": "2026-03-01"}}`, 400, "BAD_REQUEST"},
		{"broken body", "POST", "/v1/businesses/2000/orders", `{"orderIds": "1"}`, 400, "BAD_REQUEST"},
		{"decisions without returnId", "POST", "/v1/businesses/2000/returns/decisions", `{"campaignId": 1000}`, 400, "BAD_REQUEST"},
		{"decisions of a foreign campaign", "POST", "/v1/businesses/2000/returns/decisions", fmt.Sprintf(`{"campaignId": 5, "returnId": %d}`, first.id), 403, "FORBIDDEN"},
		{"submit empty list", "POST", ret + "/decision/submit", `{"returnItemDecisions": []}`, 400, "BAD_REQUEST"},
		{"set without type", "POST", ret + "/decision", fmt.Sprintf(`{"returnItemId": %d}`, first.items[0].id), 400, "BAD_REQUEST"},
		{"photo of unknown item", "GET", ret + "/decision/1/image/abc", "", 404, "NOT_FOUND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := ymDo(t, s, tt.method, tt.target, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, body)
			}
			errs, _ := body["errors"].([]any)
			if body["status"] != "ERROR" || len(errs) != 1 {
				t.Fatalf("not a YM error body: %v", body)
			}
			e := errs[0].(map[string]any)
			if e["code"] != tt.code || e["message"] == "" {
				t.Errorf("error %v, want code %s with a message", e, tt.code)
			}
		})
	}
}

func TestYMLenientQueries(t *testing.T) {
	s := New(Options{NoLimits: true, Now: func() time.Time { return ymTestNow }})
	count := func(target string) (int, string) {
		t.Helper()
		status, body := ymDo(t, s, "GET", target, "")
		if status != 200 {
			t.Fatalf("%s: %d %v", target, status, body)
		}
		res := body["result"].(map[string]any)
		next, _ := res["paging"].(map[string]any)["nextPageToken"].(string)
		return len(res["returns"].([]any)), next
	}
	if n, next := count("/v2/campaigns/1000/returns?limit=500"); n != 100 || next == "" {
		t.Errorf("limit 500 gave %d (cut to 100 expected), next %q", n, next)
	}
	if n, _ := count("/v2/campaigns/1000/returns"); n != 50 {
		t.Errorf("default page of %d, want 50", n)
	}
	_, next := count("/v2/campaigns/1000/returns?limit=3")
	if n, _ := count("/v2/campaigns/1000/returns?limit=3&page_token=" + next); n != 3 {
		t.Errorf("page_token alias gave %d", n)
	}
	a, b := s.ym.returns[0], s.ym.returns[1]
	if n, _ := count(fmt.Sprintf("/v2/campaigns/1000/returns?orderIds=%d,%d", a.orderID, b.orderID)); n != 2 {
		t.Errorf("comma-separated order IDs gave %d", n)
	}
	day := ymTime(a.updated, ymDayISO)
	n1, _ := count("/v2/campaigns/1000/returns?limit=100&fromDate=" + day + "&toDate=" + day)
	n2, _ := count("/v2/campaigns/1000/returns?limit=100&from_date=" + day + "&to_date=" + day)
	if n1 == 0 || n1 != n2 {
		t.Errorf("fromDate gave %d, deprecated from_date %d", n1, n2)
	}
	status, body := ymDo(t, s, "GET", "/v2/campaigns?page=2&pageSize=1", "")
	pager, _ := body["pager"].(map[string]any)
	if status != 200 || len(body["campaigns"].([]any)) != 1 || pager["currentPage"] != 2.0 || pager["total"] != float64(len(ymCampaigns)) {
		t.Errorf("page/pageSize: %d %v", status, body)
	}
}

func TestYMDecisionStateMachine(t *testing.T) {
	s := New(Options{NoLimits: true, Now: func() time.Time { return ymTestNow }})
	var r *ymReturn
	for _, x := range s.ym.returns {
		if x.refund == "PREMODERATION_DECISION_WAITING" {
			r = x
			break
		}
	}
	if r == nil {
		t.Fatal("no premoderated return")
	}
	base := fmt.Sprintf("/v2/campaigns/1000/orders/%d/returns/%d", r.orderID, r.id)
	if status, body := ymDo(t, s, "POST", base+"/decision/submit", ""); status != 400 {
		t.Errorf("confirming nothing: %d %v", status, body)
	}
	var ds []string
	for _, it := range r.items {
		ds = append(ds, fmt.Sprintf(`{"returnItemId": %d, "decisionType": "REFUND_MONEY"}`, it.id))
	}
	if len(r.items) > 1 {
		if status, _ := ymDo(t, s, "POST", base+"/decision/submit", `{"returnItemDecisions": [`+ds[0]+`]}`); status != 400 {
			t.Errorf("deciding one of %d items: %d", len(r.items), status)
		}
	}
	status, body := ymDo(t, s, "POST", base+"/decision/submit", `{"returnItemDecisions": [`+strings.Join(ds, ",")+`]}`)
	if status != 200 || body["status"] != "OK" {
		t.Fatalf("submit: %d %v", status, body)
	}
	if r.refund != "PREMODERATION_DECISION_MADE" || !r.updated.Equal(ymTestNow) || r.items[0].decisionType != "REFUND_MONEY" {
		t.Errorf("after submit: %s %v %+v", r.refund, r.updated, r.items[0])
	}
	status, body = ymDo(t, s, "POST", "/v1/businesses/2000/returns/decisions", fmt.Sprintf(`{"campaignId": 1000, "returnId": %d}`, r.id))
	if got := body["result"].(map[string]any)["availableDecisions"].([]any); status != 200 || len(got) != 0 {
		t.Errorf("decisions still available: %v", got)
	}
}
