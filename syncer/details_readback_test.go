package syncer

import (
	"context"
	"errors"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// freshClients are the clients of a new start against e's sandbox: their
// own transport, nothing remembered (chat signs), the same request counter.
func (e *env) freshClients(t *testing.T) (*wb.Client, *ym.Client) {
	t.Helper()
	tr, err := api.NewTransport(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return wb.New(tr), ym.New(tr, sandbox.CampaignID)
}

// TestOrderFetchedOnceThenReadFromTheStore: the first Order of a return
// asks Market and stores the order; asking again, and after a restart
// (store reopened, new clients), sends nothing.
func TestOrderFetchedOnceThenReadFromTheStore(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1000})
	var ae *api.Error
	if _, err := sy.Order(ctx, 1); !errors.As(err, &ae) || ae.Kind != api.KindNotFound {
		t.Fatalf("the order of a return not stored yet: %v", err)
	}
	syncAll(t, sy, store.PaneReturns)
	rs, _, err := st.ListReturns(ctx, store.ListQuery{Limit: 1})
	if err != nil || len(rs) != 1 {
		t.Fatalf("stored returns: %d %v", len(rs), err)
	}
	r := rs[0]

	e.cnt.start()
	o, err := sy.Order(ctx, r.ID)
	if err != nil || o.ID != r.OrderID || len(o.Items) == 0 {
		t.Fatalf("Order(%d) = order %d with %d items, %v; want order %d", r.ID, o.ID, len(o.Items), err, r.OrderID)
	}
	if e.cnt.count("") == 0 {
		t.Fatal("the first Order sent no request")
	}
	if stored, ok, err := st.Order(ctx, r.OrderID); err != nil || !ok || stored.ID != o.ID {
		t.Fatalf("stored order: %+v %v %v", stored, ok, err)
	}

	e.cnt.start()
	if again, err := sy.Order(ctx, r.ID); err != nil || again.ID != o.ID || len(again.Items) != len(o.Items) {
		t.Fatalf("second Order: %+v %v", again, err)
	}
	st = reopen(t, st)
	wbc, ymc := e.freshClients(t)
	sy = NewSyncer(st, wbc, ymc, SyncOptions{Limits: lim})
	if again, err := sy.Order(ctx, r.ID); err != nil || again.ID != o.ID || len(again.Items) != len(o.Items) {
		t.Fatalf("Order after a restart: %+v %v", again, err)
	}
	if n := e.cnt.count(""); n != 0 {
		t.Fatalf("a stored order cost %d requests", n)
	}
}

// TestQuestionReadBackStoresTheAnswer: Wildberries accepts an answer with
// 204 whatever the ID; the question read back through the syncer is what
// lands in the store (answered, no longer awaiting), and an ID Wildberries
// does not know is an error that stores nothing.
func TestQuestionReadBackStoresTheAnswer(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1000})
	syncAll(t, sy, store.PaneQuestions)
	waiting, _, err := st.ListQuestions(ctx, store.ListQuery{NeedsAction: true, Limit: 1})
	if err != nil || len(waiting) != 1 {
		t.Fatalf("no question awaiting an answer: %d %v", len(waiting), err)
	}
	q := waiting[0]
	const text = "Да, размер соответствует таблице."
	if _, err := e.wb.AnswerQuestion(ctx, q.ID, text); err != nil {
		t.Fatal(err)
	}
	if before, _, _ := st.GetQuestion(ctx, q.ID); before.Answered() {
		t.Fatal("the store has the answer before anything read it back")
	}
	back, ch, err := sy.Question(ctx, q.ID)
	if err != nil || back.Answer == nil || back.Answer.Text != text || ch.Updated != 1 {
		t.Fatalf("read back: %+v, changes %+v, %v", back.Answer, ch, err)
	}
	stored, ok, err := st.GetQuestion(ctx, q.ID)
	if err != nil || !ok || stored.Answer == nil || stored.Answer.Text != text {
		t.Fatalf("stored after the read-back: %+v %v %v", stored.Answer, ok, err)
	}
	still, _, err := st.ListQuestions(ctx, store.ListQuery{NeedsAction: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range still {
		if s.ID == q.ID {
			t.Fatal("the answered question still awaits an answer in the store")
		}
	}
	if _, ch, err := sy.Question(ctx, q.ID); err != nil || ch.Updated+ch.Added != 0 {
		t.Fatalf("a second read-back changed %+v (%v)", ch, err)
	}

	// A wrong ID: the write is accepted, the read-back is not.
	const unknown = "no-such-question"
	if _, err := e.wb.AnswerQuestion(ctx, unknown, text); err == nil {
		t.Fatal("answering an unknown question reported success")
	}
	var ae *api.Error
	if _, _, err := sy.Question(ctx, unknown); !errors.As(err, &ae) || ae.Kind != api.KindNotFound {
		t.Fatalf("read back of an unknown question: %v", err)
	}
	if _, ok, _ := st.GetQuestion(ctx, unknown); ok {
		t.Fatal("an unknown question was stored")
	}
}

// TestFeedbackReadBackStoresTheAnswer: as for questions, the feedback read
// back after its answer is what the store holds.
func TestFeedbackReadBackStoresTheAnswer(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1000})
	syncAll(t, sy, store.PaneFeedbacks)
	waiting, _, err := st.ListFeedbacks(ctx, store.ListQuery{NeedsAction: true, Limit: 1})
	if err != nil || len(waiting) != 1 {
		t.Fatalf("no feedback awaiting an answer: %d %v", len(waiting), err)
	}
	f := waiting[0]
	const text = "Спасибо за отзыв, рады, что подошло!"
	if _, err := e.wb.AnswerFeedback(ctx, f.ID, text); err != nil {
		t.Fatal(err)
	}
	back, ch, err := sy.Feedback(ctx, f.ID)
	if err != nil || !back.Answered() || back.Answer.Text != text || ch.Updated != 1 {
		t.Fatalf("read back: %+v, changes %+v, %v", back.Answer, ch, err)
	}
	stored, ok, err := st.GetFeedback(ctx, f.ID)
	if err != nil || !ok || !stored.Answered() || stored.Answer.Text != text {
		t.Fatalf("stored after the read-back: %+v %v %v", stored.Answer, ok, err)
	}
}

// TestKeepReplySignSurvivesARestart: where each message gives the chat a
// new sign, the one a send answered with is stored by the syncer, so a
// new start (fresh client, nothing remembered) sends the next message
// with it in one request, without being refused first.
func TestKeepReplySignSurvivesARestart(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim, Modes: sandbox.Modes{RotatingChatSigns: true}}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1000})
	syncAll(t, sy, store.PaneChats)
	chats, _, err := st.ListChats(ctx, store.ListQuery{Limit: 1})
	if err != nil || len(chats) != 1 || chats[0].ReplySign == "" {
		t.Fatalf("no stored chat with a sign: %+v %v", chats, err)
	}
	c := chats[0]
	if sign, changed, err := sy.KeepReplySign(ctx, c.ChatID); err != nil || changed || sign != c.ReplySign {
		t.Fatalf("before any send: sign %q changed %v %v; stored %q", sign, changed, err, c.ReplySign)
	}
	if _, err := e.wb.SendMessage(ctx, wb.SendMessage{ChatID: c.ChatID, ReplySign: c.ReplySign, Text: "Здравствуйте!"}); err != nil {
		t.Fatal(err)
	}
	sign, changed, err := sy.KeepReplySign(ctx, c.ChatID)
	if err != nil || !changed || sign == "" || sign == c.ReplySign {
		t.Fatalf("after a send: sign %q (was %q) changed %v %v", sign, c.ReplySign, changed, err)
	}

	st = reopen(t, st)
	stored, ok, err := st.GetChat(ctx, c.ChatID)
	if err != nil || !ok || stored.ReplySign != sign {
		t.Fatalf("after a restart the store has %q, want %q (%v %v)", stored.ReplySign, sign, ok, err)
	}
	wbc, _ := e.freshClients(t)
	if _, known := wbc.ReplySign(c.ChatID); known {
		t.Fatal("a fresh client already knows the sign")
	}
	e.cnt.start()
	if _, err := wbc.SendMessage(ctx, wb.SendMessage{ChatID: c.ChatID, ReplySign: stored.ReplySign, Text: "Ещё вопрос?"}); err != nil {
		t.Fatal(err)
	}
	if n, refused := e.cnt.count("/api/v1/seller/message"), e.cnt.status(400); n != 1 || refused != 0 {
		t.Fatalf("the next message after a restart was posted %d times, %d refused", n, refused)
	}
}

// TestDetailsWithoutAClient: a marketplace without a client is ErrNoClient,
// not a crash.
func TestDetailsWithoutAClient(t *testing.T) {
	ctx := context.Background()
	sy := NewSyncer(openTemp(t), nil, nil, SyncOptions{})
	if _, _, err := sy.Question(ctx, "q"); !errors.Is(err, ErrNoClient) {
		t.Errorf("Question: %v", err)
	}
	if _, _, err := sy.Feedback(ctx, "f"); !errors.Is(err, ErrNoClient) {
		t.Errorf("Feedback: %v", err)
	}
	if _, _, err := sy.KeepReplySign(ctx, "c"); !errors.Is(err, ErrNoClient) {
		t.Errorf("KeepReplySign: %v", err)
	}
	st := openTemp(t)
	if _, err := st.PutReturns(ctx, []models.YMReturn{{ID: 7, OrderID: 70}}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSyncer(st, nil, nil, SyncOptions{}).Order(ctx, 7); !errors.Is(err, ErrNoClient) {
		t.Errorf("Order: %v", err)
	}
}
