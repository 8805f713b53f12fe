package sandbox

import (
	"net/http"
	"slices"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// The questions, feedbacks and pins service (feedbacks-api.wildberries.ru).
// Items are stored compactly (indices into the catalogue and text pools,
// Unix times) because Scale 300 means ~200k of them.

// fqMoscow is the zone feedback timestamps are written in ("+03:00").
var fqMoscow = time.FixedZone("MSK", 3*60*60)

const (
	fqQuestionsPerScale = 300
	fqFeedbacksPerScale = 400
	// fqEditWindow: an answer may be edited once within 60 days of sending.
	fqEditWindow = 60 * 24 * time.Hour
	// fqArchiveAfter: an unanswered feedback is archived after 30 days.
	fqArchiveAfter = 30 * 24 * time.Hour
	fqSupplierName = "ИП Соколова Анна Викторовна"
)

// Question states as the service spells them.
const (
	fqQNew      = "suppliersPortalSynch"
	fqQAnswered = "wbRu"
	fqQRejected = "none"
)

// fqAnswer is a seller's answer to a question or a feedback.
type fqAnswer struct {
	text   string
	at     int64 // Unix nanoseconds
	edited bool  // the one allowed edit has been used
	state  string
}

type fqQuestion struct {
	id      string
	text    string
	created int64 // Unix nanoseconds: questions carry nanosecond times
	answer  *fqAnswer
	state   string
	product uint8
	viewed  bool
	warned  bool
}

type fqFeedback struct {
	id         string
	text       string
	pros, cons string
	user       string
	created    int64 // Unix seconds: feedbacks carry second precision
	orderAt    int64 // Unix seconds
	returnedAt int64 // Unix seconds, 0 when no return was requested
	shk        int64
	answer     *fqAnswer
	parent     int32 // index of the original feedback, -1 when none
	child      int32 // index of the supplemented feedback, -1 when none
	matching   string
	product    uint8
	rating     uint8
	photos     uint8
	color      uint8
	bables     uint8 // bit i set: fqBables[i]
	valuation  uint8 // supplierFeedbackValuation, 0 when none
	prodValue  uint8 // supplierProductValuation, 0 when none
	video      bool
	viewed     bool
	archived   bool
	returnable bool
	canComplain,
	canReportProduct bool
}

func (f *fqFeedback) answered() bool { return f.answer != nil }

type fqState struct {
	questions []fqQuestion // newest first
	qIndex    map[string]int32
	feedbacks []fqFeedback // newest first
	fIndex    map[string]int32
	pins      []fqPin // ascending pinId
	nextPinID int64
	pinLimits map[string]fqPinLimit // by pin method
}

// fqIDAlphabet makes IDs that look like WB's 20-character ones
// ("G7Y9Y1kBAtKOitoBT_lV").
const fqIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func (g *gen) fqID() string {
	var b [20]byte
	a, c := g.r.Uint64(), g.r.Uint64()
	for i := 0; i < 10; i++ {
		b[i], b[10+i] = fqIDAlphabet[a&63], fqIDAlphabet[c&63]
		a, c = a>>6, c>>6
	}
	return string(b[:])
}

// fqAge draws an age below max, denser near zero: buyers write more about
// recent purchases, and the inbox should have something from today.
func (g *gen) fqAge(max time.Duration) time.Duration {
	u := g.r.Float64()
	return time.Duration(u * u * float64(max))
}

// fqImtID is the merged-card ID of a catalogue product.
func fqImtID(p Product) int64 { return p.NmID - 90_000_000 }

func newFQState(g *gen, scale int, now time.Time) *fqState {
	st := &fqState{nextPinID: 1857700, pinLimits: map[string]fqPinLimit{
		"subscription": {perUnit: 2, total: 15},
		"tariff":       {perUnit: 1, total: 5},
	}}
	st.seedQuestions(g, scale*fqQuestionsPerScale, now)
	st.seedFeedbacks(g, scale*fqFeedbacksPerScale, now)
	st.seedPins(g, now)
	return st
}

func (st *fqState) seedQuestions(g *gen, n int, now time.Time) {
	st.questions = make([]fqQuestion, n)
	st.qIndex = make(map[string]int32, n)
	for i := range st.questions {
		age := g.fqAge(120 * 24 * time.Hour)
		created := now.Add(-age)
		q := fqQuestion{
			text:    g.text(fqQuestionTexts),
			created: created.UnixNano(),
			state:   fqQNew,
			product: uint8(g.intn(len(catalogue))),
			viewed:  g.chance(0.4),
			warned:  g.chance(0.03),
		}
		if g.chance(fqAnswerChance(age)) {
			at := created.Add(time.Duration(g.r.Int64N(int64(min(age, 72*time.Hour)) + 1)))
			q.viewed = true
			if g.chance(0.05) {
				q.state = fqQRejected
				q.answer = &fqAnswer{text: pick(g, fqRejectReasons), at: at.UnixNano(), edited: true}
			} else {
				q.state = fqQAnswered
				q.answer = &fqAnswer{text: pick(g, fqQuestionAnswers), at: at.UnixNano(), edited: g.chance(0.05)}
			}
		}
		st.questions[i] = q
	}
	slices.SortFunc(st.questions, func(a, b fqQuestion) int { return cmpInt64(b.created, a.created) })
	for i := range st.questions {
		st.questions[i].id = st.uniqueID(g, func(id string) bool { _, dup := st.qIndex[id]; return dup })
		st.qIndex[st.questions[i].id] = int32(i)
	}
}

// fqAnswerChance: the older an item, the likelier the seller has answered.
func fqAnswerChance(age time.Duration) float64 {
	switch {
	case age < 48*time.Hour:
		return 0.15
	case age < 14*24*time.Hour:
		return 0.55
	}
	return 0.9
}

func (st *fqState) seedFeedbacks(g *gen, n int, now time.Time) {
	st.feedbacks = make([]fqFeedback, n)
	st.fIndex = make(map[string]int32, n)
	for i := range st.feedbacks {
		age := g.fqAge(365 * 24 * time.Hour)
		created := now.Add(-age).Truncate(time.Second)
		p := uint8(g.intn(len(catalogue)))
		f := fqFeedback{
			user:    g.buyerName(),
			created: created.Unix(),
			orderAt: created.Add(-time.Duration(g.between(2, 20)) * 24 * time.Hour).Add(-time.Duration(g.intn(86400)) * time.Second).Unix(),
			shk:     int64(10_000_000_000 + g.r.Int64N(90_000_000_000)),
			parent:  -1,
			child:   -1,
			product: p,
			rating:  fqRating(g),
			color:   uint8(g.intn(len(fqColors))),
			viewed:  g.chance(0.5),
		}
		switch {
		case f.rating <= 2:
			f.text, f.pros, f.cons = g.text(fqFeedbackBad), pick(g, fqPros[len(fqPros)-1:]), pick(g, fqCons[1:])
		case f.rating == 3:
			f.text, f.pros, f.cons = g.text(fqFeedbackMixed), pick(g, fqPros), pick(g, fqCons)
		default:
			f.text, f.pros, f.cons = g.text(fqFeedbackGood), pick(g, fqPros[:len(fqPros)-1]), pick(g, fqCons[:1])
		}
		if g.chance(0.08) { // a rating without words
			f.text, f.pros, f.cons = "", "", ""
		}
		if catalogue[p].Size != "" {
			f.matching = pick(g, []string{"ok", "ok", "ok", "smaller", "bigger"})
		}
		if g.chance(0.25) {
			f.photos = uint8(g.between(1, 4))
		}
		f.video = g.chance(0.03)
		if g.chance(0.4) {
			f.bables = uint8(1 << g.intn(len(fqBables)))
			if g.chance(0.3) {
				f.bables |= uint8(1 << g.intn(len(fqBables)))
			}
		}
		f.canComplain = f.rating <= 3 && g.chance(0.8)
		f.canReportProduct = f.rating <= 3 && g.chance(0.5)
		if f.canReportProduct && g.chance(0.2) {
			f.prodValue = uint8(g.between(1, 4))
		}
		if f.rating <= 2 {
			switch {
			case age < 30*24*time.Hour && g.chance(0.5):
				f.returnable = true
			case g.chance(0.2):
				f.returnedAt = created.Add(time.Duration(g.between(1, 72)) * time.Hour).Unix()
				f.valuation = uint8(g.between(1, 5))
			}
		}
		if g.chance(fqAnswerChance(age)) {
			at := created.Add(time.Duration(g.r.Int64N(int64(min(age, 72*time.Hour)) + 1)))
			state := "wbRu"
			if age < 72*time.Hour && g.chance(0.2) {
				state = "reviewRequired"
			} else if g.chance(0.02) {
				state = "rejected"
			}
			good := f.rating >= 4
			text := pick(g, fqFeedbackAnswers[:2])
			if !good {
				text = pick(g, fqFeedbackAnswers[2:])
			}
			f.answer = &fqAnswer{text: text, at: at.UnixNano(), edited: g.chance(0.05), state: state}
			f.viewed = true
		}
		// The three archiving rules of the archive method's description.
		f.archived = (f.answered() && age > 90*24*time.Hour) ||
			(!f.answered() && age > fqArchiveAfter) ||
			(f.text == "" && f.pros == "" && f.cons == "" && f.photos == 0)
		st.feedbacks[i] = f
	}
	slices.SortFunc(st.feedbacks, func(a, b fqFeedback) int { return cmpInt64(b.created, a.created) })
	for i := range st.feedbacks {
		st.feedbacks[i].id = st.uniqueID(g, func(id string) bool { _, dup := st.fIndex[id]; return dup })
		st.fIndex[st.feedbacks[i].id] = int32(i)
	}
	// A few buyers came back and supplemented their feedback: the newer one
	// points at the original and the original at the supplement.
	for i := range st.feedbacks {
		if !g.chance(0.02) {
			continue
		}
		for j := i + 1; j < len(st.feedbacks) && j < i+60; j++ {
			if st.feedbacks[j].product == st.feedbacks[i].product && st.feedbacks[j].child < 0 && st.feedbacks[j].parent < 0 && st.feedbacks[i].parent < 0 {
				st.feedbacks[i].parent, st.feedbacks[j].child = int32(j), int32(i)
				st.feedbacks[i].user = st.feedbacks[j].user
				break
			}
		}
	}
}

// fqRating draws marketplace-like ratings: mostly fives, a tail of ones.
func fqRating(g *gen) uint8 {
	switch x := g.intn(100); {
	case x < 55:
		return 5
	case x < 72:
		return 4
	case x < 82:
		return 3
	case x < 90:
		return 2
	}
	return 1
}

func (st *fqState) uniqueID(g *gen, taken func(string) bool) string {
	for {
		if id := g.fqID(); !taken(id) {
			return id
		}
	}
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (st *fqState) question(id string) *fqQuestion {
	if i, ok := st.qIndex[id]; ok {
		return &st.questions[i]
	}
	return nil
}

func (st *fqState) feedback(id string) (*fqFeedback, int32) {
	if i, ok := st.fIndex[id]; ok {
		return &st.feedbacks[i], i
	}
	return nil, -1
}

// fqEditable reports whether an answer may still be edited at now.
func fqEditable(a *fqAnswer, now time.Time) bool {
	return a != nil && !a.edited && a.state != "rejected" && now.Sub(time.Unix(0, a.at)) < fqEditWindow
}

// fqStartOfDay is midnight in Moscow: "today" for the unanswered counters.
func fqStartOfDay(now time.Time) time.Time {
	y, m, d := now.In(fqMoscow).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, fqMoscow)
}

func (s *Server) registerFQ() {
	rt := route{service: api.ServiceWBFeedbacks, group: api.GroupWBFeedbacks}
	h := func(pattern string, fn http.HandlerFunc) { s.handle(pattern, rt, fn) }

	h("GET /api/v1/new-feedbacks-questions", s.fqNewFeedbacksQuestions)

	h("GET /api/v1/questions/count-unanswered", s.fqQuestionsCountUnanswered)
	h("GET /api/v1/questions/count", s.fqQuestionsCount)
	h("GET /api/v1/questions", s.fqQuestionsList)
	h("PATCH /api/v1/questions", s.fqQuestionsPatch)
	h("GET /api/v1/question", s.fqQuestionByID)

	h("GET /api/v1/feedbacks/count-unanswered", s.fqFeedbacksCountUnanswered)
	h("GET /api/v1/feedbacks/count", s.fqFeedbacksCount)
	h("GET /api/v1/feedbacks", s.fqFeedbacksList)
	h("POST /api/v1/feedbacks/answer", s.fqFeedbackAnswer)
	h("PATCH /api/v1/feedbacks/answer", s.fqFeedbackEditAnswer)
	h("POST /api/v1/feedbacks/order/return", s.fqFeedbackReturn)
	h("GET /api/v1/feedback", s.fqFeedbackByID)
	h("GET /api/v1/feedbacks/archive", s.fqFeedbacksArchive)

	h("GET /api/feedbacks/v1/pins", s.fqPinsList)
	h("POST /api/feedbacks/v1/pins", s.fqPinsCreate)
	h("DELETE /api/feedbacks/v1/pins", s.fqPinsDelete)
	h("GET /api/feedbacks/v1/pins/count", s.fqPinsCount)
	h("GET /api/feedbacks/v1/pins/limits", s.fqPinsLimits)

	s.registerFQMedia()
}
