package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/internal/sandboxproc"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
)

// perPane is how many items the seeded store holds in each pane.
const perPane = 100_000

// rowMarker is in every seeded item's title: the app shows it only in a
// row (or the selected row's detail), never in its chrome, so the first
// output containing it is the first frame with rows.
const rowMarker = "BenchRow"

var (
	seedOnce sync.Once
	seedHome string
	seedErr  error
)

// seededHome is a home whose default profile's store holds perPane items
// in each of the five panes, written directly with store.Put* in batches.
// It is built once per `go test` run (about a minute) and shared by the
// iterations: they only read it (the live sync adds the sandbox's few
// hundred items in the first one).
func seededHome(b *testing.B) string {
	b.Helper()
	dir := scratchDir(b)
	seedOnce.Do(func() {
		seedHome = filepath.Join(dir, "home-100k")
		began := time.Now()
		seedErr = seedStore(profileDB(seedHome))
		b.Logf("seeded %d items per pane in %v", perPane, time.Since(began).Round(time.Second))
	})
	if seedErr != nil {
		b.Fatal(seedErr)
	}
	return seedHome
}

func seedStore(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	// One item a minute from 400 days ago, half of each kind awaiting an
	// answer or a decision (the Inbox has 250k rows): overdue for longer
	// than anything the sandbox seeds, so seeded rows lead the Inbox even
	// after the live sync has stored the sandbox's items.
	base := time.Now().Add(-400 * 24 * time.Hour).Truncate(time.Second)
	const batch = 5000
	for start := 0; start < perPane; start += batch {
		rs := make([]models.YMReturn, batch)
		qs := make([]models.Question, batch)
		fs := make([]models.Feedback, batch)
		cs := make([]models.Chat, batch)
		ls := make([]models.Claim, batch)
		for i := range batch {
			n := start + i
			at := models.Time{Time: base.Add(time.Duration(n) * time.Minute)}
			open := n%2 == 0
			product := models.WBProductDetails{ProductName: fmt.Sprintf("%s носки %d", rowMarker, n%500), NmID: int64(1000 + n%500),
				SupplierArticle: fmt.Sprintf("ART-%d", n%500)}
			rs[i] = models.YMReturn{ID: int64(n + 1), OrderID: int64(900000 + n), CreationDate: at, UpdateDate: at,
				ReturnType: models.YMReturnTypeReturn, RefundStatus: models.YMRefunded,
				Items: []models.YMReturnItem{{ShopSku: fmt.Sprintf("%s-%d", rowMarker, n%500), Count: 1}}}
			if open {
				rs[i].RefundStatus = models.YMRefundWaitingForDecision
			}
			qs[i] = models.Question{ID: fmt.Sprintf("bq%06d", n), Text: fmt.Sprintf("Вопрос %d: есть ли размер M?", n),
				CreatedDate: at, ProductDetails: product}
			fs[i] = models.Feedback{ID: fmt.Sprintf("bf%06d", n), Text: fmt.Sprintf("Отзыв %d: носки хорошие", n),
				ProductValuation: 1 + n%5, CreatedDate: at, UserName: "Покупатель", ProductDetails: product}
			if !open {
				qs[i].Answer = &models.QuestionAnswer{Text: "Да, есть."}
				fs[i].Answer = &models.FeedbackAnswer{Text: "Спасибо!"}
			}
			cs[i] = models.Chat{ChatID: fmt.Sprintf("bc%06d", n), ClientName: fmt.Sprintf("%s Покупатель %d", rowMarker, n),
				LastMessage: &models.ChatLastMessage{Text: "Здравствуйте, где мой заказ?", AddTimestamp: models.UnixMillis(at.UnixMilli())}}
			ls[i] = models.Claim{ID: fmt.Sprintf("bl%06d", n), NmID: product.NmID, UserComment: "Брак: дырка на пятке",
				Dt: at, DtUpdate: at, ImtName: product.ProductName}
			if open {
				ls[i].Actions = []models.ClaimAction{models.ClaimApprove1, models.ClaimReject1}
			}
		}
		if _, err := st.PutReturns(ctx, rs); err != nil {
			return err
		}
		if _, err := st.PutQuestions(ctx, qs); err != nil {
			return err
		}
		if _, err := st.PutFeedbacks(ctx, fs); err != nil {
			return err
		}
		if _, err := st.PutChats(ctx, cs); err != nil {
			return err
		}
		if _, err := st.PutClaims(ctx, ls, false); err != nil {
			return err
		}
	}
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	for _, k := range store.Kinds {
		if c[k].Total != perPane {
			return fmt.Errorf("seeded %d items of kind %s, want %d (%+v)", c[k].Total, k, perPane, c)
		}
	}
	return nil
}

// BenchmarkBinaryFirstRows: exec of the built binary → the first frame that
// shows rows of the focused tab (the Inbox), in a 120×40 pseudo-terminal,
// with 100k items per pane stored and the live sync on against a sandbox
// process on loopback (documented rate limits, a few hundred items). Each
// iteration quits with q and waits for the process to end; only exec →
// first rows is timed. Target (issue 14): ≤ 100 ms.
func BenchmarkBinaryFirstRows(b *testing.B) {
	needPTY(b)
	bin := builtBinary(b)
	home := seededHome(b)
	env := profileEnv(home, sandboxproc.Start(b, bin, 30*time.Second))
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		a := startApp(b, bin, env, rowMarker)
		total += a.firstSeen(b, 30*time.Second)
		b.StopTimer()
		a.quit(b)
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-rows")
}
