package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"time"
)

// Every return has an order behind it; the sandbox has no other orders.

func (s *Server) ymGetOrder(w http.ResponseWriter, r *http.Request) {
	campaign, ok := ymCampaignFrom(w, r)
	if !ok {
		return
	}
	orderID, ok := ymPathID(w, r, "orderId", 0)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ret := s.ymOrderOf(campaign, orderID)
	if ret == nil {
		ymNotFound(w, "Order %d not found", orderID)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"order": ret.legacyOrderW()})
}

// ymOrdersRequest is GetBusinessOrdersRequest (the filters the sandbox
// applies; the rest are accepted and ignored, as no order matches them
// differently).
type ymOrdersRequest struct {
	OrderIDs    []int64  `json:"orderIds"`
	CampaignIDs []int64  `json:"campaignIds"`
	Statuses    []string `json:"statuses"`
	Fake        *bool    `json:"fake"`
	Dates       *struct {
		CreationDateFrom string `json:"creationDateFrom"`
		CreationDateTo   string `json:"creationDateTo"`
	} `json:"dates"`
}

// ymOrdersWindow is how far back getBusinessOrders looks, and the widest
// date range it accepts.
const ymOrdersWindow = 30 * 24 * time.Hour

func (s *Server) ymGetBusinessOrders(w http.ResponseWriter, r *http.Request) {
	if !ymBusinessParam(w, r) {
		return
	}
	q := r.URL.Query()
	limit, err := ymLimit(q, 50, 50, true)
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	after, paged, err := ymParseToken(q, "orders")
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	var req ymOrdersRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		ymBadRequest(w, "request body: %v", err)
		return
	}
	match, err := s.ymOrdersFilter(req)
	if err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var candidates []*ymReturn
	if req.OrderIDs != nil {
		for _, id := range req.OrderIDs {
			if ret := s.ymOrderAnywhere(id); ret != nil {
				candidates = append(candidates, ret)
			}
		}
		sort.Slice(candidates, func(i, j int) bool { return candidates[i].orderID > candidates[j].orderID })
	} else {
		candidates = s.ymOrders
	}
	orders := []map[string]any{}
	paging := map[string]any{}
	for _, ret := range candidates {
		if paged && ret.orderID >= after || !match(ret) {
			continue
		}
		if len(orders) == limit {
			paging["nextPageToken"] = ymToken("orders", orders[len(orders)-1]["orderId"].(int64))
			break
		}
		orders = append(orders, ret.businessOrderW())
	}
	writeJSON(w, http.StatusOK, map[string]any{"orders": orders, "paging": paging})
}

// ymOrdersFilter validates the request and returns its predicate. The
// creation-date window always applies, order IDs or not: the documentation
// says that without dates the last 30 days are returned and that a range
// may not exceed 30 days, and nothing says orderIds lifts either (the
// cautious reading; NOTES.md, "Checked 2026-12").
func (s *Server) ymOrdersFilter(req ymOrdersRequest) (func(*ymReturn) bool, error) {
	switch {
	case req.OrderIDs != nil && len(req.OrderIDs) == 0:
		return nil, fmt.Errorf("orderIds must not be empty")
	case len(req.OrderIDs) > 50:
		return nil, fmt.Errorf("orderIds: at most 50 identifiers, got %d", len(req.OrderIDs))
	case req.CampaignIDs != nil && len(req.CampaignIDs) == 0:
		return nil, fmt.Errorf("campaignIds must not be empty")
	case req.Statuses != nil && len(req.Statuses) == 0:
		return nil, fmt.Errorf("statuses must not be empty")
	}
	for _, c := range req.CampaignIDs {
		if ymFindCampaign(c) == nil {
			return nil, fmt.Errorf("campaignIds: campaign %d does not belong to business %d", c, BusinessID)
		}
	}
	statuses, err := ymEnumSet("statuses", req.Statuses, ymOrderStatusEnum)
	if err != nil {
		return nil, err
	}
	now := s.now().In(ymMoscow)
	from, to := now.Add(-ymOrdersWindow), now.Add(time.Minute)
	if req.Dates != nil && (req.Dates.CreationDateFrom != "" || req.Dates.CreationDateTo != "") {
		// Defaults as documented: from 30 days before the current date, to
		// the current date (taken as the end of today, so that today's
		// orders are in). The end day is excluded.
		y, m, d := now.Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, ymMoscow)
		from, to = today.AddDate(0, 0, -30), today.AddDate(0, 0, 1)
		if v := req.Dates.CreationDateTo; v != "" {
			if to, err = time.ParseInLocation(ymDayISO, v, ymMoscow); err != nil {
				return nil, fmt.Errorf("dates.creationDateTo: %q is not a YYYY-MM-DD date", v)
			}
		}
		if v := req.Dates.CreationDateFrom; v != "" {
			if from, err = time.ParseInLocation(ymDayISO, v, ymMoscow); err != nil {
				return nil, fmt.Errorf("dates.creationDateFrom: %q is not a YYYY-MM-DD date", v)
			}
		}
		if to.Sub(from) < 24*time.Hour {
			to = from.Add(24 * time.Hour)
		}
		if to.Sub(from) > ymOrdersWindow {
			return nil, fmt.Errorf("dates: creationDateFrom %s and creationDateTo %s are more than 30 days apart",
				from.Format(ymDayISO), to.Format(ymDayISO))
		}
	}
	return func(ret *ymReturn) bool {
		if req.CampaignIDs != nil && !slices.Contains(req.CampaignIDs, ret.campaign) {
			return false
		}
		if req.Fake != nil && *req.Fake {
			return false // the demo has no test orders
		}
		if statuses != nil {
			st, _ := ret.orderStatus()
			if !statuses[st] {
				return false
			}
		}
		if ret.ordered.Before(from) || !ret.ordered.Before(to) {
			return false
		}
		return true
	}, nil
}
