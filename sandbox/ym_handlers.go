package sandbox

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// ymBusinessSlot is the parallel-limit key of the demo business, as serve
// builds it from a businessId path value.
var ymBusinessSlot = "businessId=" + strconv.FormatInt(BusinessID, 10)

func (s *Server) registerYM() {
	camp := func(g api.Group) route { return route{service: api.ServiceYM, group: g, parallel: "campaignId"} }
	biz := func(g api.Group) route { return route{service: api.ServiceYM, group: g, parallel: "businessId"} }
	const ret = "/v2/campaigns/{campaignId}/orders/{orderId}/returns/{returnId}"

	s.handle("GET /v2/campaigns", route{service: api.ServiceYM, group: api.GroupYMCampaigns}, s.ymGetCampaigns)
	s.handle("GET /v2/campaigns/{campaignId}/orders/{orderId}", camp(api.GroupYMOrder), s.ymGetOrder)
	s.handle("POST /v1/businesses/{businessId}/orders", biz(api.GroupYMBusinessOrders), s.ymGetBusinessOrders)
	s.handle("GET /v2/campaigns/{campaignId}/returns", camp(api.GroupYMReturns), s.ymGetReturns)
	s.handle("GET "+ret, camp(api.GroupYMReturn), s.ymGetReturn)
	s.handle("POST "+ret+"/decision", camp(api.GroupYMSetDecision), s.ymSetReturnDecision)
	s.handle("POST "+ret+"/decision/submit", camp(api.GroupYMSubmitDecision), s.ymSubmitReturnDecision)
	s.handle("POST /v1/businesses/{businessId}/returns/decisions", biz(api.GroupYMAvailableDecision), s.ymGetAvailableDecisions)
	s.handle("GET "+ret+"/application", camp(api.GroupYMApplication), s.ymGetReturnApplication)
	s.handle("GET "+ret+"/decision/{itemId}/image/{imageHash}", camp(api.GroupYMPhoto), s.ymGetReturnPhoto)
}

func ymBadRequest(w http.ResponseWriter, format string, args ...any) {
	ymError(w, http.StatusBadRequest, "BAD_REQUEST", fmt.Sprintf(format, args...))
}

func ymNotFound(w http.ResponseWriter, format string, args ...any) {
	ymError(w, http.StatusNotFound, "NOT_FOUND", fmt.Sprintf(format, args...))
}

func ymOK(w http.ResponseWriter, result any) {
	body := map[string]any{"status": "OK"}
	if result != nil {
		body["result"] = result
	}
	writeJSON(w, http.StatusOK, body)
}

// ymPathID reads a numeric path value; min is the spec's minimum.
func ymPathID(w http.ResponseWriter, r *http.Request, name string, min int64) (int64, bool) {
	raw := r.PathValue(name)
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || v < min {
		ymBadRequest(w, "%s: %q is not a valid identifier", name, raw)
		return 0, false
	}
	return v, true
}

func ymFindCampaign(id int64) *ymCampaign {
	for i := range ymCampaigns {
		if ymCampaigns[i].id == id {
			return &ymCampaigns[i]
		}
	}
	return nil
}

// ymCampaignAccess checks the campaign the way the service does: one the
// key cannot see is forbidden, and so is one whose API access is off.
func ymCampaignAccess(w http.ResponseWriter, id int64) bool {
	c := ymFindCampaign(id)
	if c == nil {
		ymError(w, http.StatusForbidden, "FORBIDDEN", fmt.Sprintf("Access denied to campaign %d", id))
		return false
	}
	if c.api != "AVAILABLE" {
		ymError(w, http.StatusForbidden, "FORBIDDEN", fmt.Sprintf("API access to campaign %d is disabled: %s", id, c.api))
		return false
	}
	return true
}

func ymBusinessParam(w http.ResponseWriter, r *http.Request) bool {
	id, ok := ymPathID(w, r, "businessId", 1)
	if !ok {
		return false
	}
	if id != BusinessID {
		ymError(w, http.StatusForbidden, "FORBIDDEN", fmt.Sprintf("Access denied to business %d", id))
		return false
	}
	return true
}

// ymReturnParam resolves campaign, order and return from the path; a return
// of another order is as unknown as a missing one. Call with s.mu held.
func (s *Server) ymReturnParam(w http.ResponseWriter, r *http.Request) *ymReturn {
	campaign, ok := ymCampaignFrom(w, r)
	if !ok {
		return nil
	}
	orderID, ok := ymPathID(w, r, "orderId", 0)
	if !ok {
		return nil
	}
	returnID, ok := ymPathID(w, r, "returnId", 0)
	if !ok {
		return nil
	}
	ret := s.ymFind(campaign, returnID)
	if ret == nil || ret.orderID != orderID {
		ymNotFound(w, "Return %d of order %d not found", returnID, orderID)
		return nil
	}
	return ret
}

// Query parsing.

// ymLimit reads limit: below 1 or not a number is refused; above max is cut
// to max when the spec says so (x-transform: truncateLimit), else refused.
func ymLimit(q url.Values, def, max int, truncate bool) (int, error) {
	raw := q.Get("limit")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	switch {
	case err != nil || n < 1:
		return 0, fmt.Errorf("limit: %q must be a number from 1 to %d", raw, max)
	case n > max && truncate:
		return max, nil
	case n > max:
		return 0, fmt.Errorf("limit: %d is more than %d", n, max)
	}
	return n, nil
}

// ymList reads an array parameter in its documented form: one
// comma-separated value.
func ymList(q url.Values, name string) ([]string, error) {
	// The documentation says "several values are listed separated by
	// commas"; it never mentions repeating the parameter. Of the two ways a
	// server could read a repeated key (last wins, or a 400) both lose
	// filters, so the sandbox takes the strict one: a client that repeats
	// the key finds out here rather than from silently wrong results.
	if len(q[name]) > 1 {
		return nil, fmt.Errorf("%s: pass several values as one comma-separated parameter, not %d repeated ones", name, len(q[name]))
	}
	var out []string
	for part := range strings.SplitSeq(q.Get(name), ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out, nil
}

// ymDate reads a YYYY-MM-DD parameter under its name or deprecated alias.
func ymDate(q url.Values, names ...string) (string, error) {
	for _, n := range names {
		if v := q.Get(n); v != "" {
			if _, err := time.Parse(ymDayISO, v); err != nil {
				return "", fmt.Errorf("%s: %q is not a date in the YYYY-MM-DD format", n, v)
			}
			return v, nil
		}
	}
	return "", nil
}

// Page tokens are opaque to clients; they carry the last ID of the page.
func ymToken(kind string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("ym:" + kind + ":" + strconv.FormatInt(id, 10)))
}

func ymParseToken(q url.Values, kind string) (id int64, set bool, err error) {
	raw := q.Get("pageToken")
	if raw == "" {
		raw = q.Get("page_token")
	}
	if raw == "" {
		return 0, false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), "ym:"+kind+":"); ok {
			if id, err = strconv.ParseInt(rest, 10, 64); err == nil {
				return id, true, nil
			}
		}
	}
	return 0, false, fmt.Errorf("pageToken %q is invalid; pass nextPageToken from the previous page", raw)
}

var (
	ymRefundStatusEnum = []string{"STARTED_BY_USER", "REFUND_IN_PROGRESS", "REFUNDED", "FAILED", "WAITING_FOR_DECISION",
		"DECISION_MADE", "REFUNDED_WITH_BONUSES", "REFUNDED_BY_SHOP", "CANCELLED", "REJECTED", "COMPLETE_WITHOUT_REFUND",
		"PREMODERATION_DISPUTE", "PREMODERATION_DECISION_WAITING", "PREMODERATION_DECISION_MADE",
		"PREMODERATION_SELECT_DELIVERY", "UNKNOWN"}
	ymShipmentStatusEnum = []string{"CREATED", "RECEIVED", "IN_TRANSIT", "READY_FOR_PICKUP", "PICKED", "LOST", "EXPIRED",
		"CANCELLED", "FULFILMENT_RECEIVED", "PREPARED_FOR_UTILIZATION", "NOT_IN_DEMAND", "UTILIZED",
		"READY_FOR_EXPROPRIATION", "RECEIVED_FOR_EXPROPRIATION", "UNKNOWN"}
	ymOrderStatusEnum = []string{"PLACING", "RESERVED", "UNPAID", "PROCESSING", "DELIVERY", "PICKUP", "DELIVERED",
		"CANCELLED", "PENDING", "PARTIALLY_RETURNED", "RETURNED", "UNKNOWN"}
)

// ymEnumSet checks every value against the enum.
func ymEnumSet(name string, vals, enum []string) (map[string]bool, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	set := map[string]bool{}
	for _, v := range vals {
		if !slices.Contains(enum, v) {
			return nil, fmt.Errorf("%s: unknown value %q", name, v)
		}
		set[v] = true
	}
	return set, nil
}

// getReturns.

type ymReturnsFilter struct {
	orders             map[int64]bool
	statuses, shipment map[string]bool
	typ                string
	from, to           string // YYYY-MM-DD of updateDate, inclusive
}

func (f *ymReturnsFilter) match(r *ymReturn) bool {
	if f.orders != nil && !f.orders[r.orderID] {
		return false
	}
	if f.statuses != nil && !f.statuses[r.refund] {
		return false
	}
	if f.shipment != nil && !f.shipment[r.shipment] {
		return false
	}
	if f.typ == "RETURN" && r.unredeemed || f.typ == "UNREDEEMED" && !r.unredeemed {
		return false
	}
	if f.from != "" || f.to != "" {
		d := ymTime(r.updated, ymDayISO)
		if f.from != "" && d < f.from || f.to != "" && d > f.to {
			return false
		}
	}
	return true
}

func ymReturnsFilterFrom(q url.Values) (*ymReturnsFilter, error) {
	f := &ymReturnsFilter{typ: q.Get("type")}
	if f.typ != "" && f.typ != "RETURN" && f.typ != "UNREDEEMED" {
		return nil, fmt.Errorf("type: %q must be RETURN or UNREDEEMED", f.typ)
	}
	ids, err := ymList(q, "orderIds")
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		if len(ids) > 50 {
			return nil, fmt.Errorf("orderIds: at most 50 identifiers, got %d", len(ids))
		}
		f.orders = map[int64]bool{}
		for _, raw := range ids {
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("orderIds: %q is not an order ID", raw)
			}
			f.orders[id] = true
		}
	}
	statuses, err := ymList(q, "statuses")
	if err != nil {
		return nil, err
	}
	if f.statuses, err = ymEnumSet("statuses", statuses, ymRefundStatusEnum); err != nil {
		return nil, err
	}
	shipment, err := ymList(q, "shipmentStatuses")
	if err != nil {
		return nil, err
	}
	if f.shipment, err = ymEnumSet("shipmentStatuses", shipment, ymShipmentStatusEnum); err != nil {
		return nil, err
	}
	if f.from, err = ymDate(q, "fromDate", "from_date"); err != nil {
		return nil, err
	}
	if f.to, err = ymDate(q, "toDate", "to_date"); err != nil {
		return nil, err
	}
	if f.from != "" && f.to != "" && f.from > f.to {
		return nil, fmt.Errorf("fromDate %s is after toDate %s", f.from, f.to)
	}
	return f, nil
}

func (s *Server) ymGetReturns(w http.ResponseWriter, r *http.Request) {
	campaign, ok := ymCampaignFrom(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, err := ymLimit(q, 50, 100, true)
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	f, err := ymReturnsFilterFrom(q)
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	after, paged, err := ymParseToken(q, "returns")
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []*ymReturn
	if st := s.ymStateOf(campaign); st != nil {
		all = st.returns
	}
	// Newest first; the token is the last ID served, so pages stay stable
	// while decisions change the returns.
	start := len(all) - 1
	if paged {
		start = sort.Search(len(all), func(i int) bool { return all[i].id >= after }) - 1
	}
	page := []ymReturnW{}
	more := false
	for i := start; i >= 0; i-- {
		if !f.match(all[i]) {
			continue
		}
		if len(page) == limit {
			more = true
			break
		}
		page = append(page, all[i].wire())
	}
	paging := map[string]any{}
	if more {
		paging["nextPageToken"] = ymToken("returns", page[len(page)-1].ID)
	}
	ymOK(w, map[string]any{"returns": page, "paging": paging})
}

func (s *Server) ymGetReturn(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ret := s.ymReturnParam(w, r); ret != nil {
		ymOK(w, ret.wire())
	}
}

func (s *Server) ymGetReturnApplication(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ret := s.ymReturnParam(w, r)
	s.mu.Unlock()
	if ret == nil {
		return
	}
	if ret.unredeemed {
		ymNotFound(w, "Return %d is a non-purchase: there is no buyer application", ret.id)
		return
	}
	ct, body := s.mediaBytes(fmt.Sprintf("ym-application/%d", ret.id), ".pdf")
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="return-%d.pdf"`, ret.id))
	_, _ = w.Write(body)
}

func (s *Server) ymGetReturnPhoto(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ret := s.ymReturnParam(w, r)
	var hashes []string
	found := false
	itemID, ok := int64(0), ret != nil
	if ok {
		itemID, ok = ymPathID(w, r, "itemId", 0)
	}
	if ok {
		if it := ret.item(itemID); it != nil {
			found = true
			hashes = it.photoHashes(ret.id)
		}
	}
	s.mu.Unlock()
	if !ok {
		return
	}
	hash := r.PathValue("imageHash")
	if !found || !slices.Contains(hashes, hash) {
		ymNotFound(w, "Image %s of item %d not found", hash, itemID)
		return
	}
	ct, body := s.mediaBytes("ym/"+hash, ymPhotoExt(hash))
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(body)
}

// getCampaigns.

func (s *Server) ymGetCampaigns(w http.ResponseWriter, r *http.Request) {
	// getCampaigns names no shop: the service counts it against the cabinet
	// (business) of the Api-Key, so it shares that business's parallel slots.
	release, ok := s.limits.enter(ymBusinessSlot)
	if !ok {
		ymError(w, 420, "HIT_RATE_LIMIT", "Hit rate limit of 4 parallel requests")
		return
	}
	defer release()
	q := r.URL.Query()
	all := ymCampaigns
	if q.Get("limit") == "" && q.Get("pageToken") == "" && q.Get("page_token") == "" {
		// The deprecated page/pageSize paging, or everything at once.
		pageNum, size := 1, len(all)
		if v := q.Get("page"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 10000 {
				ymBadRequest(w, "page: %q must be a number from 1 to 10000", v)
				return
			}
			pageNum = n
		}
		if v := q.Get("pageSize"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				ymBadRequest(w, "pageSize: %q must be a positive number", v)
				return
			}
			size = n
		}
		from := min((pageNum-1)*size, len(all))
		to := min(from+size, len(all))
		var out []map[string]any
		for _, c := range all[from:to] {
			out = append(out, ymCampaignW(c))
		}
		if out == nil {
			out = []map[string]any{}
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"campaigns": out,
			"pager": map[string]any{"total": len(all), "from": from + 1, "to": to, "currentPage": pageNum,
				"pagesCount": (len(all) + size - 1) / size, "pageSize": size},
		})
		return
	}
	limit, err := ymLimit(q, len(all), 100, false)
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	after, paged, err := ymParseToken(q, "campaigns")
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	out := []map[string]any{}
	paging := map[string]any{}
	for _, c := range all {
		if paged && c.id <= after {
			continue
		}
		if len(out) == limit {
			paging["nextPageToken"] = ymToken("campaigns", out[len(out)-1]["id"].(int64))
			break
		}
		out = append(out, ymCampaignW(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"campaigns": out, "paging": paging})
}
