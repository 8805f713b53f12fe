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

// window is what a pane shows for q: the rows with why they matched, the
// count, and where an item sits.
func window(t *testing.T, s *Store, q PaneQuery) string {
	t.Helper()
	ctx := context.Background()
	rows, total, _, err := s.Window(ctx, q, Start(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d:", total, n)
	for _, r := range rows {
		pos, ok, err := s.Position(ctx, q, r.ID)
		if err != nil || !ok || pos != r.Pos {
			t.Fatalf("%+v: %s at %d, Position %d %v %v", q, r.ID, r.Pos, pos, ok, err)
		}
		fmt.Fprintf(&b, " %s[%s %v]", r.ID, r.Match, r.Whole)
	}
	return b.String()
}

// uncached is window read by a store that has no text set yet.
func uncached(t *testing.T, s *Store, q PaneQuery) string {
	t.Helper()
	s.texts.mu.Lock()
	saved := s.texts.last
	s.texts.last = nil
	s.texts.mu.Unlock()
	defer func() {
		s.texts.mu.Lock()
		s.texts.last = saved
		s.texts.mu.Unlock()
	}()
	return window(t, s, q)
}

// textFeedbacks have words that start one another (опт, оптом,
// оптовый, оптомания), ё and е, and a word inside another.
func textFeedbacks() []models.Feedback {
	texts := []string{
		"Отличное качество, оптом брали",
		"Зелёный цвет, оптовый заказ",
		"Пришло вовремя, оптом дешевле",
		"Ёлка пушистая, зеленая",
		"Как всегда оптомания",
		"В оптимальном объёме, качественно",
		"Качество так себе, брали в подарок",
		"Брали дочке, качество отличное",
	}
	out := make([]models.Feedback, len(texts))
	for i, text := range texts {
		out[i] = feedback(fmt.Sprintf("f%d", i+1), t0.Add(time.Duration(i)*time.Minute), text, 1+i%5)
	}
	return out
}

// TestTextSetTypingMatchesUncached types and erases texts one character at
// a time: every keystroke that narrows the last text refines its set, and
// what the pane shows must be what a store without any set shows.
func TestTextSetTypingMatchesUncached(t *testing.T) {
	for _, sparse := range []int{0, 1 << 30} {
		t.Run(fmt.Sprintf("sparseSet=%d", sparse), func(t *testing.T) {
			saved := sparseSet
			sparseSet = sparse
			defer func() { sparseSet = saved }()
			s := openTemp(t)
			if _, err := s.PutFeedbacks(context.Background(), textFeedbacks()); err != nil {
				t.Fatal(err)
			}
			for _, text := range []string{"оптом брали", "качество отличное", "Зелё цвет", "зеле ЁЛКА", "брали  опт дешевле"} {
				keys := typing(text)
				for i := len(keys) - 2; i >= 0; i-- { // and back again
					keys = append(keys, keys[i])
				}
				for _, k := range keys {
					for _, f := range []Filter{{}, {RatingMin: 2}} {
						q := PaneQuery{Kind: KindFeedback, Text: k, Filter: f}
						got := window(t, s, q)
						if want := uncached(t, s, q); got != want {
							t.Errorf("%q %+v: %s, want %s", k, f, got, want)
						}
					}
				}
			}
		})
	}
}

// TestTextSetWordStarts: a narrowed set keeps the items whose words start
// with every term, case and ё/е aside, and only those.
func TestTextSetWordStarts(t *testing.T) {
	s := openTemp(t)
	if _, err := s.PutFeedbacks(context.Background(), textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	// On PostgreSQL a word is found by its Russian stem too, and a word
	// of the term's stem is whole (ranked first): опт is the stem of
	// оптом, зелен of зеленая, качеств of качество. pg is what differs.
	for _, step := range []struct{ text, want, pg string }{
		{"о", "f8 f7 f6 f5 f4 f3 f2 f1", ""}, // the buyer, Ольга, too
		{"опт", "f6 f5 f3 f2 f1", "f3 f1 f6 f5 f2"},
		{"оптом", "f3 f1 f5", ""},  // not оптовый, not оптимальном; the whole word first
		{"оптом ", "f3 f1 f5", ""}, // a space adds no term
		{"оптом б", "f1", ""},      // брали
		{"оптом бр", "f1", ""},     //
		{"оптомБРАЛИ", "", ""},     // one word, which nothing starts with
		{"зел", "f4 f2", ""},       // зелёный, зеленая
		{"зелё", "f4 f2", ""},      // ё is е
		{"зеленый", "f2", "f4 f2"}, // and е is ё; on PostgreSQL зеленая is зеленый's word
		{"зеленый ц", "f2", ""},    //
		{"качеств", "f8 f7 f6 f1", "f8 f7 f1 f6"},
		{"качество", "f8 f7 f1", ""}, // not качественно (a stem of its own: качествен)
		{"качество отл", "f8 f1", ""},
	} {
		want := step.want
		if s.d.pg && step.pg != "" {
			want = step.pg
		}
		rows := all(t, s, PaneQuery{Kind: KindFeedback, Text: step.text})
		if got := rowIDs(rows); got != want {
			t.Errorf("%q: %q, want %q", step.text, got, want)
		}
	}
}

// TestTextSetFollowsWrites: the set of a text is read again after any
// write that may change what it matches, by this store or another one on
// the same database, so an item added, edited or deleted shows at once.
func TestTextSetFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	other := openSame(t, s)
	fs := textFeedbacks()
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	q := PaneQuery{Kind: KindFeedback, Text: "оптом"}
	narrower := PaneQuery{Kind: KindFeedback, Text: "оптом брали"}
	// The narrower text is read first, as the set the last check left
	// (the same text), then narrowed from the wider one.
	check := func(when, want, wantNarrower string) {
		t.Helper()
		for i, q := range []PaneQuery{narrower, q, narrower} {
			w := map[bool]string{true: wantNarrower, false: want}[q.Text == narrower.Text]
			if got := rowIDs(all(t, s, q)); got != w {
				t.Errorf("%s, read %d (%q): %q, want %q", when, i, q.Text, got, w)
			}
		}
	}
	// оптом is a whole word of f3 and f1, which come first, and starts
	// f5's оптомания.
	check("at first", "f3 f1 f5", "f1")

	added := feedback("f9", t0.Add(time.Hour), "Брали оптом", 5)
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{added}); err != nil {
		t.Fatal(err)
	}
	check("after an insert", "f9 f3 f1 f5", "f9 f1")

	fs[0].Text = "Отличное качество" // no longer оптом
	if _, err := other.PutFeedbacks(ctx, []models.Feedback{fs[0]}); err != nil {
		t.Fatal(err)
	}
	check("after another store's edit", "f9 f3 f5", "f9")

	if err := other.ClearCache(ctx); err != nil {
		t.Fatal(err)
	}
	check("after another store's delete", "", "")
}

// TestTextSetReturnsForgotten: returns deleted with their campaign leave
// the text's set.
func TestTextSetReturnsForgotten(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.UseCampaign(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutReturns(ctx, []models.YMReturn{{ID: 1, OrderID: 11, CreationDate: mt(t0), UpdateDate: mt(t0),
		Items: []models.YMReturnItem{{ShopSku: "KOVER-200"}}}}); err != nil {
		t.Fatal(err)
	}
	q := PaneQuery{Kind: KindReturn, Text: "kover"}
	if got := rowIDs(all(t, s, q)); got != "1" {
		t.Fatalf("before: %q", got)
	}
	if _, err := s.UseCampaign(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(all(t, s, q)); got != "" {
		t.Fatalf("after the campaign changed: %q", got)
	}
}

// TestTextSetKeepsKindsApart: each kind has its own set, and a set never
// answers for another kind's text.
func TestTextSetKeepsKindsApart(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.PutFeedbacks(ctx, textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutQuestions(ctx, []models.Question{question("q1", t0, "Можно оптом?", false)}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if got := rowIDs(all(t, s, PaneQuery{Kind: KindFeedback, Text: "оптом"})); got != "f3 f1 f5" {
			t.Fatalf("feedbacks: %q", got)
		}
		if got := rowIDs(all(t, s, PaneQuery{Kind: KindQuestion, Text: "оптом"})); got != "q1" {
			t.Fatalf("questions: %q", got)
		}
	}
}

// TestTextSetChats: a chat matches when its own text or one of its
// messages has every word; words spread over two messages do not match,
// so a chat's set is read anew instead of narrowed.
func TestTextSetChats(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.PutChats(ctx, []models.Chat{{ChatID: "c1", ClientName: "Артём"}, {ChatID: "c2", ClientName: "Ольга"}}); err != nil {
		t.Fatal(err)
	}
	ev := func(chat, id, text string, at time.Time) models.ChatEvent {
		return models.ChatEvent{ChatID: chat, EventID: id, Sender: models.ChatSenderClient,
			AddTimestamp: models.UnixMillis(at.UnixMilli()), Message: &models.ChatMessage{Text: text}}
	}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{
		ev("c1", "e1", "Заказал ёлку", t0), ev("c1", "e2", "Когда отправите?", t0.Add(time.Minute)),
		ev("c2", "e3", "Ёлку отправите завтра?", t0.Add(2*time.Minute)),
	}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ text, want string }{
		{"ёлку", "c2 c1"},
		{"ёлку отправ", "c2"},
		{"ёлку", "c2 c1"},
	} {
		if got := rowIDs(all(t, s, PaneQuery{Kind: KindChat, Text: step.text})); got != step.want {
			t.Errorf("%q: %q, want %q", step.text, got, step.want)
		}
	}
}

// TestTextSetNarrows is the rule a set is refined by.
func TestTextSetNarrows(t *testing.T) {
	for _, tt := range []struct {
		old, new []string
		want     bool
	}{
		{[]string{"кач"}, []string{"каче"}, true},
		{[]string{"качество"}, []string{"качество", "о"}, true},
		{[]string{"качество", "о"}, []string{"качество", "от"}, true},
		{[]string{"качество", "о"}, []string{"качество"}, false},
		{[]string{"каче"}, []string{"кач"}, false},
		{[]string{"а", "б"}, []string{"аб"}, false},
		{nil, []string{"а"}, true},
	} {
		if got := (&textSet{terms: tt.old}).narrows(tt.new); got != tt.want {
			t.Errorf("%v → %v: %v", tt.old, tt.new, got)
		}
	}
}

func TestRowidsParse(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	got, err := rowids(ctx, tx, `SELECT '9,3,3,12'`)
	if err != nil || !slices.Equal(got, []int64{3, 9, 12}) {
		t.Fatalf("%v %v", got, err)
	}
	if got, err := rowids(ctx, tx, `SELECT ''`); err != nil || got != nil {
		t.Fatalf("%v %v", got, err)
	}
}
