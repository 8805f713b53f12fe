package sandbox

import (
	"net/http"
	"sort"
)

// The demo business has two shops with API access, each with returns of
// its own: a method addressed to one campaign sees only that campaign's
// returns and orders (another's are "not found", as the service answers
// for an order of another shop), and getBusinessOrders lists the
// business's orders of both, filtered by campaignIds.

// ymStateOf is the returns of a campaign; nil for a campaign without any.
func (s *Server) ymStateOf(campaign int64) *ymState {
	switch campaign {
	case CampaignID:
		return s.ym
	case SecondCampaignID:
		return s.ym2
	}
	return nil
}

// ymFind is the campaign's return with that ID, nil for none.
func (s *Server) ymFind(campaign, returnID int64) *ymReturn {
	if st := s.ymStateOf(campaign); st != nil {
		return st.find(returnID)
	}
	return nil
}

// ymOrderOf is the return behind an order of the campaign, nil for none.
func (s *Server) ymOrderOf(campaign, orderID int64) *ymReturn {
	if st := s.ymStateOf(campaign); st != nil {
		return st.byOrder[orderID]
	}
	return nil
}

// ymOrderAnywhere is the return behind an order of any of the business's
// campaigns (getBusinessOrders is addressed to the business).
func (s *Server) ymOrderAnywhere(orderID int64) *ymReturn {
	if r := s.ym.byOrder[orderID]; r != nil {
		return r
	}
	return s.ym2.byOrder[orderID]
}

// ymByOrderDesc lists the returns of every state by order ID, newest first.
func ymByOrderDesc(states ...*ymState) []*ymReturn {
	var out []*ymReturn
	for _, st := range states {
		out = append(out, st.returns...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].orderID > out[j].orderID })
	return out
}

// ymCampaignFrom reads campaignId from the path and checks access to it.
func ymCampaignFrom(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := ymPathID(w, r, "campaignId", 1)
	return id, ok && ymCampaignAccess(w, id)
}
