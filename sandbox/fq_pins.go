package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// Pinned feedbacks (/api/feedbacks/v1/pins). Errors here are the pin
// service's own problem document (origin pin-open-api), not the envelope.

const (
	fqPinOrigin   = "pin-open-api"
	fqPinsMaxBody = 500
	fqPinsPageMax = 500
)

type fqPin struct {
	id       int64
	feedback int32
	method   string // subscription | tariff
	on       string // nm | imt
	state    string // pinned | unpinned
	cause    string // why the service unpinned it
	at       int64  // Unix seconds of the last state change
	// removed: the seller unpinned it; only automatic unpins are listed.
	removed bool
}

type fqPinLimit struct{ perUnit, total int }

func (st *fqState) seedPins(g *gen, now time.Time) {
	type seed struct{ method, on, state, cause string }
	plan := []seed{
		{"subscription", "nm", "pinned", ""},
		{"subscription", "imt", "pinned", ""},
		{"subscription", "nm", "pinned", ""},
		{"tariff", "nm", "pinned", ""},
		{"subscription", "nm", "unpinned", "sysTariffUnpinned"},
		{"tariff", "imt", "unpinned", "sysNoratingUnpinned"},
	}
	usedProduct := map[uint8]bool{}
	for i := range st.feedbacks {
		if len(plan) == 0 {
			break
		}
		f := &st.feedbacks[i]
		if f.rating != 5 || !f.answered() || f.text == "" || usedProduct[f.product] {
			continue
		}
		usedProduct[f.product] = true
		p := plan[0]
		plan = plan[1:]
		at := time.Unix(f.created, 0).Add(time.Duration(g.between(1, 240)) * time.Hour)
		if at.After(now) {
			at = now.Add(-time.Hour)
		}
		st.pins = append(st.pins, fqPin{id: st.nextPinID, feedback: int32(i), method: p.method, on: p.on,
			state: p.state, cause: p.cause, at: at.Unix()})
		st.nextPinID += int64(g.between(1, 9))
	}
}

// unit is the card a pin occupies: the product (nm) or the merged card (imt).
func (st *fqState) pinUnit(feedback int32, on string) int64 {
	p := catalogue[st.feedbacks[feedback].product]
	if on == "imt" {
		return fqImtID(p)
	}
	return p.NmID
}

func (st *fqState) pinUsed(method string) int {
	n := 0
	for _, p := range st.pins {
		if !p.removed && p.state == "pinned" && p.method == method {
			n++
		}
	}
	return n
}

type fqPinWire struct {
	ChangeStateAt string `json:"changeStateAt"`
	ImtID         int64  `json:"imtId"`
	NmID          int64  `json:"nmId"`
	PinID         int64  `json:"pinId"`
	PinMethod     string `json:"pinMethod"`
	PinOn         string `json:"pinOn"`
	FeedbackID    string `json:"feedbackId"`
	State         string `json:"state"`
	UnpinnedCause string `json:"unpinnedCause,omitempty"`
}

func (st *fqState) pinWire(p *fqPin) fqPinWire {
	prod := catalogue[st.feedbacks[p.feedback].product]
	return fqPinWire{ChangeStateAt: time.Unix(p.at, 0).UTC().Format(time.RFC3339), ImtID: fqImtID(prod), NmID: prod.NmID,
		PinID: p.id, PinMethod: p.method, PinOn: p.on, FeedbackID: st.feedbacks[p.feedback].id, State: p.state, UnpinnedCause: p.cause}
}

// fqPinFilter is the query of the list and count methods.
type fqPinFilter struct {
	state, on      string
	imt, nm        int64
	feedback       string
	from, to       int64
	hasFrom, hasTo bool
	next, limit    int64
	badText        string
}

func fqParsePinFilter(r *http.Request, paged bool) fqPinFilter {
	q := r.URL.Query()
	f := fqPinFilter{state: q.Get("state"), on: q.Get("pinOn"), feedback: q.Get("feedbackId"), limit: fqPinsPageMax}
	fail := func(text string) {
		if f.badText == "" {
			f.badText = text
		}
	}
	if f.state != "" && f.state != "pinned" && f.state != "unpinned" {
		fail("state must be one of the values 'pinned', 'unpinned'")
	}
	if f.on != "" && f.on != "nm" && f.on != "imt" {
		fail("pinOn must be one of the values 'nm', 'imt'")
	}
	type intParam struct {
		name string
		dst  *int64
	}
	ints := []intParam{{"imtId", &f.imt}, {"nmId", &f.nm}}
	if paged {
		ints = append(ints, intParam{"next", &f.next}, intParam{"limit", &f.limit})
	}
	for _, ip := range ints {
		name, dst := ip.name, ip.dst
		if v := q.Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				fail(name + " must be an integer")
			}
			*dst = n
		}
	}
	if paged && (f.limit < 1 || f.limit > fqPinsPageMax) {
		fail("limit must be between 1 and 500")
	}
	dates := []struct {
		name string
		dst  *int64
		has  *bool
	}{{"dateFrom", &f.from, &f.hasFrom}, {"dateTo", &f.to, &f.hasTo}}
	for _, d := range dates {
		if v := q.Get(d.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				fail(d.name + " must be a date-time in RFC 3339 format")
			}
			*d.dst, *d.has = t.Unix(), true
		}
	}
	return f
}

func (f *fqPinFilter) match(st *fqState, p *fqPin) bool {
	prod := catalogue[st.feedbacks[p.feedback].product]
	return !p.removed &&
		(f.state == "" || p.state == f.state) &&
		(f.on == "" || p.on == f.on) &&
		(f.imt == 0 || fqImtID(prod) == f.imt) &&
		(f.nm == 0 || prod.NmID == f.nm) &&
		(f.feedback == "" || st.feedbacks[p.feedback].id == f.feedback) &&
		(!f.hasFrom || p.at >= f.from) &&
		(!f.hasTo || p.at <= f.to)
}

func fqPinBad(w http.ResponseWriter, detail string) {
	wbProblem(w, http.StatusBadRequest, "Bad Request", detail, fqPinOrigin)
}

func (s *Server) fqPinsList(w http.ResponseWriter, r *http.Request) {
	f := fqParsePinFilter(r, true)
	if f.badText != "" {
		fqPinBad(w, f.badText)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.fq
	out := []fqPinWire{}
	var more bool
	for i := range st.pins {
		p := &st.pins[i]
		if p.id <= f.next || !f.match(st, p) {
			continue
		}
		if int64(len(out)) == f.limit {
			more = true
			break
		}
		out = append(out, st.pinWire(p))
	}
	body := map[string]any{"data": out}
	if more {
		body["next"] = out[len(out)-1].PinID
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) fqPinsCount(w http.ResponseWriter, r *http.Request) {
	f := fqParsePinFilter(r, false)
	if f.badText != "" {
		fqPinBad(w, f.badText)
		return
	}
	s.mu.Lock()
	n := 0
	for i := range s.fq.pins {
		if f.match(s.fq, &s.fq.pins[i]) {
			n++
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"data": n})
}

type fqLimitWire struct {
	PerUnitLimit int  `json:"perUnitLimit"`
	Remaining    int  `json:"remaining"`
	TotalLimit   int  `json:"totalLimit"`
	Unlimited    bool `json:"unlimited"`
	Used         int  `json:"used"`
}

func (s *Server) fqPinsLimits(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data := map[string]fqLimitWire{}
	for method, l := range s.fq.pinLimits {
		used := s.fq.pinUsed(method)
		data[method] = fqLimitWire{PerUnitLimit: l.perUnit, Remaining: max(0, l.total-used), TotalLimit: l.total, Used: used}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"data": data})
}

type fqPinItemError struct {
	Origin    string `json:"origin"`
	Detail    string `json:"detail"`
	RequestID string `json:"requestId"`
	Status    string `json:"status"`
	Title     string `json:"title"`
}

type fqPinResultWire struct {
	FeedbackID string           `json:"feedbackId"`
	PinID      int64            `json:"pinId,omitempty"`
	PinMethod  string           `json:"pinMethod"`
	PinOn      string           `json:"pinOn"`
	IsErrors   bool             `json:"isErrors"`
	Errors     []fqPinItemError `json:"errors,omitempty"`
}

func (s *Server) fqPinsCreate(w http.ResponseWriter, r *http.Request) {
	var items []struct {
		PinMethod  string `json:"pinMethod"`
		PinOn      string `json:"pinOn"`
		FeedbackID string `json:"feedbackId"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&items); err != nil || len(items) == 0 || len(items) > fqPinsMaxBody {
		fqPinBad(w, "invalid request body")
		return
	}
	for _, it := range items {
		if (it.PinMethod != "subscription" && it.PinMethod != "tariff") || (it.PinOn != "nm" && it.PinOn != "imt") || it.FeedbackID == "" {
			fqPinBad(w, "invalid request body")
			return
		}
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.fq
	out := make([]fqPinResultWire, 0, len(items))
	for _, it := range items {
		res := fqPinResultWire{FeedbackID: it.FeedbackID, PinMethod: it.PinMethod, PinOn: it.PinOn}
		if status, title, detail := st.pinRefusal(it.FeedbackID, it.PinMethod, it.PinOn); status != "" {
			res.IsErrors = true
			res.Errors = []fqPinItemError{{Origin: fqPinOrigin, Detail: detail, RequestID: requestID(), Status: status, Title: title}}
		} else {
			_, fi := st.feedback(it.FeedbackID)
			st.pins = append(st.pins, fqPin{id: st.nextPinID, feedback: fi, method: it.PinMethod, on: it.PinOn, state: "pinned", at: now.Unix()})
			res.PinID = st.nextPinID
			st.nextPinID++
		}
		out = append(out, res)
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": out})
}

// pinRefusal says why a feedback cannot be pinned, in the per-item error
// vocabulary (openapi.ResultErr.status); empty status means it can.
func (st *fqState) pinRefusal(id, method, on string) (status, title, detail string) {
	f, fi := st.feedback(id)
	if f == nil {
		return "feedbackNotFound", "feedback not found", "feedback not found or does not belong to seller"
	}
	if f.archived && !f.answered() {
		return "feedbackExcluded", "feedback excluded", "feedback is excluded from the rating"
	}
	unit := st.pinUnit(fi, on)
	onUnit := 0
	for _, p := range st.pins {
		if p.removed || p.state != "pinned" {
			continue
		}
		if p.feedback == fi && p.on == on {
			return "alreadyPinned", "already pinned", "feedback is already pinned"
		}
		if p.on == on && st.pinUnit(p.feedback, on) == unit {
			onUnit++
		}
	}
	lim := st.pinLimits[method]
	if st.pinUsed(method) >= lim.total {
		return "globalLimitReached", "global limit reached", "no pins left in the " + method + " limit"
	}
	if onUnit >= lim.perUnit {
		return "unitLimitReached", "unit limit reached", "the card already has the maximum number of pinned feedbacks"
	}
	return "", "", ""
}

func (s *Server) fqPinsDelete(w http.ResponseWriter, r *http.Request) {
	var ids []int64
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&ids); err != nil || len(ids) == 0 || len(ids) > fqPinsMaxBody {
		fqPinBad(w, "invalid request body")
		return
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	done := []int64{}
	for _, id := range ids {
		for i := range s.fq.pins {
			p := &s.fq.pins[i]
			if p.id == id && !p.removed && p.state == "pinned" {
				p.removed, p.state, p.at = true, "unpinned", now.Unix()
				done = append(done, id)
			}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": done})
}
