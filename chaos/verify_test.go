package chaos

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// verifier reads the sandbox back after the session. The sandbox's
// faults cannot be switched off once it runs, so every read goes through
// a transport of its own that retries (reads are idempotent) until one
// gets through; what it returns is the sandbox's state, faults or not.
type verifier struct {
	t       *testing.T
	ctx     context.Context
	wb      *wb.Client
	senders reply.Senders
}

func newVerifier(t *testing.T, ctx context.Context, url string) *verifier {
	tr := transport(t, url, 10, nil)
	w, y := wb.New(tr), ym.New(tr, sandbox.CampaignID)
	return &verifier{t: t, ctx: ctx, wb: w, senders: reply.NewSenders(w, y)}
}

// read retries f until it succeeds: a truncated or dropped answer is the
// fault injection, not the state.
func read[T any](v *verifier, what string, f func(context.Context) (T, error)) T {
	v.t.Helper()
	var err error
	for range 30 {
		var got T
		if got, err = f(v.ctx); err == nil {
			return got
		}
		if v.ctx.Err() != nil {
			break
		}
	}
	v.t.Errorf("read back %s: %v", what, err)
	var zero T
	return zero
}

// delivered reports how many times the marketplace shows the entry's
// effect: the exact count for chat messages, 1 or 0 for the rest (an
// answer replaces the previous one; a decision or claim action changes a
// state).
func (v *verifier) delivered(e reply.Entry) (int, string) {
	switch e.Kind {
	case reply.KindQuestionAnswer, reply.KindQuestionEdit:
		q := read(v, "question "+e.ItemID, func(ctx context.Context) (models.Question, error) { return v.wb.Question(ctx, e.ItemID) })
		if q.Answer == nil {
			return 0, "no answer"
		}
		return b2i(q.Answer.Text == e.Text), fmt.Sprintf("answer %q", q.Answer.Text)
	case reply.KindFeedbackAnswer, reply.KindFeedbackEdit:
		f := read(v, "feedback "+e.ItemID, func(ctx context.Context) (models.Feedback, error) { return v.wb.Feedback(ctx, e.ItemID) })
		if f.Answer == nil {
			return 0, "no answer"
		}
		return b2i(f.Answer.Text == e.Text), fmt.Sprintf("answer %q", f.Answer.Text)
	case reply.KindChatMessage:
		from := e.Created.Add(-2 * time.Minute).UnixMilli()
		events := read(v, "chat events", func(ctx context.Context) ([]models.ChatEvent, error) {
			evs, _, err := v.wb.AllEvents(ctx, from)
			return evs, err
		})
		n := 0
		for _, ev := range events {
			if ev.ChatID == e.ItemID && ev.Sender == models.ChatSenderSeller && ev.Text() == e.Text {
				n++
			}
		}
		return n, fmt.Sprintf("%d seller messages with the text", n)
	}
	s := v.senders[e.Kind]
	if s == nil {
		v.t.Errorf("no read-back for %s", e.Kind)
		return -1, "no sender"
	}
	landed := read(v, string(e.Kind)+" "+e.ItemID, func(ctx context.Context) (bool, error) { return s.Landed(ctx, e) })
	seen := fmt.Sprintf("landed=%v", landed)
	if e.Kind == reply.KindClaimAnswer {
		c := read(v, "claim "+e.ItemID, func(ctx context.Context) (models.Claim, error) {
			c, _, err := v.wb.Claim(ctx, e.ItemID)
			return c, err
		})
		seen += fmt.Sprintf(" (claim status %d, actions %v, comment %q)", c.Status, c.Actions, c.WBComment)
	}
	return b2i(landed), seen
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// report is what the checks found, for the summary.
type report struct {
	entries, delivered, overtaken, refused, exactText, drafts, keptDrafts int
}

// check asserts the end state: every reply the app queued was delivered
// exactly once with the text typed, its draft is gone, and every draft
// left unsent is still there.
func check(t *testing.T, s *scripter, v *verifier) report {
	t.Helper()
	var rep report
	entries := s.outbox.List()
	byID := map[string]reply.Entry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	for id, q := range s.enqueued {
		if _, ok := byID[id]; !ok {
			t.Errorf("entry %s (%s %s) was reported queued but is not in the outbox", id, q.Kind, q.ItemID)
		}
	}
	// Read-backs run side by side: under the race detector and with the
	// sandbox's latency, one after another they would take most of a minute.
	type result struct {
		n    int
		seen string
	}
	results := make([]result, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 6)
	for i, e := range entries {
		if e.State != reply.StateSent && !superseded(entries, e) || e.State == reply.StateSent && overtaken(entries, e) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			n, seen := v.delivered(e)
			results[i] = result{n, seen}
		}()
	}
	wg.Wait()
	for i, e := range entries {
		rep.entries++
		n, seen := results[i].n, results[i].seen
		switch {
		case e.State != reply.StateSent && superseded(entries, e):
			// A second reply to an item the marketplace already shows
			// answered (the list had not caught up): refusing it is
			// right, and a different text must not have been written
			// (a claim's same action reads back as landed, rightly).
			if n != 0 && e.Text != "" {
				t.Errorf("%s %s on %s failed (%s) but shows: %s", e.ID, e.Kind, e.ItemID, e.LastError, seen)
			}
			rep.refused++
		case e.State != reply.StateSent:
			t.Errorf("%s %s on %s: state %s after %d attempts (%s)", e.ID, e.Kind, e.ItemID, e.State, e.Attempts, e.LastError)
		case overtaken(entries, e):
			// A later reply changed the item again (an edited answer, the
			// claim's next step): only the latest one can be read back.
			rep.overtaken++
		case n != 1:
			var same []string
			for _, o := range entries {
				if o.ItemID == e.ItemID {
					same = append(same, fmt.Sprintf("%s %s %s action=%q text=%q created %s", o.ID, o.Kind, o.State, o.Action, o.Text, o.Created.Format("15:04:05.000")))
				}
			}
			t.Errorf("%s %s on %s (action %q, text %q) delivered %d times: %s; the item's entries:\n%s", e.ID, e.Kind, e.ItemID, e.Action, e.Text, n, seen, strings.Join(same, "\n"))
		default:
			rep.delivered++
		}
	}

	// Texts sent with ctrl+s: queued as typed (after any earlier draft
	// of the item, which the editor opens with), or refused and kept.
	if _, err := s.replies.Debounce.Flush(time.Now()); err != nil {
		t.Errorf("flush drafts: %v", err)
	}
	stored, err := s.drafts.List(profile)
	if err != nil {
		t.Fatal(err)
	}
	drafts := map[reply.DraftKey]reply.Draft{}
	for _, d := range stored {
		drafts[d.Key] = d.Draft
	}
	rep.drafts = len(drafts)
	for text, ty := range s.sent {
		e, ok := entryWith(entries, text)
		switch {
		case ok && string(e.Kind.Pane()) != string(ty.pane):
			t.Errorf("%q typed in %s was queued as %s", text, ty.pane, e.Kind)
		case ok && !strings.HasSuffix(e.Text, text):
			t.Errorf("%q typed, %q queued", text, e.Text)
		case ok && e.Text == text:
			rep.exactText++
		case !ok && !inDrafts(drafts, text):
			t.Errorf("%q was sent in %s but is neither in the outbox nor in a draft", text, ty.pane)
		}
	}
	// A delivered reply leaves no draft behind, unless the user started
	// a new one on the item afterwards.
	for _, e := range entries {
		d, ok := drafts[e.DraftKey()]
		if ok && e.State == reply.StateSent && e.Kind.ConsumesDraft() && !startedAfter(s, d, e) {
			t.Errorf("draft %q of %s is still there after %s %q was delivered", d.Text, e.ItemID, e.Kind, e.Text)
		}
	}
	// A left draft stays until the item is answered.
	for text, ty := range s.left {
		if !ty.found {
			continue
		}
		if d, ok := drafts[ty.key]; ok && strings.Contains(d.Text, text) {
			rep.keptDrafts++
			continue
		}
		if !sentAfter(entries, ty) {
			t.Errorf("draft %q on %s vanished without a reply being sent", text, ty.key)
		}
	}
	return rep
}

func entryWith(entries []reply.Entry, text string) (reply.Entry, bool) {
	for _, e := range entries {
		if strings.Contains(e.Text, text) {
			return e, true
		}
	}
	return reply.Entry{}, false
}

func inDrafts(drafts map[reply.DraftKey]reply.Draft, text string) bool {
	for _, d := range drafts {
		if strings.Contains(d.Text, text) {
			return true
		}
	}
	return false
}

// startedAfter: the draft holds a text left on the item after e was
// queued, or the text of a later reply to it that was refused.
func startedAfter(s *scripter, d reply.Draft, e reply.Entry) bool {
	for text, ty := range s.left {
		if ty.key == e.DraftKey() && ty.at.After(e.Created) && strings.Contains(d.Text, text) {
			return true
		}
	}
	for _, o := range s.outbox.List() {
		if o.DraftKey() == e.DraftKey() && o.Created.After(e.Created) && o.State != reply.StateSent &&
			strings.Contains(d.Text, o.Text) {
			return true
		}
	}
	return false
}

// overtaken: a later reply to the same item was delivered and replaces
// what this one shows. Chat messages add up instead, so each is checked.
func overtaken(entries []reply.Entry, e reply.Entry) bool {
	if e.Kind == reply.KindChatMessage || e.Kind == reply.KindQuestionViewed {
		return false
	}
	for _, o := range entries {
		if o.ItemID == e.ItemID && o.Kind.Pane() == e.Kind.Pane() && o.Kind != reply.KindQuestionViewed &&
			o.State == reply.StateSent && o.Created.After(e.Created) {
			return true
		}
	}
	return false
}

// superseded: an earlier reply of the same kind to the item was delivered
// and this one was refused by the marketplace, not given up on.
func superseded(entries []reply.Entry, e reply.Entry) bool {
	if e.State != reply.StateFailed || e.Attempts >= maxAttempts {
		return false
	}
	for _, o := range entries {
		if o.ItemID == e.ItemID && o.Kind == e.Kind && o.State == reply.StateSent && o.Created.Before(e.Created) {
			return true
		}
	}
	return false
}

// sentAfter: a reply to the draft's item was queued after it was left.
func sentAfter(entries []reply.Entry, ty typed) bool {
	for _, e := range entries {
		if e.DraftKey() == ty.key && e.Created.After(ty.at) && e.State == reply.StateSent {
			return true
		}
	}
	return false
}
