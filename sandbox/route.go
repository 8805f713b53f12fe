package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// route describes one endpoint: how it authenticates and which bucket it
// draws from. Every handler is wrapped by serve, which applies auth, rate
// limits and faults in the order the real services do.
type route struct {
	service api.Service
	group   api.Group
	// parallel names the path value ("campaignId"/"businessId") whose YM
	// 4-in-flight cap applies.
	parallel string
}

// handle registers pattern ("GET /api/v1/questions") for a service.
func (s *Server) handle(pattern string, rt route, h http.HandlerFunc) {
	s.mux.Handle(pattern, s.serve(rt, h))
}

func (s *Server) serve(rt route, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := s.opts.Faults
		if d := s.randDuration(f.MaxLatency); d > 0 {
			select {
			case <-time.After(d):
			case <-r.Context().Done():
				return
			}
		}
		account, ok := s.authenticate(rt.service, r)
		if !ok {
			s.unauthorized(w, rt.service)
			return
		}
		if s.opts.WBPaymentRequired && rt.service != api.ServiceYM {
			wbPaymentRequired(w)
			return
		}
		if s.chance(f.ResetRate) {
			resetConn(w)
			return
		}
		if s.chance(f.Storm429) {
			s.tooMany(w, rt, 3*time.Second)
			return
		}
		if s.chance(f.ErrorRate) {
			s.serverError(w, rt.service)
			return
		}
		if rt.parallel != "" {
			key := rt.parallel + "=" + r.PathValue(rt.parallel)
			release, ok := s.limits.enter(key)
			if !ok {
				ymError(w, 420, "HIT_RATE_LIMIT", "Hit rate limit of 4 parallel requests")
				return
			}
			defer release()
		}
		if wait, hdr, ok := s.limits.take(account, rt.group); !ok {
			for k, v := range hdr {
				w.Header().Set(k, v)
			}
			s.tooMany(w, rt, wait)
			return
		} else {
			for k, v := range hdr {
				w.Header().Set(k, v)
			}
		}
		truncate := s.chance(f.TruncateRate)
		drop := s.chance(f.DropAfterWrite)
		if !truncate && !drop {
			h(w, r)
			return
		}
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		h(rec, r)
		if drop {
			resetConn(w)
			return
		}
		body := rec.buf.Bytes()
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.status)
		_, _ = w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		// Abort so the client sees a short body, not a clean end.
		panic(http.ErrAbortHandler)
	})
}

// authenticate maps the request's token to an account key; the real services
// count rate limits per seller account.
func (s *Server) authenticate(svc api.Service, r *http.Request) (string, bool) {
	if svc == api.ServiceYM {
		tok := r.Header.Get("Api-Key")
		if tok == "" {
			tok = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		}
		return "ym", tok == YMToken
	}
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if tok == WBToken {
		return "wb", true
	}
	if svcs, ok := s.opts.WBTokens[tok]; ok && slices.Contains(svcs, svc) {
		return "wb", true
	}
	return "", false
}

func (s *Server) unauthorized(w http.ResponseWriter, svc api.Service) {
	if svc == api.ServiceYM {
		ymError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Api-Key is missing or invalid")
		return
	}
	wbProblem(w, http.StatusUnauthorized, "unauthorized", "token problem; token is malformed or has no access to this category", "s2s-api-auth-"+string(svc))
}

func (s *Server) serverError(w http.ResponseWriter, svc api.Service) {
	if svc == api.ServiceYM {
		ymError(w, http.StatusInternalServerError, "INTERNAL_ERROR", "Internal server error")
		return
	}
	wbProblem(w, http.StatusInternalServerError, "internal server error", "something went wrong", string(svc))
}

// tooMany answers the way each marketplace does when a bucket is empty.
func (s *Server) tooMany(w http.ResponseWriter, rt route, wait time.Duration) {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	if rt.service == api.ServiceYM {
		w.Header().Set("X-RateLimit-Resource-Until", ymResetTime(s.now().Add(wait)))
		ymError(w, 420, "HIT_RATE_LIMIT", "Hit rate limit for resource "+string(rt.group))
		return
	}
	w.Header().Set("X-Ratelimit-Retry", strconv.Itoa(secs))
	if w.Header().Get("X-Ratelimit-Reset") == "" {
		w.Header().Set("X-Ratelimit-Reset", strconv.Itoa(secs))
	}
	if n := s.limits.burst(rt.group); n > 0 && w.Header().Get("X-Ratelimit-Limit") == "" {
		w.Header().Set("X-Ratelimit-Limit", strconv.Itoa(n))
	}
	wbProblem(w, http.StatusTooManyRequests, "too many requests", "limited by "+string(rt.group), "s2s-api-auth-"+string(rt.service))
}

// wbPaymentRequired is components/responses/402, word for word the
// document's example: WB sends it only to services of its business-solutions
// catalogue.
func wbPaymentRequired(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/problem+json")
	writeJSON(w, http.StatusPaymentRequired, map[string]any{
		"title":  "payment required",
		"detail": "wb solution for business has insufficient funds on its balance. please top up the balance in the company's personal account https://dev.wildberries.ru/company",
	})
}

// writeJSON sends v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// wbProblem is Wildberries' problem document (components/responses/401,
// 429). The document types 401, 402 and 429 as application/problem+json and
// the feedbacks-api 400s as application/json.
func wbProblem(w http.ResponseWriter, status int, title, detail, origin string) {
	if status != http.StatusBadRequest {
		w.Header().Set("Content-Type", "application/problem+json")
	}
	writeJSON(w, status, map[string]any{
		"title":      title,
		"detail":     detail,
		"code":       fmt.Sprintf("sandbox-%d", status),
		"requestId":  requestID(),
		"origin":     origin,
		"status":     status,
		"statusText": http.StatusText(status),
		"timestamp":  time.Now().UTC().Format(time.RFC3339),
	})
}

// wbEnvelopeError is the {data, error, errorText, additionalErrors} envelope
// the questions and feedbacks methods answer 400/404/422 with.
func wbEnvelopeError(w http.ResponseWriter, status int, text string, extra ...string) {
	if extra == nil {
		extra = []string{}
	}
	writeJSON(w, status, map[string]any{
		"data":             nil,
		"error":            true,
		"errorText":        text,
		"additionalErrors": extra,
		"requestId":        requestID(),
	})
}

// ymError is Yandex Market's {"status":"ERROR","errors":[...]}.
func ymError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{
		"status": "ERROR",
		"errors": []map[string]string{{"code": code, "message": msg}},
	})
}

var reqCounter atomic.Uint64

func requestID() string {
	return fmt.Sprintf("sbx%029x", reqCounter.Add(1))
}

// resetConn drops the client's connection mid-exchange.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// recorder buffers a handler's answer so a fault can cut it short.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.buf.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.status = code }
