package wb

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/webp"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestFeedbacksPagingAndFilters(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{Scale: 2})
	ctx := ctxT(t)
	all, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: true, Take: MaxFeedbacksTake})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Feedbacks) != all.CountArchive || len(all.Feedbacks) == 0 {
		t.Fatalf("one page holds %d, countArchive %d", len(all.Feedbacks), all.CountArchive)
	}
	var stitched []models.Feedback
	for skip := 0; ; skip += 50 {
		p, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: true, Take: 50, Skip: skip})
		if err != nil {
			t.Fatal(err)
		}
		stitched = append(stitched, p.Feedbacks...)
		if len(p.Feedbacks) < 50 {
			break
		}
	}
	if len(stitched) != len(all.Feedbacks) {
		t.Fatalf("pages hold %d, one page %d", len(stitched), len(all.Feedbacks))
	}
	ratings := map[int]int{}
	for i, f := range stitched {
		if f.ID != all.Feedbacks[i].ID {
			t.Fatalf("item %d differs", i)
		}
		if !f.Answered() || f.State != models.FeedbackProcessed {
			t.Errorf("answered list holds %+v", f)
		}
		if i > 0 && f.CreatedDate.After(stitched[i-1].CreatedDate.Time) {
			t.Errorf("not newest first at %d", i)
		}
		ratings[f.ProductValuation]++
	}
	for r := 1; r <= 5; r++ {
		if ratings[r] == 0 {
			t.Errorf("no %d-star feedbacks in %v", r, ratings)
		}
	}
	asc, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: true, Take: 1, Order: DateAsc})
	if err != nil {
		t.Fatal(err)
	}
	if asc.Feedbacks[0].ID != stitched[len(stitched)-1].ID {
		t.Error("dateAsc does not start with the oldest")
	}
	nm := stitched[0].ProductDetails.NmID
	to := time.Now().Add(-24 * time.Hour)
	filtered, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: true, NmID: nm, Take: 1000, DateTo: to})
	if err != nil {
		t.Fatal(err)
	}
	if len(filtered.Feedbacks) == 0 {
		t.Fatal("filters left nothing")
	}
	for _, f := range filtered.Feedbacks {
		if f.ProductDetails.NmID != nm || f.CreatedDate.After(to) {
			t.Errorf("filter let %d at %s through", f.ProductDetails.NmID, f.CreatedDate)
		}
	}
}

func TestFeedbacksQueryValidatedBeforeSending(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	cases := []struct {
		name string
		q    FeedbacksQuery
		want string
	}{
		{"no take", FeedbacksQuery{}, "take must be between 1 and 5000"},
		{"take 5001", FeedbacksQuery{Take: 5001}, "(it is 5001)"},
		{"negative skip", FeedbacksQuery{Take: 1, Skip: -5}, "skip cannot be negative"},
		{"skip past 199990", FeedbacksQuery{Take: 1, Skip: 199_991}, "at most 199990"},
		{"bad order", FeedbacksQuery{Take: 1, Order: "DESC"}, "unknown sort order"},
		{"reversed period", FeedbacksQuery{Take: 1, DateFrom: time.Now(), DateTo: time.Now().Add(-time.Hour)}, "before it starts"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Feedbacks(ctxT(t), tc.q)
			e := wantKind(t, err, api.KindValidation)
			if !strings.Contains(e.Message, tc.want) {
				t.Errorf("message %q lacks %q", e.Message, tc.want)
			}
		})
	}
	_, err := c.FeedbacksArchive(ctxT(t), ArchiveQuery{Take: 5001})
	wantKind(t, err, api.KindValidation)
	if n := seen(h, "GET /api/v1/feedbacks") + seen(h, "GET /api/v1/feedbacks/archive"); n != 0 {
		t.Errorf("%d invalid requests sent", n)
	}
	if _, err := c.Feedbacks(ctxT(t), FeedbacksQuery{Take: MaxFeedbacksTake, Skip: MaxFeedbacksSkip}); err != nil {
		t.Errorf("the documented maxima are allowed: %v", err)
	}
	// The service enforces the bounds as well, with its envelope error.
	_, err = h.Transport.Do(ctxT(t), api.Request{Op: "GET /api/v1/feedbacks", Service: api.ServiceWBFeedbacks, Method: http.MethodGet,
		Path: "/api/v1/feedbacks", Query: url.Values{"isAnswered": {"true"}, "take": {"5001"}, "skip": {"0"}}, Idempotent: true})
	if e := wantKind(t, err, api.KindValidation); e.Status != http.StatusBadRequest {
		t.Errorf("status %d", e.Status)
	}
}

func TestFeedbackShapesFromSandbox(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{Scale: 2})
	ctx := ctxT(t)
	withPhotos := findFeedback(t, c, true, func(f models.Feedback) bool { return len(f.PhotoLinks) > 0 })
	f, err := c.Feedback(ctx, withPhotos.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, off := f.CreatedDate.Zone(); off != 3*3600 {
		t.Errorf("feedback times are Moscow time, got offset %d", off)
	}
	if f.ProductValuation < 1 || f.ProductValuation > 5 || f.UserName == "" || f.ProductDetails.NmID == 0 || f.SubjectName == "" || f.LastOrderCreatedAt.IsZero() {
		t.Errorf("incomplete feedback %+v", f)
	}
	link := f.PhotoLinks[0]
	if !strings.HasPrefix(link.FullSize, h.Running.URL) || !strings.HasSuffix(link.MiniSize, "-mini.webp") {
		t.Fatalf("photo links %+v do not point at the sandbox", link)
	}
	full, mini := fetchWebP(t, link.FullSize), fetchWebP(t, link.MiniSize)
	if mini.X >= full.X || mini.Y >= full.Y {
		t.Errorf("mini %v is not smaller than full %v", mini, full)
	}
	video := findFeedback(t, c, false, func(f models.Feedback) bool { return f.Video != nil })
	if video.Video.Link == "" || video.Video.PreviewImage == "" || video.Video.DurationSec <= 0 {
		t.Errorf("video %+v", video.Video)
	}
	plain := findFeedback(t, c, false, func(f models.Feedback) bool { return f.PhotoLinks == nil && f.Video == nil })
	if plain.ID == "" {
		t.Error("a feedback without media decodes with nil photos and video")
	}
}

// fetchWebP reads a feedback photo: WebP since February 2026.
func fetchWebP(t *testing.T, u string) (size struct{ X, Y int }) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "image/webp" {
		t.Fatalf("%s: %d %s", u, resp.StatusCode, ct)
	}
	cfg, err := webp.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	size.X, size.Y = cfg.Width, cfg.Height
	return size
}

func TestAnswerFeedbackLeavesUnansweredList(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	before, err := c.FeedbacksCountUnanswered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := findFeedback(t, c, false, anyItem[models.Feedback])
	text := "Спасибо за отзыв! Нам очень жаль 😔 Напишите нам в чат."
	got, err := c.AnswerFeedback(ctx, f.ID, text)
	if err != nil {
		t.Fatal(err)
	}
	if got.Answer == nil || got.Answer.Text != text || !got.Answer.Editable || got.State != models.FeedbackProcessed {
		t.Fatalf("read back %+v", got.Answer)
	}
	after, err := c.FeedbacksCountUnanswered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.CountUnanswered != before.CountUnanswered-1 {
		t.Errorf("unanswered %d -> %d", before.CountUnanswered, after.CountUnanswered)
	}
	p, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: false, Take: MaxFeedbacksTake})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range p.Feedbacks {
		if x.ID == f.ID {
			t.Fatal("answered feedback still in the unanswered list")
		}
	}
	if _, err := c.AnswerFeedback(ctx, f.ID, text); err != nil {
		t.Errorf("repeating a landed answer: %v", err)
	}
	// An answered feedback is not answered again: the conflict says so
	// before anything is sent.
	got, err = c.AnswerFeedback(ctx, f.ID, "Другой ответ коллеги")
	e := wantKind(t, err, api.KindConflict)
	if !errors.Is(err, ErrAlreadyAnswered) || !strings.Contains(e.Message, "already has an answer") || got.Answer.Text != text {
		t.Errorf("%q, answer now %q", e.Message, got.Answer.Text)
	}
}

func TestFeedbackWritesToWrongIDAreNotFound(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	const wrong = "NoSuchFeedback000000"
	_, err := c.AnswerFeedback(ctx, wrong, "Спасибо за отзыв!")
	e := wantKind(t, err, api.KindNotFound)
	if !strings.Contains(e.Message, wrong) {
		t.Errorf("message %q does not name the ID", e.Message)
	}
	if seen(h, "POST /api/v1/feedbacks/answer") != 0 || seen(h, "GET /api/v1/feedback") == 0 {
		t.Errorf("want the feedback read first and nothing sent: %v", h.Validator.Seen())
	}
	_, err = c.EditFeedbackAnswer(ctx, wrong, "Исправленный ответ")
	wantKind(t, err, api.KindNotFound)
	_, err = c.ReturnFeedbackOrder(ctx, wrong)
	wantKind(t, err, api.KindNotFound)
	_, err = c.Feedback(ctx, wrong)
	wantKind(t, err, api.KindNotFound)
	for _, call := range []func() error{
		func() error { _, err := c.AnswerFeedback(ctx, "", "Спасибо!"); return err },
		func() error { _, err := c.EditFeedbackAnswer(ctx, "", "Спасибо!"); return err },
		func() error { _, err := c.ReturnFeedbackOrder(ctx, " "); return err },
		func() error { _, err := c.Feedback(ctx, ""); return err },
		func() error { _, err := c.AnswerFeedback(ctx, wrong, "Я"); return err },
		func() error { _, err := c.AnswerFeedback(ctx, wrong, strings.Repeat("ё", 5001)); return err },
	} {
		wantKind(t, call(), api.KindValidation)
	}
}

func TestEditFeedbackAnswerOnce(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	f := findFeedback(t, c, false, anyItem[models.Feedback])
	_, err := c.EditFeedbackAnswer(ctx, f.ID, "Правка без ответа")
	wantKind(t, err, api.KindValidation)
	if _, err := c.AnswerFeedback(ctx, f.ID, "Первый ответ"); err != nil {
		t.Fatal(err)
	}
	got, err := c.EditFeedbackAnswer(ctx, f.ID, "Исправленный ответ")
	if err != nil {
		t.Fatal(err)
	}
	if got.Answer.Text != "Исправленный ответ" || got.Answer.Editable {
		t.Fatalf("after the one edit: %+v", got.Answer)
	}
	patches := seen(h, "PATCH /api/v1/feedbacks/answer")
	_, err = c.EditFeedbackAnswer(ctx, f.ID, "Вторая правка")
	if e := wantKind(t, err, api.KindValidation); !strings.Contains(e.Message, "60 days") {
		t.Errorf("message %q", e.Message)
	}
	if seen(h, "PATCH /api/v1/feedbacks/answer") != patches {
		t.Error("a refused edit was sent")
	}
	// An answer older than 60 days is not editable either.
	old := findFeedback(t, c, true, func(f models.Feedback) bool {
		return f.CreatedDate.Before(time.Now().Add(-70*24*time.Hour)) && f.Answer != nil
	})
	if old.Answer.Editable {
		t.Errorf("answer of %s is editable after 60 days", old.CreatedDate)
	}
	_, err = c.EditFeedbackAnswer(ctx, old.ID, "Поздняя правка")
	wantKind(t, err, api.KindValidation)
}

func TestFeedbacksArchive(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	arch, err := c.FeedbacksArchive(ctx, ArchiveQuery{Take: MaxFeedbacksTake})
	if err != nil {
		t.Fatal(err)
	}
	if len(arch) == 0 {
		t.Fatal("empty archive")
	}
	live, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: false, Take: MaxFeedbacksTake})
	if err != nil {
		t.Fatal(err)
	}
	liveIDs := map[string]bool{}
	for _, f := range live.Feedbacks {
		liveIDs[f.ID] = true
	}
	month := time.Now().Add(-30 * 24 * time.Hour)
	for _, f := range arch {
		if liveIDs[f.ID] {
			t.Errorf("%s is both archived and in the unanswered list", f.ID)
		}
		// The archiving rules: answered, unanswered for 30 days, or empty.
		empty := f.Text == "" && f.Pros == "" && f.Cons == "" && len(f.PhotoLinks) == 0
		if !f.Answered() && f.CreatedDate.After(month) && !empty {
			t.Errorf("archived without reason: %+v", f)
		}
	}
	page2, err := c.FeedbacksArchive(ctx, ArchiveQuery{Take: 3, Skip: 3, Order: DateAsc})
	if err != nil {
		t.Fatal(err)
	}
	if len(page2) != 3 || page2[2].ID != arch[len(arch)-6].ID {
		t.Error("archive paging in ascending order is off")
	}
	nm := arch[0].ProductDetails.NmID
	byNm, err := c.FeedbacksArchive(ctx, ArchiveQuery{NmID: nm, Take: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range byNm {
		if f.ProductDetails.NmID != nm {
			t.Errorf("nmId filter let %d through", f.ProductDetails.NmID)
		}
	}
}

func TestReturnFeedbackOrder(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{Scale: 2})
	ctx := ctxT(t)
	f := findFeedback(t, c, false, func(f models.Feedback) bool { return f.IsAbleReturnProductOrders })
	got, err := c.ReturnFeedbackOrder(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ReturnProductOrdersDate.IsZero() || got.IsAbleReturnProductOrders {
		t.Fatalf("after the return: %+v", got)
	}
	posts := seen(h, "POST /api/v1/feedbacks/order/return")
	if _, err := c.ReturnFeedbackOrder(ctx, f.ID); err != nil {
		t.Errorf("a return already requested is a success: %v", err)
	}
	no := findFeedback(t, c, false, func(f models.Feedback) bool {
		return !f.IsAbleReturnProductOrders && f.ReturnProductOrdersDate.IsZero()
	})
	_, err = c.ReturnFeedbackOrder(ctx, no.ID)
	wantKind(t, err, api.KindValidation)
	if seen(h, "POST /api/v1/feedbacks/order/return") != posts {
		t.Error("a return that cannot succeed was sent")
	}
	// The service's own refusal (422) for a feedback without the option.
	_, err = h.Transport.Do(ctx, api.Request{Op: "POST /api/v1/feedbacks/order/return", Service: api.ServiceWBFeedbacks,
		Method: http.MethodPost, Path: "/api/v1/feedbacks/order/return", JSON: map[string]string{"feedbackId": no.ID}})
	if e := wantKind(t, err, api.KindValidation); e.Status != http.StatusUnprocessableEntity || !strings.Contains(e.Message, "недоступен") {
		t.Errorf("%d %q", e.Status, e.Message)
	}
}
