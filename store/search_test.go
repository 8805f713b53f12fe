package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

func TestMatchExpr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Зелёный чай", `"зеленый"* "чай"*`},
		{`"unbalanced`, `"unbalanced"*`},
		{"NEAR(a b) OR body:x AND -y *", `"near"* "a"* "b"* "or"* "body"* "x"* "and"* "y"*`},
		{"USB-C 0,5", `"usb"* "c"* "0"* "5"*`},
		{"^начало", `"начало"*`},
		{"й", `"й"*`},
	}
	for _, tt := range tests {
		if got := MatchExpr(tt.in); got != tt.want {
			t.Errorf("MatchExpr(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSearchCyrillic(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	fs := []models.Feedback{
		feedback("f1", t0, "Чай зелёный, очень ароматный", 5),
		feedback("f2", t0.Add(time.Minute), "Ёлочная игрушка разбилась", 1),
		feedback("f3", t0.Add(2*time.Minute), "Зеленый чай зеленый чай зеленый — лучший", 5),
		feedback("f4", t0.Add(3*time.Minute), "Кружка протекает", 2),
	}
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	q := question("q1", t0, "Подходит для ПОСУДОМОЕЧНОЙ машины?", false)
	q.ProductDetails = models.WBProductDetails{NmID: 144509871, ProductName: "Сковорода 28 см", SupplierArticle: "SKOVORODA-28"}
	if _, err := s.PutQuestions(ctx, []models.Question{q}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "1:c", EventID: "e", Sender: "client",
		AddTimestamp: models.UnixMillis(t0.UnixMilli()), Message: &models.ChatMessage{Text: "Елка пришла без гирлянды"}}}); err != nil {
		t.Fatal(err)
	}
	ids := func(hs []Hit) string {
		var b []string
		for _, h := range hs {
			b = append(b, string(h.Kind)+":"+h.ID)
		}
		return strings.Join(b, " ")
	}
	tests := []struct {
		query string
		want  string // hits in rank order
	}{
		{"зеленый", "feedback:f3 feedback:f1"},                         // more matches rank higher; ё in f1 folds
		{"зелёный", "feedback:f3 feedback:f1"},                         // ё in the query too
		{"ЗЕЛ", "feedback:f3 feedback:f1"},                             // prefix, any case
		{"елоч", "feedback:f2"},                                        // Ё at the start of a word
		{"ёлка", "chat:1:c"},                                           // chat message, е in the text
		{"посудомоеч", "question:q1"},                                  // upper case in the text
		{"чай аромат", "feedback:f1"},                                  // every word must match
		{"термокр", "feedback:f4 feedback:f3 feedback:f2 feedback:f1"}, // product name, ties by bm25 then order
		{"нет-такого-слова", ""},
		{`" OR "`, "" /* quotes and operators are just words */},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, tt.query, 10)
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		got := ids(hits)
		if tt.query == "термокр" {
			if len(hits) != 4 {
				t.Errorf("search %q = %s, want all four feedbacks", tt.query, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("search %q = %q, want %q", tt.query, got, tt.want)
		}
	}
	hits, _ := s.Search(ctx, "аромат", 10)
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, MarkStart+"ароматный"+MarkEnd) || hits[0].Pane != PaneFeedbacks || !hits[0].At.Equal(t0) {
		t.Fatalf("hit: %+v", hits)
	}
}

func TestSearchSurvivesHostileInput(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f", t0, "Товар пришёл \x1b]0;HACKED\x07сломанный", 1)}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"`, `*`, `(`, `NOT`, `a:b`, `{x}`, "\x00", "\x1b[2J", strings.Repeat("слово ", 100), `"" AND ""`} {
		if _, err := s.Search(ctx, q, 5); err != nil {
			t.Errorf("search %q failed: %v", q, err)
		}
	}
	hits, err := s.Search(ctx, "сломанный", 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("%+v %v", hits, err)
	}
	// The store keeps buyer text as received; sanitizing is the UI's job.
	f, _, _ := s.GetFeedback(ctx, "f")
	if f.Text != "Товар пришёл \x1b]0;HACKED\x07сломанный" {
		t.Fatalf("stored text was altered: %q", f.Text)
	}
}

// TestSearchIgnoresInvisible: zero-width and bidi characters inside a
// word, in the stored text or in the query, do not split the word.
func TestSearchIgnoresInvisible(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	fs := []models.Feedback{
		feedback("zwsp", t0, "Товар сло\u200bманный, верните", 1),
		feedback("bidi", t0.Add(time.Minute), "Коробка \u202eпомя\u202cта и \u2066мок\u2060рая\u2069", 2),
	}
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	// pg is what PostgreSQL finds where it differs: помятая and помята
	// are one word to its Russian stemmer (помят).
	for _, tt := range []struct{ query, want, pg string }{
		{"сломанный", "zwsp", ""},
		{"сло\u200cман\u200dный", "zwsp", ""},
		{"помятая", "", "bidi"},
		{"помята", "bidi", ""},
		{"мокрая", "bidi", ""},
		{"\ufeffмок\u200eрая", "bidi", ""},
	} {
		want := tt.want
		if s.d.pg && tt.pg != "" {
			want = tt.pg
		}
		hits, err := s.Search(ctx, tt.query, 10)
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ID)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("search %q = %v, want %q", tt.query, got, want)
		}
	}
}
