package reply_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
)

// TestAttemptTransitions drives one entry through scripted marketplace
// answers and checks each state it passes through, in memory and stored.
func TestAttemptTransitions(t *testing.T) {
	type want struct {
		state   reply.State
		unknown bool
		wait    time.Duration // NextAttempt - now, for retrying
		errHas  string        // in LastError
	}
	cases := []struct {
		name      string
		script    []step
		checkErrs []error
		attempts  int
		want      []want // after each attempt
		sends     int
		landings  int
	}{
		{"queued → sent", nil, nil, 1,
			[]want{{state: reply.StateSent}}, 1, 1},
		{"429 → retrying after the server's wait → sent", []step{{errRate(30 * time.Second), false}, {nil, true}}, nil, 2,
			[]want{{state: reply.StateRetrying, wait: 30 * time.Second, errHas: "rate limit"}, {state: reply.StateSent}}, 2, 1},
		{"429 asking less than the backoff waits the backoff", []step{{errRate(100 * time.Millisecond), false}}, nil, 1,
			[]want{{state: reply.StateRetrying, wait: time.Second}}, 1, 0},
		{"5xx before acting → retry reads back, then sends", []step{{errServer(true), false}, {nil, true}}, nil, 2,
			[]want{{state: reply.StateRetrying, unknown: true, wait: time.Second}, {state: reply.StateSent}}, 2, 1},
		{"dropped after the write landed → read back, not resent", []step{{errNetwork(), true}}, nil, 2,
			[]want{{state: reply.StateRetrying, unknown: true, wait: time.Second, errHas: "cannot reach"}, {state: reply.StateSent}}, 1, 1},
		{"validation → failed with the sentence", []step{{errInvalid("Ответ слишком длинный"), false}}, nil, 1,
			[]want{{state: reply.StateFailed, errHas: "Ответ слишком длинный"}}, 1, 0},
		{"auth → failed", []step{{errAuth(), false}}, nil, 1,
			[]want{{state: reply.StateFailed, errHas: "login wb"}}, 1, 0},
		{"conflict but landed → sent", []step{{errConflict("accepted but not shown"), true}}, nil, 1,
			[]want{{state: reply.StateSent}}, 1, 1},
		{"conflict not landed → failed, next try reads back", []step{{errConflict("a colleague answered"), false}}, nil, 1,
			[]want{{state: reply.StateFailed, unknown: true, errHas: "a colleague answered"}}, 1, 0},
		{"read-back fails → nothing sent, retry later", []step{{errNetwork(), false}, {nil, true}}, []error{errServer(false), nil}, 3,
			[]want{
				{state: reply.StateRetrying, unknown: true, wait: time.Second},
				{state: reply.StateRetrying, unknown: true, wait: 2 * time.Second, errHas: "could not check"},
				{state: reply.StateSent},
			}, 2, 1},
		{"read-back refused → failed, nothing sent", []step{{errNetwork(), false}}, []error{errAuth()}, 2,
			[]want{{state: reply.StateRetrying, unknown: true, wait: time.Second}, {state: reply.StateFailed, unknown: true, errHas: "could not check"}}, 1, 0},
		{"canceled → retry at once, reading back", []step{{errCanceled(), true}}, nil, 2,
			[]want{{state: reply.StateRetrying, unknown: true, wait: 0}, {state: reply.StateSent}}, 1, 1},
		{"local error (attachment gone) → failed", []step{{errors.New("the attachment is gone"), false}}, nil, 1,
			[]want{{state: reply.StateFailed, errHas: "attachment is gone"}}, 1, 0},
	}
	forBackends(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				clock := newClock()
				o, ob := testOutbox(t, b, t.TempDir(), clock, nil)
				fs := &fakeSender{script: c.script, checkErrs: c.checkErrs}
				o.SetSenders("main", allKinds(fs))
				e, err := o.Enqueue(answerEntry("fb-1"))
				if err != nil || e.State != reply.StateQueued {
					t.Fatalf("enqueue: %v %+v", err, e)
				}
				for i := range c.attempts {
					got, err := o.Attempt(context.Background(), e.ID)
					if err != nil {
						t.Fatalf("attempt %d: %v", i+1, err)
					}
					w := c.want[i]
					if got.State != w.state || got.Unknown != w.unknown {
						t.Fatalf("attempt %d: state %s unknown %v, want %s %v (%s)", i+1, got.State, got.Unknown, w.state, w.unknown, got.LastError)
					}
					if got.Attempts != i+1 {
						t.Errorf("attempt %d: Attempts = %d", i+1, got.Attempts)
					}
					if w.state == reply.StateRetrying {
						if d := got.NextAttempt.Sub(clock.Now()); d != w.wait {
							t.Errorf("attempt %d: next attempt in %s, want %s", i+1, d, w.wait)
						}
					}
					if !strings.Contains(got.LastError, w.errHas) {
						t.Errorf("attempt %d: LastError %q lacks %q", i+1, got.LastError, w.errHas)
					}
					if (w.state == reply.StateSent) != (got.LastError == "") {
						t.Errorf("attempt %d: LastError %q in state %s", i+1, got.LastError, got.State)
					}
					if disk := mustStored(t, ob, e.ID); disk.State != got.State || disk.Attempts != got.Attempts || disk.Unknown != got.Unknown {
						t.Errorf("attempt %d: stored %s/%d, memory %s/%d", i+1, disk.State, disk.Attempts, got.State, got.Attempts)
					}
					clock.Advance(got.NextAttempt.Sub(clock.Now()))
				}
				sends, landings, _ := fs.counts()
				if sends != c.sends || landings != c.landings {
					t.Errorf("sends %d landings %d, want %d %d", sends, landings, c.sends, c.landings)
				}
			})
		}
	})
}

func TestBackoffGrowsAndGivesUp(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		o, _ := testOutbox(t, b, t.TempDir(), clock, func(op *reply.OutboxOptions) {
			op.MaxAttempts = 9
			op.Backoff = reply.Backoff{Base: time.Second, Max: 20 * time.Second}
		})
		var script []step
		for range 9 {
			script = append(script, step{errServer(false), false})
		}
		fs := &fakeSender{script: script}
		o.SetSenders("main", allKinds(fs))
		e, _ := o.Enqueue(answerEntry("fb-2"))
		wants := []time.Duration{1, 2, 4, 8, 16, 20, 20, 20}
		for i, w := range wants {
			got, err := o.Attempt(context.Background(), e.ID)
			if err != nil {
				t.Fatal(err)
			}
			d := got.NextAttempt.Sub(clock.Now())
			if got.State != reply.StateRetrying || d != w*time.Second {
				t.Fatalf("attempt %d: %s in %s, want retrying in %ds", i+1, got.State, d, w)
			}
			if due := o.Due(clock.Now()); len(due) != 0 {
				t.Fatalf("attempt %d: due before its time: %v", i+1, due)
			}
			if next, ok := o.Next(); !ok || !next.Equal(got.NextAttempt) {
				t.Fatalf("Next = %v %v, want %v", next, ok, got.NextAttempt)
			}
			clock.Advance(d)
			if due := o.Due(clock.Now()); len(due) != 1 || due[0].ID != e.ID {
				t.Fatalf("attempt %d: not due after its wait", i+1)
			}
		}
		got, _ := o.Attempt(context.Background(), e.ID)
		if got.State != reply.StateFailed || !strings.HasPrefix(got.LastError, "gave up after 9 attempts") || !got.Unknown {
			t.Fatalf("after MaxAttempts: %+v", got)
		}
		if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, reply.ErrNotPending) {
			t.Fatalf("attempt on failed: %v", err)
		}
		// A manual retry gets a fresh allowance and still reads back first.
		got, err := o.Retry(e.ID)
		if err != nil || got.State != reply.StateQueued || got.Attempts != 0 || !got.Unknown {
			t.Fatalf("retry: %v %+v", err, got)
		}
		_, _, checks := fs.counts()
		got, _ = o.Attempt(context.Background(), e.ID)
		if _, _, after := fs.counts(); got.State != reply.StateSent || after != checks+1 {
			t.Fatalf("after retry: %s, checks %d→%d", got.State, checks, after)
		}
	})
}

// TestRestartFromDisk stores entries in every state, reopens the outbox
// and checks what each became; an entry caught sending is read back
// before anything is sent.
func TestRestartFromDisk(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		dir := t.TempDir()
		clock := newClock()
		o, ob := testOutbox(t, b, dir, clock, nil)
		ids := map[reply.State]string{}
		for i, st := range []reply.State{reply.StateQueued, reply.StateSending, reply.StateRetrying, reply.StateSent, reply.StateFailed} {
			e, err := o.Enqueue(answerEntry("fb-" + string(rune('a'+i))))
			if err != nil {
				t.Fatal(err)
			}
			e.State, e.Attempts = st, 1
			if st == reply.StateRetrying {
				e.NextAttempt = clock.Now().Add(time.Hour)
			}
			if err := ob.Save(e); err != nil {
				t.Fatal(err)
			}
			ids[st] = e.ID
		}
		b.corruptEntry(t, dir, "deadbeef")

		clock.Advance(time.Minute)
		o2, ob2 := testOutbox(t, b, dir, clock, nil)
		if got := len(o2.List()); got != 5 {
			t.Fatalf("reloaded %d entries, want 5", got)
		}
		if p := o2.Problems(); len(p) != 1 || !strings.Contains(p[0].Error(), "deadbeef") {
			t.Fatalf("problems: %v", p)
		}
		wantStates := map[reply.State]reply.State{reply.StateQueued: reply.StateQueued, reply.StateSending: reply.StateRetrying,
			reply.StateRetrying: reply.StateRetrying, reply.StateSent: reply.StateSent, reply.StateFailed: reply.StateFailed}
		for st, id := range ids {
			e, _ := o2.Get(id)
			if e.State != wantStates[st] {
				t.Errorf("%s became %s", st, e.State)
			}
		}
		crashed, _ := o2.Get(ids[reply.StateSending])
		if !crashed.Unknown || crashed.LastError == "" || crashed.NextAttempt.After(clock.Now()) {
			t.Fatalf("crashed entry: %+v", crashed)
		}
		if disk := mustStored(t, ob2, crashed.ID); disk.State != reply.StateRetrying || !disk.Unknown {
			t.Fatalf("crash recovery not persisted: %+v", disk)
		}
		due := o2.Due(clock.Now())
		if len(due) != 2 || due[0].ID != ids[reply.StateQueued] && due[1].ID != ids[reply.StateQueued] {
			t.Fatalf("due after restart: %v", due)
		}

		// The write from before the crash did land: no second send.
		fs := &fakeSender{landed: true}
		o2.SetSenders("main", allKinds(fs))
		got, err := o2.Attempt(context.Background(), crashed.ID)
		if err != nil || got.State != reply.StateSent {
			t.Fatalf("attempt after crash: %v %+v", err, got)
		}
		if sends, _, checks := fs.counts(); sends != 0 || checks != 1 {
			t.Fatalf("after crash: %d sends, %d checks; want 0, 1", sends, checks)
		}
	})
}

func TestSentPrunedAfterKeepSent(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		dir := t.TempDir()
		clock := newClock()
		keep := func(op *reply.OutboxOptions) { op.KeepSent = time.Hour }
		o, _ := testOutbox(t, b, dir, clock, keep)
		o.SetSenders("main", allKinds(&fakeSender{}))
		e, _ := o.Enqueue(answerEntry("fb-p"))
		if got, _ := o.Attempt(context.Background(), e.ID); got.State != reply.StateSent {
			t.Fatal(got.State)
		}
		clock.Advance(2 * time.Hour)
		o2, ob := testOutbox(t, b, dir, clock, keep)
		if n := len(o2.List()); n != 0 {
			t.Fatalf("%d entries after KeepSent", n)
		}
		if _, ok := stored(t, ob, e.ID); ok {
			t.Fatal("pruned entry still stored")
		}
	})
}

func TestOutboxAPIErrors(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		o, ob := testOutbox(t, b, t.TempDir(), clock, nil)
		e, _ := o.Enqueue(answerEntry("fb-x"))
		if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, reply.ErrNoSender) {
			t.Fatalf("no senders: %v", err)
		}
		if got, _ := o.Get(e.ID); got.State != reply.StateQueued || got.Attempts != 0 {
			t.Fatalf("state changed without a sender: %+v", got)
		}
		if _, err := o.Attempt(context.Background(), "nope"); !errors.Is(err, reply.ErrNoEntry) {
			t.Fatalf("unknown id: %v", err)
		}
		if _, err := o.Enqueue(answerEntry("fb-x")); !errors.Is(err, reply.ErrDuplicate) {
			t.Fatalf("duplicate: %v", err)
		}
		// Chat messages may follow one another.
		chat := reply.Entry{Profile: "main", Kind: reply.KindChatMessage, ItemID: "chat-1", Text: "Добрый день"}
		if _, err := o.Enqueue(chat); err != nil {
			t.Fatal(err)
		}
		if _, err := o.Enqueue(chat); err != nil {
			t.Fatalf("second chat message: %v", err)
		}
		got, err := o.Cancel(e.ID)
		if err != nil || got.Text != e.Text {
			t.Fatalf("cancel: %v %+v", err, got)
		}
		if _, ok := stored(t, ob, e.ID); ok {
			t.Fatal("canceled entry still stored")
		}
		if _, ok := o.Get(e.ID); ok {
			t.Fatal("canceled entry still listed")
		}
	})
}

// blockingSender holds Send until released, to observe state sending.
type blockingSender struct {
	fakeSender
	entered chan struct{}
	release chan struct{}
}

func (b *blockingSender) Send(ctx context.Context, e reply.Entry) error {
	close(b.entered)
	<-b.release
	return b.fakeSender.Send(ctx, e)
}

func TestSendingIsPersistedAndExclusive(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		o, ob := testOutbox(t, b, t.TempDir(), clock, nil)
		bs := &blockingSender{entered: make(chan struct{}), release: make(chan struct{})}
		o.SetSenders("main", allKinds(bs))
		e, _ := o.Enqueue(answerEntry("fb-b"))
		done := make(chan reply.Entry)
		go func() {
			got, _ := o.Attempt(context.Background(), e.ID)
			done <- got
		}()
		<-bs.entered
		if disk := mustStored(t, ob, e.ID); disk.State != reply.StateSending {
			t.Fatalf("stored during the send: %s", disk.State)
		}
		if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, reply.ErrBusy) {
			t.Fatalf("second attempt: %v", err)
		}
		if _, err := o.Cancel(e.ID); !errors.Is(err, reply.ErrBusy) {
			t.Fatalf("cancel while sending: %v", err)
		}
		close(bs.release)
		if got := <-done; got.State != reply.StateSent {
			t.Fatalf("state %s", got.State)
		}
	})
}

func TestSentDeletesItsDraftOnly(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		dir := t.TempDir()
		drafts := openDrafts(t, b, dir)
		o, _ := testOutbox(t, b, dir, clock, func(op *reply.OutboxOptions) { op.Drafts = drafts })
		fs := &fakeSender{script: []step{{errServer(false), false}}}
		o.SetSenders("main", allKinds(fs))

		e1, e2 := answerEntry("fb-d1"), answerEntry("fb-d2")
		for _, e := range []reply.Entry{e1, e2} {
			if err := drafts.Put(e.DraftKey(), reply.Draft{Text: e.Text, UpdatedAt: clock.Now()}); err != nil {
				t.Fatal(err)
			}
		}
		q1, _ := o.Enqueue(e1)
		q2, _ := o.Enqueue(e2)
		// A failed attempt keeps the draft.
		if got, _ := o.Attempt(context.Background(), q1.ID); got.State != reply.StateRetrying {
			t.Fatal(got.State)
		}
		if _, ok, _ := drafts.Get(e1.DraftKey()); !ok {
			t.Fatal("draft removed before the send was confirmed")
		}
		clock.Advance(time.Minute)
		if got, _ := o.Attempt(context.Background(), q1.ID); got.State != reply.StateSent {
			t.Fatal(got.State)
		}
		if _, ok, _ := drafts.Get(e1.DraftKey()); ok {
			t.Fatal("draft of a sent reply kept")
		}
		// Newer work on the same item survives the send of the old text.
		if err := drafts.Put(e2.DraftKey(), reply.Draft{Text: "новый черновик", UpdatedAt: clock.Now()}); err != nil {
			t.Fatal(err)
		}
		if got, _ := o.Attempt(context.Background(), q2.ID); got.State != reply.StateSent {
			t.Fatal(got.State)
		}
		if d, ok, _ := drafts.Get(e2.DraftKey()); !ok || d.Text != "новый черновик" {
			t.Fatalf("newer draft lost: %v %+v", ok, d)
		}
	})
}

func TestOnChangeReportsEveryStep(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		var seen []string
		o, _ := testOutbox(t, b, t.TempDir(), clock, func(op *reply.OutboxOptions) {
			op.OnChange = func(e reply.Entry) { seen = append(seen, string(e.State)) }
		})
		o.SetSenders("main", allKinds(&fakeSender{}))
		e, _ := o.Enqueue(answerEntry("fb-o"))
		_, _ = o.Attempt(context.Background(), e.ID)
		if got := strings.Join(seen, ","); got != "queued,sending,sent" {
			t.Fatalf("OnChange saw %s, want queued,sending,sent", got)
		}
	})
}

// Marking a question viewed is not an answer: its delivery keeps the
// answer being written for the same question.
func TestViewedKeepsTheAnswerDraft(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		dir := t.TempDir()
		drafts := openDrafts(t, b, dir)
		o, _ := testOutbox(t, b, dir, clock, func(op *reply.OutboxOptions) { op.Drafts = drafts })
		o.SetSenders("main", allKinds(&fakeSender{}))
		e := reply.Entry{Profile: "main", Kind: reply.KindQuestionViewed, ItemID: "q-viewed"}
		if err := drafts.Put(e.DraftKey(), reply.Draft{Text: "Здравствуйте!", UpdatedAt: clock.Now()}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second)
		q, err := o.Enqueue(e)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := o.Attempt(context.Background(), q.ID); got.State != reply.StateSent {
			t.Fatal(got.State)
		}
		if d, ok, _ := drafts.Get(e.DraftKey()); !ok || d.Text != "Здравствуйте!" {
			t.Fatalf("answer draft lost when the question was marked viewed: %v %+v", ok, d)
		}
	})
}

// TestInvalidNeverSent: refused replies end failed with the sentence and
// no request, whether refused at Enqueue or (loaded from disk) at Attempt.
func TestInvalidNeverSent(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		dir := t.TempDir()
		o, ob := testOutbox(t, b, dir, clock, nil)
		fs := &fakeSender{}
		o.SetSenders("main", allKinds(fs))
		for _, e := range []reply.Entry{
			{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: "f1", Text: strings.Repeat("a", 5001)},
			{Profile: "main", Kind: reply.KindClaimAnswer, ItemID: "cl1", Action: "approve2", ClaimActions: []models.ClaimAction{models.ClaimApprove1}},
		} {
			got, err := o.Enqueue(e)
			if !api.IsKind(err, api.KindValidation) {
				t.Fatalf("enqueue: %v", err)
			}
			if got.State != reply.StateFailed || got.LastError == "" || got.Text != e.Text || strings.Contains(got.LastError, "refused the request") {
				t.Fatalf("returned entry: %+v", got)
			}
		}
		if n := len(o.List()); n != 0 {
			t.Fatalf("%d invalid entries stored", n)
		}
		// An entry that became invalid on disk.
		ok, err := o.Enqueue(answerEntry("f2"))
		if err != nil {
			t.Fatal(err)
		}
		ok.Text = "x"
		if err := ob.Save(ok); err != nil {
			t.Fatal(err)
		}
		o2, _ := testOutbox(t, b, dir, clock, nil)
		o2.SetSenders("main", allKinds(fs))
		got, err := o2.Attempt(context.Background(), ok.ID)
		if err != nil || got.State != reply.StateFailed || !strings.Contains(got.LastError, "too short") {
			t.Fatalf("attempt on invalid: %v %+v", err, got)
		}
		if sends, _, checks := fs.counts(); sends+checks != 0 {
			t.Fatalf("%d sends and %d read-backs for invalid replies", sends, checks)
		}
	})
}

// TestDiskRefuses: when the disk refuses, nothing is sent that could not
// be marked sending first, Enqueue reports the failure instead of
// pretending, and an outcome that could not be stored is still returned
// and listed in Problems.
func TestDiskRefuses(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		_, inner := b.open(t, t.TempDir())
		rb := &refusingOutbox{OutboxBackend: inner}
		o, err := reply.OpenOutbox(reply.OutboxOptions{Backend: rb, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		fs := &fakeSender{}
		o.SetSenders("main", allKinds(fs))

		rb.refuse.Store(true)
		if _, err := o.Enqueue(answerEntry("fb-1")); !errors.Is(err, errDiskFull) {
			t.Fatalf("enqueue on a full disk: %v", err)
		}
		if n := len(o.List()); n != 0 {
			t.Fatalf("%d entries listed that were never stored", n)
		}

		rb.refuse.Store(false)
		e, err := o.Enqueue(answerEntry("fb-2"))
		if err != nil {
			t.Fatal(err)
		}
		rb.refuse.Store(true)
		if got, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, errDiskFull) || got.State != reply.StateQueued {
			t.Fatalf("attempt that could not mark sending: %v %+v", err, got)
		}
		if sends, _, _ := fs.counts(); sends != 0 {
			t.Fatalf("%d sends without the sending mark stored", sends)
		}

		// The mark is stored, the outcome is not.
		rb.refuse.Store(false)
		fs.mu.Lock()
		fs.script = []step{{nil, true}}
		fs.mu.Unlock()
		refuseAfterSend := &refuseOnSend{fakeSender: fs, rb: rb}
		o.SetSenders("main", allKinds(refuseAfterSend))
		got, err := o.Attempt(context.Background(), e.ID)
		if !errors.Is(err, errDiskFull) || got.State != reply.StateSent {
			t.Fatalf("attempt whose outcome could not be stored: %v %+v", err, got)
		}
		if mem, _ := o.Get(e.ID); mem.State != reply.StateSent {
			t.Fatalf("in memory: %s", mem.State)
		}
		if p := o.Problems(); len(p) != 1 || !errors.Is(p[0], errDiskFull) {
			t.Fatalf("problems: %v", p)
		}
		// After a restart the entry is still marked sending: it reads back
		// before sending again.
		if disk := mustStored(t, inner, e.ID); disk.State != reply.StateSending {
			t.Fatalf("stored %s", disk.State)
		}
	})
}

// refuseOnSend makes the disk refuse once the marketplace took the write.
type refuseOnSend struct {
	*fakeSender
	rb *refusingOutbox
}

func (r *refuseOnSend) Send(ctx context.Context, e reply.Entry) error {
	err := r.fakeSender.Send(ctx, e)
	r.rb.refuse.Store(true)
	return err
}
