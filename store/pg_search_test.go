package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// openSame opens a second store on s's database (another process's view
// of it): the same file, or the same schema of the same server.
func openSame(t *testing.T, s *Store) *Store {
	t.Helper()
	var other *Store
	var err error
	if s.d.pg {
		other, err = OpenPostgres(context.Background(), s.pgURL, strings.TrimPrefix(s.schema, SchemaName("")), Options{})
	} else {
		other, err = Open(context.Background(), s.Path(), Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// openTempPG is a store on the PostgreSQL server of the suite, or a skip
// without one.
func openTempPG(t *testing.T) *Store {
	t.Helper()
	u := testPostgresURL()
	if u == "" {
		t.Skip("SELLERINBOX_TEST_POSTGRES names no PostgreSQL server")
	}
	return openTempPostgres(t, u)
}

// TestPostgresSearchRussian: on PostgreSQL the pane's `/`, the Inbox and
// Search find a word by what the user types as its start, by its Russian
// stem (another form of the word), and ё as е both ways.
func TestPostgresSearchRussian(t *testing.T) {
	s := openTempPG(t)
	ctx := context.Background()
	fs := []models.Feedback{
		feedback("zakaz", t0, "Заказ пришёл вовремя", 5),
		feedback("krasny", t0.Add(time.Minute), "Красный цвет, как на фото", 5),
		feedback("elka", t0.Add(2*time.Minute), "Елка пушистая", 4),
		feedback("ne", t0.Add(3*time.Minute), "Не работает после недели", 1),
		feedback("pochta", t0.Add(4*time.Minute), "Почта потеряла посылку", 2),
	}
	for i := range fs {
		fs[i].ProductDetails.ProductName = "" // only the texts above are words here
		fs[i].UserName = ""
	}
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	q := question("q", t0, "Когда будет ёлка больше?", false)
	if _, err := s.PutQuestions(ctx, []models.Question{q}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, pane, search string }{
		{"заказы", "zakaz", "feedback:zakaz"},              // another form: the stem заказ
		{"заказ", "zakaz", "feedback:zakaz"},               //
		{"крас", "krasny", "feedback:krasny"},              // typing: a word start
		{"красны", "krasny", "feedback:krasny"},            // past the stem красн: its stem
		{"красная", "krasny", "feedback:krasny"},           // and another form of it
		{"пришел", "zakaz", "feedback:zakaz"},              // ё in the text, е typed
		{"ёлка", "elka", "question:q feedback:elka"},       // ё typed, е in the text
		{"елки", "elka", "question:q feedback:elka"},       // е typed, ё in the text, another form
		{"не", "ne", "feedback:ne"},                        // a stop word of the Russian stemmer: a word start still
		{"по", "pochta ne", "feedback:pochta feedback:ne"}, // a stop word, and the start of почта, посылку and после
		{"почта посылк", "pochta", "feedback:pochta"},      // every word
		{"почта заказ", "", ""},                            // but not one of them only
		{"фиолетовый", "", ""},
	} {
		rows := all(t, s, PaneQuery{Kind: KindFeedback, Text: tt.text})
		if got := rowIDs(rows); got != tt.pane {
			t.Errorf("pane %q: %q, want %q", tt.text, got, tt.pane)
		}
		for _, r := range rows {
			if !strings.Contains(r.Match, MarkStart) {
				t.Errorf("pane %q: %s has no passage marked: %q", tt.text, r.ID, r.Match)
			}
		}
		hits, err := s.Search(ctx, tt.text, 10)
		if err != nil {
			t.Fatalf("search %q: %v", tt.text, err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, string(h.Kind)+":"+h.ID)
			if !strings.Contains(h.Snippet, MarkStart) || h.Rank >= 0 {
				t.Errorf("search %q: %s snippet %q rank %v", tt.text, h.ID, h.Snippet, h.Rank)
			}
		}
		if strings.Join(got, " ") != tt.search {
			t.Errorf("search %q: %q, want %q", tt.text, strings.Join(got, " "), tt.search)
		}
	}
	// A word found by its stem alone shows its passage too (ts_headline).
	rows := all(t, s, PaneQuery{Kind: KindFeedback, Text: "заказы"})
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Match, MarkStart+"Заказ"+MarkEnd+" пришел вовремя • ") || !rows[0].Whole {
		t.Errorf("заказы: %+v", rows)
	}
	// So does a chat's message.
	if _, err := s.PutChats(ctx, []models.Chat{{ChatID: "c1", ClientName: "Артём"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{
		{ChatID: "c1", EventID: "e1", Sender: models.ChatSenderClient, AddTimestamp: models.UnixMillis(t0.UnixMilli()),
			Message: &models.ChatMessage{Text: "Заказа всё нет"}},
		{ChatID: "c1", EventID: "e2", Sender: models.ChatSenderClient, AddTimestamp: models.UnixMillis(t0.Add(time.Minute).UnixMilli()),
			Message: &models.ChatMessage{Text: "Ответьте"}},
	}); err != nil {
		t.Fatal(err)
	}
	rows = all(t, s, PaneQuery{Kind: KindChat, Text: "заказы"})
	if len(rows) != 1 || rows[0].Match != MarkStart+"Заказа"+MarkEnd+" все нет" {
		t.Errorf("chat заказы: %+v", rows)
	}
	// The Inbox reads the same sets: both await an answer.
	in := Inboxes{s}
	if n, err := in.Count(ctx, PaneQuery{Text: "елки"}); err != nil || n != 2 {
		t.Errorf("inbox count of елки: %d %v", n, err)
	}
}

// TestPostgresWordStartsPastTheStem: every start of a word finds it, as
// on SQLite, even typed past the word's stem ("сломанн" of сломанный,
// whose stem is слома): the tsvector holds the words as written beside
// their stems.
func TestPostgresWordStartsPastTheStem(t *testing.T) {
	s := openTempPG(t)
	ctx := context.Background()
	f := feedback("f", t0, "Товар сломанный, повторяющийся брак", 1)
	f.ProductDetails.ProductName, f.UserName = "", ""
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{f}); err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"сломанный", "повторяющийся"} {
		r := []rune(word)
		for n := 1; n <= len(r); n++ {
			text := string(r[:n])
			if got := rowIDs(all(t, s, PaneQuery{Kind: KindFeedback, Text: text})); got != "f" {
				t.Errorf("pane %q: %q", text, got)
			}
			// The snippet marks the word, as written where the start
			// is past its stem.
			if hits, err := s.Search(ctx, text, 5); err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, MarkStart) {
				t.Errorf("search %q: %+v %v", text, hits, err)
			}
		}
	}
	// The whole word, by its stem or as written, ranks whole.
	rows := all(t, s, PaneQuery{Kind: KindFeedback, Text: "сломанная"})
	if len(rows) != 1 || !rows[0].Whole {
		t.Errorf("сломанная: %+v", rows)
	}
}

// BenchmarkPostgresFilter is BenchmarkStoreFilter on PostgreSQL: the count
// and the first window for every keystroke of typing two words, over the
// same feedbacks, in a schema of their own.
func BenchmarkPostgresFilter(b *testing.B) {
	u := testPostgresURL()
	if u == "" {
		b.Skip("SELLERINBOX_TEST_POSTGRES names no PostgreSQL server")
	}
	ctx := context.Background()
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			st := pgBenchStore(b, u, n)
			keys := typing(filterBenchText)
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				q := PaneQuery{Kind: KindFeedback, Text: keys[i%len(keys)]}
				i++
				rows, total, _, err := st.Window(ctx, q, Start(), 0, 49)
				if err != nil || (total > 0 && len(rows) == 0) {
					b.Fatalf("%q: %d of %d rows, %v", q.Text, len(rows), total, err)
				}
			}
		})
	}
}

// pgBenchStore is a new schema of n feedbacks, dropped after b (which
// b.Loop runs once).
func pgBenchStore(b *testing.B, u string, n int) *Store {
	st := openTempPostgres(b, u)
	fs := benchFeedbacks(n)
	for len(fs) > 0 {
		page := fs[:min(len(fs), 5000)]
		fs = fs[len(page):]
		if _, err := st.PutFeedbacks(context.Background(), page); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := st.db.ExecContext(context.Background(), `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	return st
}

// TestPostgresTermsAreNeverSyntax: a term is one quoted operand of
// to_tsquery whatever it holds. MatchExpr's words are letters and digits
// only; the quoting holds for anything else that reaches it too.
func TestPostgresTermsAreNeverSyntax(t *testing.T) {
	for _, tt := range []struct {
		term   string
		prefix bool
		want   string
	}{
		{"слово", true, `'слово':*`},
		{"слово", false, `'слово'`},
		{"it's", true, `'it''s':*`},
		{`a\b`, false, `'a\\b'`},
		{`x' | !y & 'z`, false, `'x'' | !y & ''z'`},
	} {
		if got := pgLexeme(tt.term, tt.prefix); got != tt.want {
			t.Errorf("pgLexeme(%q, %v) = %s, want %s", tt.term, tt.prefix, got, tt.want)
		}
	}
	s := openTempPG(t)
	f := feedback("f", t0, "it's a x' | !y & 'z test", 5)
	if _, err := s.PutFeedbacks(context.Background(), []models.Feedback{f}); err != nil {
		t.Fatal(err)
	}
	err := s.read(context.Background(), func(tx *sql.Tx) error {
		for _, terms := range [][]string{{"it's"}, {`a\b`}, {`x' | !y & 'z`}, {"'"}, {`\`}, {":*"}} {
			if _, err := readSet(context.Background(), tx, s.d, KindFeedback, terms); err != nil {
				t.Errorf("%q: %v", terms, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPgSnippetMarksTheCuts: a headline cut from the middle of a body
// shows an ellipsis where text was left out, as SQLite's snippet does.
func TestPgSnippetMarksTheCuts(t *testing.T) {
	m := func(w string) string { return MarkStart + w + MarkEnd }
	for _, tt := range []struct{ body, headline, want string }{
		{"заказ пришел", m("заказ") + " пришел", m("заказ") + " пришел"},
		{"вот заказ пришел", m("заказ") + " пришел", "…" + m("заказ") + " пришел"},
		{"заказ пришел вовремя", m("заказ") + " пришел", m("заказ") + " пришел…"},
		{"да, заказ пришел вовремя", m("заказ") + " пришел", "…" + m("заказ") + " пришел…"},
		{"", "", ""},
	} {
		if got := pgSnippet(tt.body, tt.headline); got != tt.want {
			t.Errorf("pgSnippet(%q, %q) = %q, want %q", tt.body, tt.headline, got, tt.want)
		}
	}
}
