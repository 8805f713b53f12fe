package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// BenchmarkStoreFilter measures what one more character in the pane's `/`
// costs over everything stored: the count ("12 of 14,305") and the first
// window of 50 rows, for every keystroke of typing two words. Target: ≤ 20
// ms at 100k items and ≤ 3× the 1k cost (reported as x-1k).
func BenchmarkStoreFilter(b *testing.B) {
	ctx := context.Background()
	// The framework calls each sub-benchmark several times while it
	// sizes b.N; the databases are seeded once and removed at the end.
	dir := b.TempDir()
	var perOp1k float64
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			st, err := Open(ctx, filterBenchDB(b, dir, n), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			keys := typing(filterBenchText)
			i := 0
			b.ReportAllocs()
			began := time.Now()
			for b.Loop() {
				q := PaneQuery{Kind: KindFeedback, Text: keys[i%len(keys)]}
				i++
				// The window carries the count ("12 of 14,305").
				rows, total, _, err := st.Window(ctx, q, Start(), 0, 49)
				if err != nil || (total > 0 && len(rows) == 0) {
					b.Fatalf("%q: %d of %d rows, %v", q.Text, len(rows), total, err)
				}
			}
			perOp := float64(time.Since(began)) / float64(b.N)
			if n == 1000 {
				perOp1k = perOp
			} else if perOp1k > 0 {
				b.ReportMetric(perOp/perOp1k, "x-1k")
			}
		})
	}
}

// filterBenchText is typed one character at a time; it is common in the
// seeded texts, as a real query is.
const filterBenchText = "качество отличное"

// typing lists what the `/` field holds after each keystroke of s.
func typing(s string) []string {
	var out []string
	for i := range s {
		if i > 0 && s[i-1] != ' ' {
			out = append(out, s[:i])
		}
	}
	return append(out, s)
}

// filterBenchDB returns the database of n feedbacks in dir, seeding it on
// the first call.
func filterBenchDB(b *testing.B, dir string, n int) string {
	b.Helper()
	path := filepath.Join(dir, fmt.Sprintf("feedbacks-%d.db", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	ctx := context.Background()
	st, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	began := time.Now()
	fs := benchFeedbacks(n)
	for len(fs) > 0 {
		page := fs[:min(len(fs), 5000)]
		fs = fs[len(page):]
		if _, err := st.PutFeedbacks(ctx, page); err != nil {
			b.Fatal(err)
		}
	}
	// Fold the seeding's write-ahead log into the database, as the app's
	// automatic checkpoints do between syncs: reads would otherwise look
	// up every page in a 100 MB log.
	if _, err := st.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d feedbacks in %v", n, time.Since(began).Round(time.Millisecond))
	return path
}

// benchWords are the buyers' words, the first ones the most frequent.
var benchWords = strings.Fields(`товар качество отличное хорошее размер цвет доставка быстро спасибо
	продавцу рекомендую соответствует описанию пришло вовремя упаковка целая нормальное качественный
	брак плохое маломерит большемерит ткань тонкая приятная мягкий материал швы кривые нитки торчат
	запах сильный пахнет химией вернул возврат деньги вернули курьер опоздал пункт выдачи коробка мятая
	подарок понравилось дочке сыну мужу жене маме очень довольна доволен цена адекватная дешево дорого
	оптом заказывала несколько раз буду брать ещё советую всем фото отличается реальности оттенок темнее
	светлее чем картинке застежка молния сломалась сразу через неделю носки стирки села полиняла
	отличный качественно удобный удобно сидит идеально размерная сетка соответствует`)

var benchProducts = []string{"Футболка хлопковая", "Платье летнее", "Кроссовки беговые", "Сумка кожаная",
	"Джинсы прямые", "Худи оверсайз", "Носки набор", "Кружка керамическая", "Ёлочная игрушка", "Чехол для телефона"}

// benchFeedbacks makes n feedbacks with texts of common words, as buyers
// write them: most 5★, some with photos, most answered.
func benchFeedbacks(n int) []models.Feedback {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	word := func() string {
		f := r.Float64()
		return benchWords[int(f*f*float64(len(benchWords)))]
	}
	sentence := func(lo, hi int) string {
		ws := make([]string, lo+r.IntN(hi-lo+1))
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	base := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	out := make([]models.Feedback, n)
	for i := range out {
		nm := int64(100000 + r.IntN(500))
		f := models.Feedback{
			ID:               fmt.Sprintf("fb%07d", i),
			ProductValuation: []int{5, 5, 5, 5, 5, 4, 4, 3, 2, 1}[r.IntN(10)],
			CreatedDate:      models.Time{Time: base.Add(-time.Duration(i) * 7 * time.Minute)},
			UserName:         []string{"Анна", "Иван", "Мария", "Пётр", "Ольга"}[r.IntN(5)],
			ProductDetails: models.WBProductDetails{NmID: nm, ProductName: benchProducts[nm%int64(len(benchProducts))],
				SupplierArticle: fmt.Sprintf("ART-%d-x", nm), BrandName: "Бренд"},
			IsAbleReturnProductOrders: r.IntN(20) == 0,
		}
		if r.IntN(3) > 0 {
			f.Text = sentence(3, 16)
		}
		if r.IntN(4) == 0 {
			f.Pros, f.Cons = sentence(1, 5), sentence(1, 5)
		}
		if r.IntN(10) == 0 {
			f.PhotoLinks = []models.PhotoLink{{FullSize: "https://example.test/p.jpg"}}
		}
		if r.IntN(10) < 7 {
			f.Answer = &models.FeedbackAnswer{Text: "Спасибо за отзыв!", State: models.AnswerPublished}
		}
		out[i] = f
	}
	return out
}
