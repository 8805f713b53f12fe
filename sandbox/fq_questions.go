package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// fqQuestionsMax is the documented ceiling of take+skip for questions.
const fqQuestionsMax = 10_000

func (s *Server) fqNewFeedbacksQuestions(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	st := s.fq
	newQ := slices.ContainsFunc(st.questions, func(q fqQuestion) bool { return !q.viewed && q.state == fqQNew })
	newF := slices.ContainsFunc(st.feedbacks, func(f fqFeedback) bool { return !f.viewed && !f.archived })
	s.mu.Unlock()
	fqOK(w, map[string]bool{"hasNewQuestions": newQ, "hasNewFeedbacks": newF})
}

func (s *Server) fqQuestionsCountUnanswered(w http.ResponseWriter, r *http.Request) {
	today := fqStartOfDay(s.now()).UnixNano()
	var all, fresh int
	s.mu.Lock()
	for i := range s.fq.questions {
		if q := &s.fq.questions[i]; q.state == fqQNew {
			all++
			if q.created >= today {
				fresh++
			}
		}
	}
	s.mu.Unlock()
	fqOK(w, map[string]int{"countUnanswered": all, "countUnansweredToday": fresh})
}

func (s *Server) fqQuestionsCount(w http.ResponseWriter, r *http.Request) {
	p := fqQuery{q: r.URL.Query()}
	answered := p.bool("isAnswered", true)
	from, to := p.period()
	if p.fail(w) {
		return
	}
	n := 0
	s.mu.Lock()
	for i := range s.fq.questions {
		q := &s.fq.questions[i]
		sec := q.created / int64(time.Second)
		if (q.state != fqQNew) == answered && sec >= from && sec <= to {
			n++
		}
	}
	s.mu.Unlock()
	fqOK(w, n)
}

func (s *Server) fqQuestionsList(w http.ResponseWriter, r *http.Request) {
	p := fqQuery{q: r.URL.Query()}
	p.required("isAnswered", "take", "skip")
	answered := p.bool("isAnswered", true)
	take, skip := p.int("take", 0), p.int("skip", 0)
	nm := p.int("nmId", 0)
	desc := p.order()
	from, to := p.period()
	if p.fail(w) {
		return
	}
	if take < 0 || skip < 0 || take+skip > fqQuestionsMax {
		wbEnvelopeError(w, http.StatusBadRequest, "Сумма значений параметров take и skip не должна превышать 10000")
		return
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.fq
	var unanswered, archive int
	var match []int32
	for i := range st.questions {
		q := &st.questions[i]
		isAnswered := q.state != fqQNew
		if isAnswered {
			archive++
		} else {
			unanswered++
		}
		sec := q.created / int64(time.Second)
		if isAnswered != answered || sec < from || sec > to || (nm != 0 && catalogue[q.product].NmID != nm) {
			continue
		}
		match = append(match, int32(i))
	}
	if !desc {
		slices.Reverse(match)
	}
	lo, hi := fqPage(len(match), skip, take)
	out := make([]fqQuestionWire, 0, hi-lo)
	for _, i := range match[lo:hi] {
		out = append(out, st.questions[i].wire(now))
	}
	fqOK(w, map[string]any{"countUnanswered": unanswered, "countArchive": archive, "questions": out})
}

func (s *Server) fqQuestionByID(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	now := s.now()
	s.mu.Lock()
	q := s.fq.question(id)
	var out fqQuestionWire
	if q != nil {
		out = q.wire(now)
	}
	s.mu.Unlock()
	if q == nil {
		wbEnvelopeError(w, http.StatusUnprocessableEntity, "Невозможно получить вопрос по id")
		return
	}
	fqOK(w, out)
}

// fqQuestionsPatch is the three-in-one method: mark viewed, reject, answer
// or edit the answer, chosen by the body's shape.
func (s *Server) fqQuestionsPatch(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ID        string `json:"id"`
		WasViewed *bool  `json:"wasViewed"`
		Answer    *struct {
			Text string `json:"text"`
		} `json:"answer"`
		State string `json:"state"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil {
		wbEnvelopeError(w, http.StatusBadRequest, "failed to decode JSON request.")
		return
	}
	if body.ID == "" {
		wbEnvelopeError(w, http.StatusBadRequest, "Неправильный id в запросе")
		return
	}
	viewing := body.WasViewed != nil && body.Answer == nil
	if !viewing {
		if body.Answer == nil || (body.State != fqQAnswered && body.State != fqQRejected) {
			wbEnvelopeError(w, http.StatusBadRequest, "Неправильный формат запроса: ожидаются answer и state (wbRu или none)")
			return
		}
		if !fqTextOK(body.Answer.Text) {
			wbEnvelopeError(w, http.StatusBadRequest, "Длина текста ответа должна быть от 2 до 5000 символов")
			return
		}
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.fq.question(body.ID)
	if q == nil {
		// The real service accepts a write to an ID it does not know; the
		// client has to read back to find out.
		fqOK(w, nil)
		return
	}
	switch {
	case viewing:
		q.viewed = *body.WasViewed
	case body.State == fqQRejected:
		if q.state != fqQNew {
			wbEnvelopeError(w, http.StatusBadRequest, "Отклонить можно только новый вопрос")
			return
		}
		q.state, q.viewed = fqQRejected, true
		q.answer = &fqAnswer{text: body.Answer.Text, at: now.UnixNano(), edited: true}
	case q.answer == nil || q.state == fqQNew:
		q.state, q.viewed = fqQAnswered, true
		q.answer = &fqAnswer{text: body.Answer.Text, at: now.UnixNano()}
	case q.state == fqQAnswered && fqEditable(q.answer, now):
		q.answer.text, q.answer.edited = body.Answer.Text, true
	default:
		wbEnvelopeError(w, http.StatusBadRequest, "Ответ можно отредактировать только 1 раз в течение 60 дней после отправки")
		return
	}
	fqOK(w, nil)
}
