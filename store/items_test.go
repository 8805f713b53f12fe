package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func mt(t time.Time) models.Time { return models.Time{Time: t} }

func question(id string, at time.Time, text string, answered bool) models.Question {
	q := models.Question{ID: id, Text: text, CreatedDate: mt(at), State: models.QuestionNew,
		ProductDetails: models.WBProductDetails{NmID: 191234500, ProductName: "Чай зелёный, 100 пакетиков", SupplierArticle: "CHAI-ZEL-100"}}
	if answered {
		q.State = models.QuestionAnswered
		q.Answer = &models.QuestionAnswer{Text: "Сто пакетиков", CreateDate: mt(at.Add(time.Hour))}
	}
	return q
}

func feedback(id string, at time.Time, text string, rating int) models.Feedback {
	return models.Feedback{ID: id, Text: text, ProductValuation: rating, CreatedDate: mt(at), State: models.FeedbackNew,
		UserName: "Ольга", ProductDetails: models.WBProductDetails{NmID: 183309112, ProductName: "Термокружка 450 мл", SupplierArticle: "KRUZH-TERMO-450"}}
}

func TestPutIsIdempotent(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	page1 := []models.Question{question("a", t0, "Есть ли в наличии?", false), question("b", t0.Add(time.Minute), "Какой срок годности?", false)}
	ch, err := s.PutQuestions(ctx, page1)
	if err != nil || ch != (Changes{Added: 2}) {
		t.Fatalf("first put: %+v %v", ch, err)
	}
	// An overlapping page: one repeat, one changed, one new.
	page2 := []models.Question{question("b", t0.Add(time.Minute), "Какой срок годности?", false),
		question("a", t0, "Есть ли в наличии?", true), question("c", t0.Add(2*time.Minute), "А доставка?", false)}
	ch, err = s.PutQuestions(ctx, page2)
	if err != nil || ch != (Changes{Added: 1, Updated: 1, Unchanged: 1}) {
		t.Fatalf("overlapping put: %+v %v", ch, err)
	}
	for range 3 {
		if _, err := s.PutQuestions(ctx, page2); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := counts[KindQuestion]; got != (Count{Total: 3, NeedsAction: 2}) {
		t.Fatalf("counts after repeated puts: %+v", got)
	}
	var fts int
	s.db.QueryRow(`SELECT count(*) FROM search`).Scan(&fts)
	if fts != 3 {
		t.Fatalf("search index holds %d rows for 3 items: updates must replace, not add", fts)
	}
	q, ok, err := s.GetQuestion(ctx, "a")
	if err != nil || !ok || !q.Answered() {
		t.Fatalf("updated question: %+v %v %v", q, ok, err)
	}
	if hits, _ := s.Search(ctx, "сто пакетиков", 5); len(hits) != 1 || hits[0].ID != "a" {
		t.Fatalf("the answer added by the update is not searchable: %+v", hits)
	}
}

func TestKeysetPaging(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var fs []models.Feedback
	for i := range 250 {
		// Pairs share a timestamp, so the page boundary must break ties by ID.
		fs = append(fs, feedback(fmt.Sprintf("f%03d", i), t0.Add(time.Duration(i/2)*time.Minute), "Отличная кружка", 1+i%5))
	}
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		q     ListQuery
		want  int
		pages int
	}{
		{"all", ListQuery{Limit: 40}, 250, 7},
		{"exact pages", ListQuery{Limit: 50}, 250, 5},
		{"pending only", ListQuery{Limit: 30, NeedsAction: true}, 250, 9},
		{"one product", ListQuery{Limit: 100, NmID: 183309112}, 250, 3},
		{"other product", ListQuery{Limit: 100, NmID: 1}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := map[string]bool{}
			var prev models.Feedback
			pages := 0
			q := tt.q
			for {
				got, next, err := s.ListFeedbacks(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				for _, f := range got {
					if seen[f.ID] {
						t.Fatalf("%s listed twice", f.ID)
					}
					seen[f.ID] = true
					if prev.ID != "" && (f.CreatedDate.After(prev.CreatedDate.Time) || f.CreatedDate.Equal(prev.CreatedDate.Time) && f.ID > prev.ID) {
						t.Fatalf("%s after %s breaks newest-first order", f.ID, prev.ID)
					}
					prev = f
				}
				if next.IsZero() {
					break
				}
				q.After = next
			}
			if len(seen) != tt.want || pages != tt.pages {
				t.Fatalf("listed %d items in %d pages, want %d in %d", len(seen), pages, tt.want, tt.pages)
			}
		})
	}
}

func TestChatStateFollowsEvents(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ev := func(id, sender string, at time.Time, text string) models.ChatEvent {
		return models.ChatEvent{ChatID: "1:c", EventID: id, EventType: models.ChatEventMessage, Sender: models.ChatSender(sender),
			AddTimestamp: models.UnixMillis(at.UnixMilli()), Message: &models.ChatMessage{Text: text}, ClientName: "Иван"}
	}
	chatWindow := models.RuleWBChatReply.Window()
	// Events before the chat list: the chat is created from them.
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{ev("e1", "client", t0, "Где мой заказ?")}); err != nil {
		t.Fatal(err)
	}
	row, ok, err := s.Get(ctx, KindChat, "1:c")
	if err != nil || !ok || !row.NeedsAction || !row.Deadline.Equal(t0.Add(chatWindow)) || row.Title != "Иван" {
		t.Fatalf("chat from an event: %+v %v %v", row, ok, err)
	}
	// The chat list fills in the rest and keeps the state from events.
	chat := models.Chat{ChatID: "1:c", ClientName: "Иван", ReplySign: "sig", GoodCard: &models.ChatListing{NmID: 7},
		LastMessage: &models.ChatLastMessage{Text: "Где мой заказ?", AddTimestamp: models.UnixMillis(t0.UnixMilli())}}
	if _, err := s.PutChats(ctx, []models.Chat{chat}); err != nil {
		t.Fatal(err)
	}
	if row, _, _ = s.Get(ctx, KindChat, "1:c"); !row.NeedsAction || row.NmID != 7 {
		t.Fatalf("chat list lost the events' state: %+v", row)
	}
	steps := []struct {
		ev        models.ChatEvent
		needs     bool
		deadline  time.Time
		snippet   string
		duplicate bool
	}{
		{ev("e2", "seller", t0.Add(time.Hour), "Отправили сегодня"), false, time.Time{}, "Отправили сегодня", false},
		{ev("e3", "wb", t0.Add(2*time.Hour), "Заказ доставлен"), false, time.Time{}, "Заказ доставлен", false},
		{ev("e4", "client", t0.Add(3*time.Hour), "Спасибо, а чек?"), true, t0.Add(3*time.Hour + chatWindow), "Спасибо, а чек?", false},
		{ev("e4", "client", t0.Add(3*time.Hour), "Спасибо, а чек?"), true, t0.Add(3*time.Hour + chatWindow), "Спасибо, а чек?", true},
		// A second unanswered message does not push the reply back: the
		// first one is due first.
		{ev("e5", "client", t0.Add(4*time.Hour), "Ау?"), true, t0.Add(3*time.Hour + chatWindow), "Ау?", false},
		{ev("e6", "seller", t0.Add(5*time.Hour), "Чек в приложении"), false, time.Time{}, "Чек в приложении", false},
		{ev("e7", "client", t0.Add(6*time.Hour), "Спасибо"), true, t0.Add(6*time.Hour + chatWindow), "Спасибо", false},
	}
	for _, st := range steps {
		ch, err := s.PutChatEvents(ctx, []models.ChatEvent{st.ev})
		if err != nil {
			t.Fatal(err)
		}
		if st.duplicate != (ch.Unchanged == 1) {
			t.Fatalf("event %s: %+v", st.ev.EventID, ch)
		}
		row, _, _ := s.Get(ctx, KindChat, "1:c")
		if row.NeedsAction != st.needs || !row.Deadline.Equal(st.deadline) || row.Snippet != st.snippet {
			t.Fatalf("after %s: needs %v deadline %v snippet %q", st.ev.EventID, row.NeedsAction, row.Deadline, row.Snippet)
		}
	}
	evs, err := s.ChatEvents(ctx, "1:c")
	if err != nil || len(evs) != 7 || evs[0].EventID != "e1" || evs[3].EventID != "e4" {
		t.Fatalf("chat events: %d %v", len(evs), err)
	}
	if c, ok, _ := s.GetChat(ctx, "1:c"); !ok || c.ReplySign != "sig" {
		t.Fatalf("chat: %+v", c)
	}
}

func TestClaimsAndReturns(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	active := models.Claim{ID: "c1", Dt: mt(t0), NmID: 5, UserComment: "Брак", Actions: []models.ClaimAction{models.ClaimApprove1}}
	closed := models.Claim{ID: "c2", Dt: mt(t0), Actions: []models.ClaimAction{models.ClaimApprove1}}
	if _, err := s.PutClaims(ctx, []models.Claim{active}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutClaims(ctx, []models.Claim{closed}, true); err != nil {
		t.Fatal(err)
	}
	r := models.YMReturn{ID: 42, OrderID: 7, CreationDate: mt(t0), RefundStatus: "PREMODERATION_DECISION_WAITING",
		Items: []models.YMReturnItem{{ShopSku: "SKU-1", Count: 1}}}
	if _, err := s.PutReturns(ctx, []models.YMReturn{r}); err != nil {
		t.Fatal(err)
	}
	counts, _ := s.Counts(ctx)
	if counts[KindClaim] != (Count{2, 1}) || counts[KindReturn] != (Count{1, 1}) {
		t.Fatalf("counts: %+v", counts)
	}
	got, ok, err := s.GetReturn(ctx, 42)
	if err != nil || !ok || got.Items[0].ShopSku != "SKU-1" {
		t.Fatalf("return: %+v %v %v", got, ok, err)
	}
	cs, _, err := s.ListClaims(ctx, ListQuery{NeedsAction: true})
	if err != nil || len(cs) != 1 || cs[0].ID != "c1" {
		t.Fatalf("pending claims: %+v %v", cs, err)
	}
	row, _, _ := s.Get(ctx, KindReturn, "42")
	// Market documents no decision deadline: none is invented.
	if !row.Deadline.IsZero() || !row.NeedsAction || row.Article != "SKU-1" {
		t.Fatalf("return row: %+v", row)
	}
}

func TestCursors(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if v, err := s.Cursor(ctx, "x"); v != "" || err != nil {
		t.Fatalf("unset cursor: %q %v", v, err)
	}
	for _, v := range []string{"1", "2", ""} {
		if err := s.SetCursor(ctx, "x", v); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Cursor(ctx, "x"); got != v {
			t.Fatalf("cursor = %q, want %q", got, v)
		}
	}
}
