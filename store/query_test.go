package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// paneFeedbacks are five feedbacks a minute apart, f1 the oldest.
func paneFeedbacks() []models.Feedback {
	termo := models.WBProductDetails{NmID: 183309112, ProductName: "Термокружка 450 мл", SupplierArticle: "KRUZH-TERMO-450"}
	chai := models.WBProductDetails{NmID: 191234500, ProductName: "Чай зелёный", SupplierArticle: "чай-зел-100"}
	photo := []models.PhotoLink{{FullSize: "https://example.test/1.jpg"}}
	answered := &models.FeedbackAnswer{Text: "Спасибо!", State: models.AnswerPublished}
	return []models.Feedback{
		{ID: "f1", Text: "Отличное качество, оптом брали", ProductValuation: 5, CreatedDate: mt(t0), ProductDetails: termo,
			PhotoLinks: photo, IsAbleReturnProductOrders: true, Answer: answered},
		{ID: "f2", Text: "Зелёный цвет, оптовый заказ", ProductValuation: 3, CreatedDate: mt(t0.Add(time.Minute)), ProductDetails: chai},
		{ID: "f3", Text: "Пришло вовремя, оптом дешевле", ProductValuation: 1, CreatedDate: mt(t0.Add(2 * time.Minute)), ProductDetails: termo,
			PhotoLinks: photo},
		{ID: "f4", Pros: "Ёлка пушистая", ProductValuation: 4, CreatedDate: mt(t0.Add(3 * time.Minute)), ProductDetails: chai, Answer: answered},
		{ID: "f5", Text: "Как всегда оптомания", ProductValuation: 2, CreatedDate: mt(t0.Add(4 * time.Minute)), ProductDetails: chai},
	}
}

func rowIDs(rows []PaneRow) string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return strings.Join(ids, " ")
}

// all reads every row of q through one window.
func all(t *testing.T, s *Store, q PaneQuery) []PaneRow {
	t.Helper()
	rows, total, _, err := s.Window(context.Background(), q, Start(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(rows) || n != total {
		t.Fatalf("%+v: window total %d, Count %d, %d rows", q, total, n, len(rows))
	}
	return rows
}

func TestPaneQueryFeedbackFilters(t *testing.T) {
	s := openTemp(t)
	if _, err := s.PutFeedbacks(context.Background(), paneFeedbacks()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    PaneQuery
		want string
	}{
		{"everything, newest first", PaneQuery{}, "f5 f4 f3 f2 f1"},
		{"oldest first", PaneQuery{Sort: SortOldest}, "f1 f2 f3 f4 f5"},
		// Unanswered feedbacks are due 30 days after they were left; the
		// answered ones have no deadline and follow, oldest first.
		{"deadline", PaneQuery{Sort: SortDeadline}, "f2 f3 f5 f1 f4"},
		{"1–3 stars", PaneQuery{Filter: Filter{RatingMin: 1, RatingMax: 3}}, "f5 f3 f2"},
		{"4 stars and up", PaneQuery{Filter: Filter{RatingMin: 4}}, "f4 f1"},
		{"up to 2 stars", PaneQuery{Filter: Filter{RatingMax: 2}}, "f5 f3"},
		{"with photos", PaneQuery{Filter: Filter{WithPhotos: true}}, "f3 f1"},
		{"return available", PaneQuery{Filter: Filter{ReturnAvailable: true}}, "f1"},
		{"vendor code substring, any case", PaneQuery{Filter: Filter{Article: "termo"}}, "f3 f1"},
		{"Cyrillic vendor code, any case", PaneQuery{Filter: Filter{Article: "ЧАЙ-ЗЕЛ"}}, "f5 f4 f2"},
		{"WB article digits", PaneQuery{Filter: Filter{Article: "183309112"}}, "f3 f1"},
		{"product name, ё as е", PaneQuery{Filter: Filter{Product: "зеленый"}}, "f5 f4 f2"},
		{"product name substring, any case", PaneQuery{Filter: Filter{Product: "КРУЖКА"}}, "f3 f1"},
		{"date range, inclusive", PaneQuery{Filter: Filter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}}, "f4 f3 f2"},
		{"unanswered", PaneQuery{Filter: Filter{Status: StatusNeedsAction}}, "f5 f3 f2"},
		{"answered", PaneQuery{Filter: Filter{Status: StatusDone}}, "f4 f1"},
		{"answer state", PaneQuery{Filter: Filter{States: []string{string(models.AnswerPublished)}}}, "f4 f1"},
		{"feedbacks have no archive", PaneQuery{Filter: Filter{Archive: ArchiveOnly}}, ""},
		// `оптом` is a whole word of f1 and f3, which come first, and
		// starts a word of f5; "оптовый" (f2) is not matched, whatever
		// letters it shares.
		{"text: word starts only, whole words first", PaneQuery{Text: "оптом"}, "f3 f1 f5"},
		{"text: inside a word never matches", PaneQuery{Text: "том"}, ""},
		{"text: ё finds е", PaneQuery{Text: "зеленый"}, "f5 f4 f2"}, // f2's text, the others' product
		{"text: е finds ё", PaneQuery{Text: "елка"}, "f4"},
		{"text: ё in the query", PaneQuery{Text: "ЁЛКА"}, "f4"},
		{"text: every word must match", PaneQuery{Text: "оптом дешев"}, "f3"},
		{"text: product name", PaneQuery{Text: "термокр"}, "f3 f1"},
		{"text and filter", PaneQuery{Text: "оптом", Filter: Filter{WithPhotos: true}}, "f3 f1"},
		{"text, oldest first", PaneQuery{Text: "оптом", Sort: SortOldest}, "f1 f3 f5"},
		{"filters combine", PaneQuery{Filter: Filter{Product: "кружка", Status: StatusNeedsAction, RatingMax: 3}}, "f3"},
		{"syntax is never FTS syntax", PaneQuery{Text: `оптом OR "feedback" NEAR(`}, ""},
		{"a kind's name is not a word of it", PaneQuery{Text: "feedback"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Kind = KindFeedback
			if got := rowIDs(all(t, s, tt.q)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPaneQueryTextSaysWhyItMatched(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutFeedbacks(ctx, paneFeedbacks()); err != nil {
		t.Fatal(err)
	}
	rows := all(t, s, PaneQuery{Kind: KindFeedback, Text: "оптом"})
	want := map[string]struct {
		match string
		whole bool
	}{
		"f5": {"Как всегда [оптомания] • Чай зелёный • чай-зел-100 • 191234500", false},
		"f3": {"Пришло вовремя, [оптом] дешевле • Термокружка 450 мл • KRUZH-TERMO-450…", true},
		"f1": {"Отличное качество, [оптом] брали • Спасибо! • Термокружка 450 мл • KRUZH-TERMO…", true},
	}
	marks := strings.NewReplacer(MarkStart, "[", MarkEnd, "]")
	for _, r := range rows {
		w := want[r.ID]
		if got := marks.Replace(r.Match); got != w.match || r.Whole != w.whole {
			t.Errorf("%s: match %q whole %v, want %q whole %v", r.ID, got, r.Whole, w.match, w.whole)
		}
	}
	// The text shows as written, ё and all, whichever letter was typed.
	// On PostgreSQL елк is the stem of ёлка, so the word is whole there.
	rows = all(t, s, PaneQuery{Kind: KindFeedback, Text: "елк"})
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Match, MarkStart+"Ёлка"+MarkEnd+" пушистая • ") || rows[0].Whole != s.d.pg {
		t.Errorf("ёлк: %+v", rows)
	}
	// Without text nothing is said.
	for _, r := range all(t, s, PaneQuery{Kind: KindFeedback}) {
		if r.Match != "" || r.Whole {
			t.Errorf("%s matched %q without text", r.ID, r.Match)
		}
	}
}

func TestPaneQueryOtherKinds(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	must := func(_ Changes, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.PutFeedbacks(ctx, paneFeedbacks()))
	q1 := question("q1", t0, "Подходит для посудомойки?", false)
	q2 := question("q2", t0.Add(time.Minute), "Сколько пакетиков?", true)
	q2.ProductDetails = models.WBProductDetails{NmID: 150221907, ProductName: "Наушники TWS", SupplierArticle: "NAUSH-TWS"}
	must(s.PutQuestions(ctx, []models.Question{q1, q2}))
	// c1 is about the tea (nm 191234500), c2 about the headphones, c3
	// has no product.
	must(s.PutChats(ctx, []models.Chat{
		{ChatID: "c1", ClientName: "Артём", GoodCard: &models.ChatListing{NmID: 191234500},
			LastMessage: &models.ChatLastMessage{Text: "Когда отправите?", AddTimestamp: models.UnixMillis(t0.UnixMilli())}},
		{ChatID: "c2", ClientName: "Ольга", GoodCard: &models.ChatListing{NmID: 150221907},
			LastMessage: &models.ChatLastMessage{Text: "Спасибо", AddTimestamp: models.UnixMillis(t0.Add(time.Minute).UnixMilli())}},
		{ChatID: "c3", ClientName: "Пётр"},
	}))
	must(s.PutChatEvents(ctx, []models.ChatEvent{
		{ChatID: "c1", EventID: "e1", Sender: models.ChatSenderClient, AddTimestamp: models.UnixMillis(t0.UnixMilli()),
			Message: &models.ChatMessage{Text: "Заказал ёлку, когда отправите?"}},
		{ChatID: "c2", EventID: "e2", Sender: models.ChatSenderSeller, AddTimestamp: models.UnixMillis(t0.Add(time.Minute).UnixMilli()),
			Message: &models.ChatMessage{Text: "Отправили вчера"}},
	}))
	must(s.PutClaims(ctx, []models.Claim{
		{ID: "k1", NmID: 150221907, ImtName: "Наушники TWS", UserComment: "Не заряжается", Dt: mt(t0),
			Photos: []string{"/p.jpg"}, Actions: []models.ClaimAction{models.ClaimApprove1}},
		{ID: "k2", NmID: 183309112, ImtName: "Термокружка", UserComment: "Протекает", Dt: mt(t0.Add(time.Minute)),
			Actions: []models.ClaimAction{models.ClaimApprove1}},
	}, false))
	must(s.PutClaims(ctx, []models.Claim{
		{ID: "k3", NmID: 150221907, ImtName: "Наушники TWS", UserComment: "Треск", Dt: mt(t0.Add(2 * time.Minute)), Status: models.ClaimRejected},
	}, true))
	must(s.PutReturns(ctx, []models.YMReturn{
		{ID: 1, OrderID: 11, CreationDate: mt(t0), UpdateDate: mt(t0), RefundStatus: "REFUNDED",
			Items: []models.YMReturnItem{{ShopSku: "PLED-FLIS-150"}, {ShopSku: "Подушка-50", Decisions: []models.YMReturnDecision{{Images: []string{"h1"}}}}}},
		{ID: 2, OrderID: 12, CreationDate: mt(t0.Add(time.Minute)), UpdateDate: mt(t0.Add(time.Minute)), RefundStatus: "STARTED_BY_USER",
			Items: []models.YMReturnItem{{ShopSku: "KOVER-200"}}},
		{ID: 3, OrderID: 13, CreationDate: mt(t0.Add(2 * time.Minute)), UpdateDate: mt(t0.Add(2 * time.Minute)), RefundStatus: "REFUNDED",
			ReturnType: models.YMReturnTypeUnredeemed},
		// The oldest, but awaiting a decision.
		{ID: 4, OrderID: 14, CreationDate: mt(t0.Add(-time.Hour)), UpdateDate: mt(t0.Add(-time.Hour)), RefundStatus: models.YMRefundWaitingForDecision},
	}))
	tests := []struct {
		name string
		q    PaneQuery
		want string
	}{
		{"questions", PaneQuery{Kind: KindQuestion}, "q2 q1"},
		{"questions by product", PaneQuery{Kind: KindQuestion, Filter: Filter{Product: "чай"}}, "q1"},
		{"unanswered questions", PaneQuery{Kind: KindQuestion, Filter: Filter{Status: StatusNeedsAction}}, "q1"},
		{"questions by vendor code", PaneQuery{Kind: KindQuestion, Filter: Filter{Article: "tws"}}, "q2"},
		{"questions have no rating", PaneQuery{Kind: KindQuestion, Filter: Filter{RatingMin: 1}}, ""},
		{"chats by product name", PaneQuery{Kind: KindChat, Filter: Filter{Product: "ЗЕЛЁН"}}, "c1"},
		{"chats by the claim's product name", PaneQuery{Kind: KindChat, Filter: Filter{Product: "наушн"}}, "c2"},
		{"chats by vendor code", PaneQuery{Kind: KindChat, Filter: Filter{Article: "naush"}}, "c2"},
		{"chats by WB article", PaneQuery{Kind: KindChat, Filter: Filter{Article: "191234500"}}, "c1"},
		{"chat text in a message", PaneQuery{Kind: KindChat, Text: "елку"}, "c1"},
		{"chat text in the buyer's name", PaneQuery{Kind: KindChat, Text: "петр"}, "c3"},
		{"chat text matches each chat once", PaneQuery{Kind: KindChat, Text: "отправ"}, "c2 c1"},
		// c3 has no events: nobody knows whether its buyer waits.
		{"chats awaiting a reply or a look", PaneQuery{Kind: KindChat, Filter: Filter{Status: StatusNeedsAction}}, "c1 c3"},
		{"active claims", PaneQuery{Kind: KindClaim, Filter: Filter{Archive: ArchiveActive}}, "k2 k1"},
		{"archived claims", PaneQuery{Kind: KindClaim, Filter: Filter{Archive: ArchiveOnly}}, "k3"},
		{"claims with photos", PaneQuery{Kind: KindClaim, Filter: Filter{WithPhotos: true}}, "k1"},
		{"claims by status", PaneQuery{Kind: KindClaim, Filter: Filter{States: []string{"1"}}}, "k3"},
		{"claims by WB article", PaneQuery{Kind: KindClaim, Filter: Filter{Article: "150221907"}}, "k3 k1"},
		{"claims by vendor code of the product", PaneQuery{Kind: KindClaim, Filter: Filter{Article: "termo"}}, "k2"},
		{"claim text", PaneQuery{Kind: KindClaim, Text: "заряжа"}, "k1"},
		{"returns by any item's vendor code", PaneQuery{Kind: KindReturn, Filter: Filter{Article: "подушка"}}, "1"},
		{"returns by vendor code", PaneQuery{Kind: KindReturn, Filter: Filter{Article: "-"}}, "2 1"},
		{"returns by type", PaneQuery{Kind: KindReturn, Filter: Filter{ReturnType: "UNREDEEMED"}}, "3"},
		{"returns by order", PaneQuery{Kind: KindReturn, Filter: Filter{OrderID: 11}}, "1"},
		{"returns awaiting a decision first, then newest", PaneQuery{Kind: KindReturn, Sort: SortActionFirst}, "4 3 2 1"},
		{"a type filter selects no other kind", PaneQuery{Kind: KindQuestion, Filter: Filter{ReturnType: "UNREDEEMED"}}, ""},
		{"returns with photos", PaneQuery{Kind: KindReturn, Filter: Filter{WithPhotos: true}}, "1"},
		{"returns by refund status", PaneQuery{Kind: KindReturn, Filter: Filter{States: []string{"STARTED_BY_USER", "X"}}}, "2"},
		{"returns have no product name", PaneQuery{Kind: KindReturn, Filter: Filter{Product: "плед"}}, ""},
		{"return text", PaneQuery{Kind: KindReturn, Text: "kover"}, "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rowIDs(all(t, s, tt.q)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	rows := all(t, s, PaneQuery{Kind: KindChat, Text: "елку"})
	if len(rows) != 1 || !strings.Contains(rows[0].Match, MarkStart+"ёлку"+MarkEnd) || !rows[0].Whole {
		t.Errorf("a chat matched by its message: %+v", rows)
	}
}

// seedQuestions stores n questions a minute apart: q000 the oldest, every
// third one answered.
func seedQuestions(t *testing.T, s *Store, n int) {
	t.Helper()
	qs := make([]models.Question, n)
	for i := range qs {
		qs[i] = question(fmt.Sprintf("q%03d", i), t0.Add(time.Duration(i)*time.Minute), fmt.Sprintf("вопрос номер %d", i), i%3 == 0)
	}
	if _, err := s.PutQuestions(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
}

// qid is the ID of the question at position pos in the newest-first order
// of n questions.
func qids(n int, positions ...int) string {
	var ids []string
	for _, p := range positions {
		ids = append(ids, fmt.Sprintf("q%03d", n-1-p))
	}
	return strings.Join(ids, " ")
}

func span(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestPaneWindows(t *testing.T) {
	const n = 40
	s := openTemp(t)
	ctx := context.Background()
	seedQuestions(t, s, n)
	q := PaneQuery{Kind: KindQuestion}
	tests := []struct {
		name          string
		around        Cursor
		before, after int
		wantRows      []int // positions
		wantPos       int
	}{
		{"the start", Start(), 5, 9, span(0, 9), 0},
		{"the end (G)", End(), 9, 5, span(30, 39), 39},
		{"around an item", At(qids(n, 20)), 3, 4, span(17, 24), 20},
		{"near the start, fewer rows before", At(qids(n, 1)), 3, 2, span(0, 3), 1},
		{"near the end, fewer rows after", At(qids(n, 38)), 2, 5, span(36, 39), 38},
		{"the anchor alone", At(qids(n, 7)), 0, 0, []int{7}, 7},
		{"an unknown item starts at the start", At("nope"), 0, 2, span(0, 2), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total, pos, err := s.Window(ctx, q, tt.around, tt.before, tt.after)
			if err != nil {
				t.Fatal(err)
			}
			if total != n || pos != tt.wantPos || rowIDs(rows) != qids(n, tt.wantRows...) {
				t.Fatalf("total %d pos %d rows %s, want %d %d %s", total, pos, rowIDs(rows), n, tt.wantPos, qids(n, tt.wantRows...))
			}
			for i, r := range rows {
				if r.Pos != tt.wantRows[i] {
					t.Errorf("%s at Pos %d, want %d", r.ID, r.Pos, tt.wantRows[i])
				}
			}
			if a := rows[pos-rows[0].Pos]; a.Pos != pos {
				t.Errorf("anchor %s has Pos %d, position %d", a.ID, a.Pos, pos)
			}
		})
	}

	// Paging down and up by the rows' cursors walks the whole list, each
	// row once, in both directions.
	var down []string
	c := Start()
	for {
		rows, _, pos, err := s.Window(ctx, q, c, 0, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) <= 1 {
			down = append(down, rows[0].ID)
			break
		}
		if pos != len(down) {
			t.Fatalf("window at %d, expected %d", pos, len(down))
		}
		for _, r := range rows[:len(rows)-1] {
			down = append(down, r.ID)
		}
		c = rows[len(rows)-1].Cursor()
	}
	if strings.Join(down, " ") != qids(n, span(0, n-1)...) {
		t.Fatalf("paging down: %v", down)
	}
	var up []string
	c = End()
	for {
		rows, _, _, err := s.Window(ctx, q, c, 6, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(rows) - 1; i >= 1; i-- {
			up = append(up, rows[i].ID)
		}
		if len(rows) <= 1 {
			up = append(up, rows[0].ID)
			break
		}
		c = rows[0].Cursor()
	}
	slices.Reverse(up)
	if strings.Join(up, " ") != qids(n, span(0, n-1)...) {
		t.Fatalf("paging up: %v", up)
	}
}

func TestPaneWindowKeepsItsPlace(t *testing.T) {
	const n = 12
	s := openTemp(t)
	ctx := context.Background()
	seedQuestions(t, s, n)
	// Unanswered, newest first: q010 q008 q007 q005 q004 q002 q001.
	q := PaneQuery{Kind: KindQuestion, Filter: Filter{Status: StatusNeedsAction}}
	rows, total, pos, err := s.Window(ctx, q, At("q007"), 1, 1)
	if err != nil || total != 8 || pos != 3 || rowIDs(rows) != "q008 q007 q005" {
		t.Fatalf("before: %s total %d pos %d %v", rowIDs(rows), total, pos, err)
	}
	cur := rows[1].Cursor()
	// Answering q007 takes it out of the view: the cursor lands on the
	// row that took its place, not on the first row.
	answered := question("q007", t0.Add(7*time.Minute), "вопрос номер 7", true)
	if _, err := s.PutQuestions(ctx, []models.Question{answered}); err != nil {
		t.Fatal(err)
	}
	rows, total, pos, err = s.Window(ctx, q, cur, 1, 1)
	if err != nil || total != 7 || pos != 3 || rowIDs(rows) != "q008 q005 q004" || rows[pos-rows[0].Pos].ID != "q005" {
		t.Fatalf("after: %s total %d pos %d %v", rowIDs(rows), total, pos, err)
	}
	// A key of another sort column cannot place the cursor: the start.
	if _, err := s.PutQuestions(ctx, []models.Question{question("q005", t0.Add(5*time.Minute), "вопрос номер 5", true)}); err != nil {
		t.Fatal(err)
	}
	rows, _, pos, err = s.Window(ctx, PaneQuery{Kind: KindQuestion, Filter: q.Filter, Sort: SortDeadline}, cur, 1, 1)
	if err != nil || pos != 0 || rowIDs(rows) != "q001 q002" {
		t.Fatalf("another order: %s pos %d %v", rowIDs(rows), pos, err)
	}
	// The same column in the other direction keeps the place.
	rows, _, pos, err = s.Window(ctx, PaneQuery{Kind: KindQuestion, Filter: q.Filter, Sort: SortOldest}, cur, 1, 1)
	if err != nil || pos != 3 || rowIDs(rows) != "q004 q008 q010" {
		t.Fatalf("oldest first: %s pos %d %v", rowIDs(rows), pos, err)
	}
	// The last row leaving the view: the window is the new end.
	rows, _, _, err = s.Window(ctx, q, End(), 0, 0)
	if err != nil || rowIDs(rows) != "q001" {
		t.Fatalf("end: %s %v", rowIDs(rows), err)
	}
	last := rows[0].Cursor()
	if _, err := s.PutQuestions(ctx, []models.Question{question("q001", t0.Add(time.Minute), "вопрос номер 1", true)}); err != nil {
		t.Fatal(err)
	}
	rows, total, pos, err = s.Window(ctx, q, last, 2, 2)
	if err != nil || rowIDs(rows) != "q008 q004 q002" || pos != total-1 || total != 5 {
		t.Fatalf("after the last left: %s total %d pos %d %v", rowIDs(rows), total, pos, err)
	}
	// An empty view.
	rows, total, pos, err = s.Window(ctx, PaneQuery{Kind: KindQuestion, Text: "нет такого"}, End(), 5, 5)
	if err != nil || len(rows) != 0 || total != 0 || pos != 0 {
		t.Fatalf("empty: %s total %d pos %d %v", rowIDs(rows), total, pos, err)
	}
}

func TestPanePositionAndCount(t *testing.T) {
	const n = 30
	s := openTemp(t)
	ctx := context.Background()
	seedQuestions(t, s, n)
	for _, tt := range []struct {
		q     PaneQuery
		id    string
		pos   int
		ok    bool
		count int
	}{
		{PaneQuery{Kind: KindQuestion}, "q029", 0, true, 30},
		{PaneQuery{Kind: KindQuestion}, "q000", 29, true, 30},
		{PaneQuery{Kind: KindQuestion, Sort: SortOldest}, "q000", 0, true, 30},
		{PaneQuery{Kind: KindQuestion, Sort: SortOldest}, "q017", 17, true, 30},
		// Questions have no deadline: the oldest first.
		{PaneQuery{Kind: KindQuestion, Sort: SortDeadline}, "q017", 17, true, 30},
		{PaneQuery{Kind: KindQuestion, Filter: Filter{Status: StatusDone}}, "q003", 8, true, 10}, // q027 q024 … q003 q000
		{PaneQuery{Kind: KindQuestion, Filter: Filter{Status: StatusDone}}, "q004", 0, false, 10},
		// 2 is a whole word of q002 only, which comes first; then 29–20
		{PaneQuery{Kind: KindQuestion, Text: "номер 2"}, "q020", 10, true, 11},
		{PaneQuery{Kind: KindFeedback}, "q001", 0, false, 0},
	} {
		pos, ok, err := s.Position(ctx, tt.q, tt.id)
		if err != nil || pos != tt.pos || ok != tt.ok {
			t.Errorf("%+v %s: position %d %v %v, want %d %v", tt.q, tt.id, pos, ok, err, tt.pos, tt.ok)
		}
		if c, err := s.Count(ctx, tt.q); err != nil || c != tt.count {
			t.Errorf("%+v: count %d %v, want %d", tt.q, c, err, tt.count)
		}
	}
}

func TestPaneQuerySeesLaterWrites(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutFeedbacks(ctx, paneFeedbacks()); err != nil {
		t.Fatal(err)
	}
	q := PaneQuery{Kind: KindFeedback, Text: "оптом", Filter: Filter{WithPhotos: true}}
	if rows := all(t, s, q); rowIDs(rows) != "f3 f1" {
		t.Fatalf("before: %s", rowIDs(rows))
	}
	later := feedback("f6", t0.Add(time.Hour), "Брали оптом, всё целое", 5)
	later.PhotoLinks = []models.PhotoLink{{FullSize: "https://example.test/6.jpg"}}
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{later}); err != nil {
		t.Fatal(err)
	}
	if rows := all(t, s, q); rowIDs(rows) != "f6 f3 f1" {
		t.Fatalf("after an insert: %s", rowIDs(rows))
	}
	// An update that drops the photos takes the item out: the triggers
	// follow the JSON.
	later.PhotoLinks = nil
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{later}); err != nil {
		t.Fatal(err)
	}
	if rows := all(t, s, q); rowIDs(rows) != "f3 f1" {
		t.Fatalf("after an update: %s", rowIDs(rows))
	}
}

// TestPaneQueryAfterUpgrade: a database written by version 1 gets the
// filter columns filled and its search index rebuilt by the migration.
func TestPaneQueryAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, loadFixture(t, "v1.sql"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range []struct {
		q    PaneQuery
		want int
	}{
		{PaneQuery{Kind: KindFeedback, Filter: Filter{Product: "термокружка", RatingMax: 2}}, 1},
		{PaneQuery{Kind: KindFeedback, Filter: Filter{WithPhotos: true}}, 0},
		{PaneQuery{Kind: KindFeedback, Text: "емкость"}, 1},
		{PaneQuery{Kind: KindQuestion, Filter: Filter{Article: "chai-zel"}}, 1},
		{PaneQuery{Kind: KindQuestion, Filter: Filter{States: []string{"suppliersPortalSynch"}}}, 1},
		{PaneQuery{Kind: KindReturn, Filter: Filter{Article: "flis", States: []string{"PREMODERATION_DECISION_WAITING"}}}, 1},
		{PaneQuery{Kind: KindClaim, Filter: Filter{Archive: ArchiveActive, Product: "наушники"}}, 1},
		{PaneQuery{Kind: KindChat, Text: "отправите"}, 1},
		{PaneQuery{Kind: KindChat, Sort: SortDeadline}, 1},
	} {
		if n, err := s.Count(ctx, tt.q); err != nil || n != tt.want {
			t.Errorf("%+v: %d %v, want %d", tt.q, n, err, tt.want)
		}
	}
}

func TestMatchPassage(t *testing.T) {
	for _, tt := range []struct {
		text  string
		terms []string
		want  string
		whole bool
		ok    bool
	}{
		{"Брали оптом", []string{"оптом"}, "Брали " + MarkStart + "оптом" + MarkEnd, true, true},
		{"ОПТОМАНИЯ", []string{"оптом"}, MarkStart + "ОПТОМАНИЯ" + MarkEnd, false, true},
		{"потом", []string{"том"}, "", false, false},
		{"раз два три четыре пять шесть семь восемь девять десять одиннадцать", []string{"девять"},
			"…шесть семь восемь " + MarkStart + "девять" + MarkEnd + " десять одиннадцать", true, true},
		{"одно есть", []string{"одно", "нет"}, "", false, false},
	} {
		p, ok := matchPassage(tt.text, tt.terms)
		if ok != tt.ok || p.text != tt.want || p.whole != tt.whole {
			t.Errorf("%q %v: %q whole %v ok %v, want %q %v %v", tt.text, tt.terms, p.text, p.whole, ok, tt.want, tt.whole, tt.ok)
		}
	}
}

// TestSearchIgnoresKindNames: the kind column is indexed for the panes
// (migrateQueryColumns), and a search must still look only at the texts.
func TestSearchIgnoresKindNames(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutFeedbacks(ctx, paneFeedbacks()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"feedback", "feed"} {
		if hits, err := s.Search(ctx, q, 10); err != nil || len(hits) != 0 {
			t.Errorf("search %q: %+v %v", q, hits, err)
		}
	}
	if hits, err := s.Search(ctx, "оптом", 10); err != nil || len(hits) != 3 {
		t.Errorf("search оптом: %+v %v", hits, err)
	}
}

// Slide reads what Window reads around a row whose position is known,
// without counting, and says when the row left the query.
func TestPaneSlide(t *testing.T) {
	const n = 40
	s := openTemp(t)
	ctx := context.Background()
	seedQuestions(t, s, n)
	q := PaneQuery{Kind: KindQuestion}
	want, _, pos, err := s.Window(ctx, q, At("q020"), 3, 4)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Slide(ctx, q, want[3].Cursor(), pos, 3, 4)
	if err != nil || !ok || rowIDs(got) != rowIDs(want) {
		t.Fatalf("slide %s ok %v %v, want %s", rowIDs(got), ok, err, rowIDs(want))
	}
	for i := range got {
		if got[i].Pos != want[i].Pos {
			t.Fatalf("row %s at %d, want %d", got[i].ID, got[i].Pos, want[i].Pos)
		}
	}
	// Near the start: only the rows that exist before it.
	got, ok, err = s.Slide(ctx, q, At("q038"), 1, 5, 1)
	if err != nil || !ok || rowIDs(got) != qids(n, 0, 1, 2) || got[0].Pos != 0 {
		t.Fatalf("near the start: %s ok %v %v", rowIDs(got), ok, err)
	}
	// The row left the query: not ok, so the pane counts again.
	un := PaneQuery{Kind: KindQuestion, Filter: Filter{Status: StatusNeedsAction}}
	if _, ok, err := s.Slide(ctx, un, At("q021"), 5, 2, 2); err != nil || ok {
		t.Fatalf("an answered row slid: ok %v %v", ok, err)
	}
}

// Next finds the neighbour that needs action in the pane's order, from a
// row that itself may or may not need it.
func TestPaneNext(t *testing.T) {
	const n = 12
	s := openTemp(t)
	ctx := context.Background()
	seedQuestions(t, s, n) // every third answered: q000 q003 q006 q009
	all := PaneQuery{Kind: KindQuestion}
	needs := PaneQuery{Kind: KindQuestion, Filter: Filter{Status: StatusNeedsAction}}
	rows, _, _, err := s.Window(ctx, all, Start(), 0, n)
	if err != nil {
		t.Fatal(err)
	}
	at := func(id string) Cursor {
		for _, r := range rows {
			if r.ID == id {
				return r.Cursor()
			}
		}
		t.Fatalf("no row %s", id)
		return Cursor{}
	}
	for _, tt := range []struct {
		from    string
		forward bool
		want    string
	}{
		{"q011", true, "q010"}, // newest first: the next one down
		{"q010", true, "q008"}, // past the answered q009
		{"q009", true, "q008"}, // from an answered row
		{"q008", false, "q010"},
		{"q001", true, ""},  // nothing after the last
		{"q011", false, ""}, // nothing before the first
	} {
		id, ok, err := s.Next(ctx, needs, at(tt.from), tt.forward)
		if err != nil || id != tt.want || ok != (tt.want != "") {
			t.Errorf("from %s forward %v: %q %v %v, want %q", tt.from, tt.forward, id, ok, err, tt.want)
		}
	}
}

// TestPassageOfKeepsTheTextAsWritten: ё stays in the passage; a word an
// invisible character splits (which the index reads whole) is still found,
// in the folded text.
func TestPassageOfKeepsTheTextAsWritten(t *testing.T) {
	for _, tt := range []struct {
		text  string
		terms []string
		want  string
	}{
		{"Продаёте оптом", []string{"продаете"}, MarkStart + "Продаёте" + MarkEnd + " оптом"},
		{"Продаёте оп\u200bтом", []string{"оптом"}, "Продаете " + MarkStart + "оптом" + MarkEnd},
	} {
		p, ok := passageOf(tt.text, tt.terms)
		if !ok || p.text != tt.want {
			t.Errorf("%q %v: %q %v, want %q", tt.text, tt.terms, p.text, ok, tt.want)
		}
	}
}

// TestPaneQueryReturnFilters: a return's type and order, which live only
// in its JSON, select returns on both backends (PostgreSQL reads the
// JSON's values as text, SQLite's json_extract as numbers).
func TestPaneQueryReturnFilters(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rs := []models.YMReturn{
		{ID: 1, OrderID: 70, ReturnType: models.YMReturnTypeReturn, CreationDate: mt(t0), RefundStatus: "STARTED_BY_USER"},
		{ID: 2, OrderID: 71, ReturnType: models.YMReturnTypeUnredeemed, CreationDate: mt(t0.Add(time.Minute)), RefundStatus: "STARTED_BY_USER"},
		{ID: 3, OrderID: 70, ReturnType: models.YMReturnTypeUnredeemed, CreationDate: mt(t0.Add(2 * time.Minute)), RefundStatus: "STARTED_BY_USER"},
	}
	if _, err := s.PutReturns(ctx, rs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		f    Filter
		want string
	}{
		{Filter{ReturnType: string(models.YMReturnTypeUnredeemed)}, "3 2"},
		{Filter{ReturnType: string(models.YMReturnTypeReturn)}, "1"},
		{Filter{OrderID: 70}, "3 1"},
		{Filter{OrderID: 70, ReturnType: string(models.YMReturnTypeReturn)}, "1"},
		{Filter{OrderID: 72}, ""},
	} {
		if got := rowIDs(all(t, s, PaneQuery{Kind: KindReturn, Filter: tt.f})); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.f, got, tt.want)
		}
	}
}
