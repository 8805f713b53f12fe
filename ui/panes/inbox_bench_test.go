package panes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

var (
	coldOnce sync.Once
	coldPath string
	coldErr  error
)

// coldStore builds, once per run, a database of 100k questions and
// feedbacks (half of them unanswered) for the cold-start benchmark.
func coldStore(b *testing.B) string {
	b.Helper()
	coldOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sellerinbox-cold-")
		if err != nil {
			coldErr = err
			return
		}
		coldPath = filepath.Join(dir, "cold.db")
		ctx := context.Background()
		st, err := store.Open(ctx, coldPath, store.Options{})
		if err != nil {
			coldErr = err
			return
		}
		defer st.Close()
		base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		const batch = 5000
		for start := 0; start < 50_000; start += batch {
			qs := make([]models.Question, batch)
			fs := make([]models.Feedback, batch)
			for i := range batch {
				n := start + i
				at := models.Time{Time: base.Add(time.Duration(n) * time.Minute)}
				qs[i] = models.Question{ID: fmt.Sprintf("q%06d", n), Text: fmt.Sprintf("Вопрос %d: есть ли размер M?", n), CreatedDate: at}
				fs[i] = models.Feedback{ID: fmt.Sprintf("f%06d", n), Text: fmt.Sprintf("Отзыв %d: носки хорошие", n), ProductValuation: 1 + n%5, CreatedDate: at, UserName: "Покупатель"}
				if n%2 == 0 {
					qs[i].Answer = &models.QuestionAnswer{Text: "Да, есть."}
					fs[i].Answer = &models.FeedbackAnswer{Text: "Спасибо!"}
				}
			}
			if _, err := st.PutQuestions(ctx, qs); err != nil {
				coldErr = err
				return
			}
			if _, err := st.PutFeedbacks(ctx, fs); err != nil {
				coldErr = err
				return
			}
		}
	})
	if coldErr != nil {
		b.Fatal(coldErr)
	}
	return coldPath
}

// BenchmarkInboxColdStart: open the store of 100k items, build the Inbox
// tab, load its first page and draw the first frame (120×40). Target:
// ≤ 100 ms.
func BenchmarkInboxColdStart(b *testing.B) {
	path := coldStore(b)
	ctx := context.Background()
	env := wbTestEnv(i18n.EN)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		env.Store = st
		p := newInboxPane(env, st, nil)
		p.SetSize(120, 37)
		untilLoaded(p, p.Init())
		if !strings.Contains(p.View(), "Отзыв 1:") {
			b.Fatalf("the first frame shows no feedback:\n%s", p.View())
		}
		st.Close()
	}
}

// untilLoaded runs cmd's commands concurrently and applies the messages
// that arrive to p until its first window is in (ticks never arrive in
// time).
func untilLoaded(p ui.Pane, cmd tea.Cmd) {
	ch := make(chan tea.Msg, 16)
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, sub := range batch {
					start(sub)
				}
				return
			}
			ch <- msg
		}()
	}
	start(cmd)
	for msg := range ch {
		var next tea.Cmd
		p, next = p.Update(msg)
		start(next)
		if in, ok := p.(*inboxPane); ok && len(in.Items()) > 0 {
			return
		}
	}
}
