package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
)

// Documented bounds of the feedback lists.
const (
	fqFeedbacksTakeMax = 5000
	fqFeedbacksSkipMax = 199_990
)

func (s *Server) fqFeedbacksCountUnanswered(w http.ResponseWriter, r *http.Request) {
	today := fqStartOfDay(s.now()).Unix()
	var all, fresh int
	s.mu.Lock()
	for i := range s.fq.feedbacks {
		if f := &s.fq.feedbacks[i]; !f.answered() && !f.archived {
			all++
			if f.created >= today {
				fresh++
			}
		}
	}
	s.mu.Unlock()
	fqOK(w, map[string]int{"countUnanswered": all, "countUnansweredToday": fresh})
}

func (s *Server) fqFeedbacksCount(w http.ResponseWriter, r *http.Request) {
	p := fqQuery{q: r.URL.Query()}
	answered := p.bool("isAnswered", true)
	from, to := p.period()
	if p.fail(w) {
		return
	}
	n := 0
	s.mu.Lock()
	for i := range s.fq.feedbacks {
		f := &s.fq.feedbacks[i]
		if !f.archived && f.answered() == answered && f.created >= from && f.created <= to {
			n++
		}
	}
	s.mu.Unlock()
	fqOK(w, n)
}

// fqFeedbackBounds checks take/skip against the documented maxima.
func fqFeedbackBounds(w http.ResponseWriter, take, skip, skipMax int64) bool {
	switch {
	case take < 0 || take > fqFeedbacksTakeMax:
		wbEnvelopeError(w, http.StatusBadRequest, "Значение параметра take должно быть от 0 до 5000")
	case skip < 0 || skip > skipMax:
		wbEnvelopeError(w, http.StatusBadRequest, "Значение параметра skip превышает допустимое")
	default:
		return true
	}
	return false
}

func (s *Server) fqFeedbacksList(w http.ResponseWriter, r *http.Request) {
	p := fqQuery{q: r.URL.Query()}
	p.required("isAnswered", "take", "skip")
	answered := p.bool("isAnswered", true)
	take, skip := p.int("take", 0), p.int("skip", 0)
	nm := p.int("nmId", 0)
	desc := p.order()
	from, to := p.period()
	if p.fail(w) || !fqFeedbackBounds(w, take, skip, fqFeedbacksSkipMax) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.fq
	var unanswered, archive int
	var match []int32
	for i := range st.feedbacks {
		f := &st.feedbacks[i]
		if f.archived {
			continue
		}
		if f.answered() {
			archive++
		} else {
			unanswered++
		}
		if f.answered() != answered || f.created < from || f.created > to || (nm != 0 && catalogue[f.product].NmID != nm) {
			continue
		}
		match = append(match, int32(i))
	}
	s.writeFeedbackPage(w, r, match, desc, skip, take, map[string]any{"countUnanswered": unanswered, "countArchive": archive})
}

func (s *Server) fqFeedbacksArchive(w http.ResponseWriter, r *http.Request) {
	p := fqQuery{q: r.URL.Query()}
	p.required("take", "skip")
	take, skip := p.int("take", 0), p.int("skip", 0)
	nm := p.int("nmId", 0)
	desc := p.order()
	if p.fail(w) || !fqFeedbackBounds(w, take, skip, 1<<62) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var match []int32
	for i := range s.fq.feedbacks {
		f := &s.fq.feedbacks[i]
		if f.archived && (nm == 0 || catalogue[f.product].NmID == nm) {
			match = append(match, int32(i))
		}
	}
	s.writeFeedbackPage(w, r, match, desc, skip, take, map[string]any{})
}

// writeFeedbackPage renders one page of match (indices, newest first) into
// data.feedbacks beside the extra fields. The caller holds s.mu.
func (s *Server) writeFeedbackPage(w http.ResponseWriter, r *http.Request, match []int32, desc bool, skip, take int64, data map[string]any) {
	if !desc {
		slices.Reverse(match)
	}
	now := s.now()
	lo, hi := fqPage(len(match), skip, take)
	out := make([]fqFeedbackWire, 0, hi-lo)
	for _, i := range match[lo:hi] {
		out = append(out, s.fq.feedbackWire(&s.fq.feedbacks[i], r, now))
	}
	data["feedbacks"] = out
	fqOK(w, data)
}

func (s *Server) fqFeedbackByID(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	s.mu.Lock()
	f, _ := s.fq.feedback(id)
	var out fqFeedbackWire
	if f != nil {
		out = s.fq.feedbackWire(f, r, s.now())
	}
	s.mu.Unlock()
	if f == nil {
		wbEnvelopeError(w, http.StatusUnprocessableEntity, "Невозможно получить отзыв по id")
		return
	}
	fqOK(w, out)
}

type fqAnswerBody struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// readAnswer decodes and checks an answer body; on failure it has answered.
func fqReadAnswer(w http.ResponseWriter, r *http.Request) (fqAnswerBody, bool) {
	var b fqAnswerBody
	if !fqDecodeFbapi(w, r, &b) {
		return b, false
	}
	if b.ID == "" {
		wbProblem(w, http.StatusBadRequest, "bad request", "id is required", "fbapi")
		return b, false
	}
	if !fqTextOK(b.Text) {
		wbProblem(w, http.StatusBadRequest, "bad request", "text length must be between 2 and 5000 characters", "fbapi")
		return b, false
	}
	return b, true
}

// fqFeedbackAnswer answers 204 whatever the ID, as documented ("ID отзыва не
// валидируется"); a feedback that already has an answer keeps it.
func (s *Server) fqFeedbackAnswer(w http.ResponseWriter, r *http.Request) {
	b, ok := fqReadAnswer(w, r)
	if !ok {
		return
	}
	now := s.now()
	s.mu.Lock()
	if f, _ := s.fq.feedback(b.ID); f != nil && f.answer == nil {
		f.answer = &fqAnswer{text: b.Text, at: now.UnixNano(), state: "wbRu"}
		f.viewed = true
		f.archived = f.archived || s.opts.Modes.ArchiveOnAnswer
	} else if f != nil && s.opts.Modes.FeedbackRepostEdits && fqEditable(f.answer, now) {
		f.answer.text, f.answer.edited = b.Text, true
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// fqFeedbackEditAnswer allows one edit within 60 days; anything else is
// silently ignored with 204, like an unknown ID.
func (s *Server) fqFeedbackEditAnswer(w http.ResponseWriter, r *http.Request) {
	b, ok := fqReadAnswer(w, r)
	if !ok {
		return
	}
	now := s.now()
	s.mu.Lock()
	if f, _ := s.fq.feedback(b.ID); f != nil && fqEditable(f.answer, now) {
		f.answer.text, f.answer.edited = b.Text, true
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) fqFeedbackReturn(w http.ResponseWriter, r *http.Request) {
	var b struct {
		FeedbackID string `json:"feedbackId"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&b); err != nil {
		wbEnvelopeError(w, http.StatusBadRequest, "failed to decode JSON request.")
		return
	}
	if b.FeedbackID == "" {
		wbEnvelopeError(w, http.StatusBadRequest, "Неправильный id в запросе")
		return
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _ := s.fq.feedback(b.FeedbackID)
	switch {
	case f == nil:
		wbEnvelopeError(w, http.StatusBadRequest, "Не удалось получить отзыв")
	case !f.returnable:
		wbEnvelopeError(w, http.StatusUnprocessableEntity, "Запрос на возврат покупок недоступен")
	default:
		f.returnable, f.returnedAt = false, now.Unix()
		fqOK(w, nil)
	}
}
