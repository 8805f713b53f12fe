package reply

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAttemptTransitions drives one entry through scripted marketplace
// answers and checks each state it passes through.
func TestAttemptTransitions(t *testing.T) {
	type want struct {
		state   State
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
			[]want{{state: StateSent}}, 1, 1},
		{"429 → retrying after the server's wait → sent", []step{{errRate(30 * time.Second), false}, {nil, true}}, nil, 2,
			[]want{{state: StateRetrying, wait: 30 * time.Second, errHas: "rate limit"}, {state: StateSent}}, 2, 1},
		{"429 asking less than the backoff waits the backoff", []step{{errRate(100 * time.Millisecond), false}}, nil, 1,
			[]want{{state: StateRetrying, wait: time.Second}}, 1, 0},
		{"5xx before acting → retry reads back, then sends", []step{{errServer(true), false}, {nil, true}}, nil, 2,
			[]want{{state: StateRetrying, unknown: true, wait: time.Second}, {state: StateSent}}, 2, 1},
		{"dropped after the write landed → read back, not resent", []step{{errNetwork(), true}}, nil, 2,
			[]want{{state: StateRetrying, unknown: true, wait: time.Second, errHas: "cannot reach"}, {state: StateSent}}, 1, 1},
		{"validation → failed with the sentence", []step{{errInvalid("Ответ слишком длинный"), false}}, nil, 1,
			[]want{{state: StateFailed, errHas: "Ответ слишком длинный"}}, 1, 0},
		{"auth → failed", []step{{errAuth(), false}}, nil, 1,
			[]want{{state: StateFailed, errHas: "login wb"}}, 1, 0},
		{"conflict but landed → sent", []step{{errConflict("accepted but not shown"), true}}, nil, 1,
			[]want{{state: StateSent}}, 1, 1},
		{"conflict not landed → failed, next try reads back", []step{{errConflict("a colleague answered"), false}}, nil, 1,
			[]want{{state: StateFailed, unknown: true, errHas: "a colleague answered"}}, 1, 0},
		{"read-back fails → nothing sent, retry later", []step{{errNetwork(), false}, {nil, true}}, []error{errServer(false), nil}, 3,
			[]want{
				{state: StateRetrying, unknown: true, wait: time.Second},
				{state: StateRetrying, unknown: true, wait: 2 * time.Second, errHas: "could not check"},
				{state: StateSent},
			}, 2, 1},
		{"read-back refused → failed, nothing sent", []step{{errNetwork(), false}}, []error{errAuth()}, 2,
			[]want{{state: StateRetrying, unknown: true, wait: time.Second}, {state: StateFailed, unknown: true, errHas: "could not check"}}, 1, 0},
		{"canceled → retry at once, reading back", []step{{errCanceled(), true}}, nil, 2,
			[]want{{state: StateRetrying, unknown: true, wait: 0}, {state: StateSent}}, 1, 1},
		{"local error (attachment gone) → failed", []step{{errors.New("the attachment is gone"), false}}, nil, 1,
			[]want{{state: StateFailed, errHas: "attachment is gone"}}, 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := newClock()
			o := testOutbox(t, t.TempDir(), clock, nil)
			fs := &fakeSender{script: c.script, checkErrs: c.checkErrs}
			o.SetSenders("main", allKinds(fs))
			e, err := o.Enqueue(answerEntry("fb-1"))
			if err != nil || e.State != StateQueued {
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
				if w.state == StateRetrying {
					if d := got.NextAttempt.Sub(clock.Now()); d != w.wait {
						t.Errorf("attempt %d: next attempt in %s, want %s", i+1, d, w.wait)
					}
				}
				if !strings.Contains(got.LastError, w.errHas) {
					t.Errorf("attempt %d: LastError %q lacks %q", i+1, got.LastError, w.errHas)
				}
				if (w.state == StateSent) != (got.LastError == "") {
					t.Errorf("attempt %d: LastError %q in state %s", i+1, got.LastError, got.State)
				}
				if disk := readEntryFile(t, o.dir, e.ID); disk.State != got.State || disk.Attempts != got.Attempts {
					t.Errorf("attempt %d: disk has %s/%d, memory %s/%d", i+1, disk.State, disk.Attempts, got.State, got.Attempts)
				}
				clock.Advance(got.NextAttempt.Sub(clock.Now()))
			}
			sends, landings, _ := fs.counts()
			if sends != c.sends || landings != c.landings {
				t.Errorf("sends %d landings %d, want %d %d", sends, landings, c.sends, c.landings)
			}
		})
	}
}

func readEntryFile(t *testing.T, dir, id string) Entry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, id+".json"))
	if err != nil {
		t.Fatalf("read entry: %v", err)
	}
	var e Entry
	if err := jsonUnmarshal(data, &e); err != nil {
		t.Fatalf("decode entry: %v", err)
	}
	return e
}

func TestBackoffGrowsAndGivesUp(t *testing.T) {
	clock := newClock()
	o := testOutbox(t, t.TempDir(), clock, func(op *OutboxOptions) {
		op.MaxAttempts = 9
		op.Backoff = Backoff{Base: time.Second, Max: 20 * time.Second}
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
		if got.State != StateRetrying || d != w*time.Second {
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
	if got.State != StateFailed || !strings.HasPrefix(got.LastError, "gave up after 9 attempts") || !got.Unknown {
		t.Fatalf("after MaxAttempts: %+v", got)
	}
	if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, ErrNotPending) {
		t.Fatalf("attempt on failed: %v", err)
	}
	// A manual retry gets a fresh allowance and still reads back first.
	got, err := o.Retry(e.ID)
	if err != nil || got.State != StateQueued || got.Attempts != 0 || !got.Unknown {
		t.Fatalf("retry: %v %+v", err, got)
	}
	_, _, checks := fs.counts()
	got, _ = o.Attempt(context.Background(), e.ID)
	if _, _, after := fs.counts(); got.State != StateSent || after != checks+1 {
		t.Fatalf("after retry: %s, checks %d→%d", got.State, checks, after)
	}
}

func TestBackoffJitterStaysInRange(t *testing.T) {
	b := Backoff{Base: time.Second, Max: time.Minute}
	for attempts := 1; attempts < 12; attempts++ {
		full := min(time.Second<<(attempts-1), time.Minute)
		for range 50 {
			d := b.delay(attempts, randJitter)
			if d < full/2 || d > full {
				t.Fatalf("attempt %d: %s outside [%s, %s]", attempts, d, full/2, full)
			}
		}
	}
}

// TestRestartFromDisk writes entries in every state, reopens the outbox
// and checks what each became; an entry caught sending is read back
// before anything is sent.
func TestRestartFromDisk(t *testing.T) {
	dir := t.TempDir()
	clock := newClock()
	o := testOutbox(t, dir, clock, nil)
	ids := map[State]string{}
	for i, st := range []State{StateQueued, StateSending, StateRetrying, StateSent, StateFailed} {
		e, err := o.Enqueue(answerEntry("fb-" + string(rune('a'+i))))
		if err != nil {
			t.Fatal(err)
		}
		e.State, e.Attempts = st, 1
		if st == StateRetrying {
			e.NextAttempt = clock.Now().Add(time.Hour)
		}
		if err := o.persist(e); err != nil {
			t.Fatal(err)
		}
		ids[st] = e.ID
	}
	// A temp file torn by a crash mid-write, and a corrupt entry.
	if err := os.WriteFile(filepath.Join(dir, tmpPrefix+"123"), []byte(`{"id":"x","sta`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "deadbeef.json"), []byte(`{"id":"dead`), 0o600); err != nil {
		t.Fatal(err)
	}

	clock.Advance(time.Minute)
	o2 := testOutbox(t, dir, clock, nil)
	if got := len(o2.List()); got != 5 {
		t.Fatalf("reloaded %d entries, want 5", got)
	}
	if p := o2.Problems(); len(p) != 1 || !strings.Contains(p[0].Error(), "deadbeef.json") {
		t.Fatalf("problems: %v", p)
	}
	wantStates := map[State]State{StateQueued: StateQueued, StateSending: StateRetrying, StateRetrying: StateRetrying, StateSent: StateSent, StateFailed: StateFailed}
	for st, id := range ids {
		e, _ := o2.Get(id)
		if e.State != wantStates[st] {
			t.Errorf("%s became %s", st, e.State)
		}
	}
	crashed, _ := o2.Get(ids[StateSending])
	if !crashed.Unknown || crashed.LastError == "" || crashed.NextAttempt.After(clock.Now()) {
		t.Fatalf("crashed entry: %+v", crashed)
	}
	if disk := readEntryFile(t, dir, crashed.ID); disk.State != StateRetrying || !disk.Unknown {
		t.Fatalf("crash recovery not persisted: %+v", disk)
	}
	due := o2.Due(clock.Now())
	if len(due) != 2 || due[0].ID != ids[StateQueued] && due[1].ID != ids[StateQueued] {
		t.Fatalf("due after restart: %v", due)
	}

	// The write from before the crash did land: no second send.
	fs := &fakeSender{landed: true}
	o2.SetSenders("main", allKinds(fs))
	got, err := o2.Attempt(context.Background(), crashed.ID)
	if err != nil || got.State != StateSent {
		t.Fatalf("attempt after crash: %v %+v", err, got)
	}
	if sends, _, checks := fs.counts(); sends != 0 || checks != 1 {
		t.Fatalf("after crash: %d sends, %d checks; want 0, 1", sends, checks)
	}
}

func TestSentPrunedAfterKeepSent(t *testing.T) {
	dir := t.TempDir()
	clock := newClock()
	o := testOutbox(t, dir, clock, func(op *OutboxOptions) { op.KeepSent = time.Hour })
	o.SetSenders("main", allKinds(&fakeSender{}))
	e, _ := o.Enqueue(answerEntry("fb-p"))
	if got, _ := o.Attempt(context.Background(), e.ID); got.State != StateSent {
		t.Fatal(got.State)
	}
	clock.Advance(2 * time.Hour)
	o2 := testOutbox(t, dir, clock, func(op *OutboxOptions) { op.KeepSent = time.Hour })
	if n := len(o2.List()); n != 0 {
		t.Fatalf("%d entries after KeepSent", n)
	}
}

func TestOutboxAPIErrors(t *testing.T) {
	clock := newClock()
	o := testOutbox(t, t.TempDir(), clock, nil)
	e, _ := o.Enqueue(answerEntry("fb-x"))
	if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, ErrNoSender) {
		t.Fatalf("no senders: %v", err)
	}
	if got, _ := o.Get(e.ID); got.State != StateQueued || got.Attempts != 0 {
		t.Fatalf("state changed without a sender: %+v", got)
	}
	if _, err := o.Attempt(context.Background(), "nope"); !errors.Is(err, ErrNoEntry) {
		t.Fatalf("unknown id: %v", err)
	}
	if _, err := o.Enqueue(answerEntry("fb-x")); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("duplicate: %v", err)
	}
	// Chat messages may follow one another.
	chat := Entry{Profile: "main", Kind: KindChatMessage, ItemID: "chat-1", Text: "Добрый день"}
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
	if _, err := os.Stat(filepath.Join(o.dir, e.ID+".json")); !os.IsNotExist(err) {
		t.Fatalf("canceled entry still on disk: %v", err)
	}
	if _, ok := o.Get(e.ID); ok {
		t.Fatal("canceled entry still listed")
	}
}

// blockingSender holds Send until released, to observe state sending.
type blockingSender struct {
	fakeSender
	entered chan struct{}
	release chan struct{}
}

func (b *blockingSender) Send(ctx context.Context, e Entry) error {
	close(b.entered)
	<-b.release
	return b.fakeSender.Send(ctx, e)
}

func TestSendingIsPersistedAndExclusive(t *testing.T) {
	clock := newClock()
	o := testOutbox(t, t.TempDir(), clock, nil)
	bs := &blockingSender{entered: make(chan struct{}), release: make(chan struct{})}
	o.SetSenders("main", allKinds(bs))
	e, _ := o.Enqueue(answerEntry("fb-b"))
	done := make(chan Entry)
	go func() {
		got, _ := o.Attempt(context.Background(), e.ID)
		done <- got
	}()
	<-bs.entered
	if disk := readEntryFile(t, o.dir, e.ID); disk.State != StateSending {
		t.Fatalf("on disk during the send: %s", disk.State)
	}
	if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, ErrBusy) {
		t.Fatalf("second attempt: %v", err)
	}
	if _, err := o.Cancel(e.ID); !errors.Is(err, ErrBusy) {
		t.Fatalf("cancel while sending: %v", err)
	}
	close(bs.release)
	if got := <-done; got.State != StateSent {
		t.Fatalf("state %s", got.State)
	}
}

func TestSentDeletesItsDraftOnly(t *testing.T) {
	clock := newClock()
	drafts, err := OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	o := testOutbox(t, t.TempDir(), clock, func(op *OutboxOptions) { op.Drafts = drafts })
	fs := &fakeSender{script: []step{{errServer(false), false}}}
	o.SetSenders("main", allKinds(fs))

	e1, e2 := answerEntry("fb-d1"), answerEntry("fb-d2")
	for _, e := range []Entry{e1, e2} {
		if err := drafts.Put(e.DraftKey(), Draft{Text: e.Text, UpdatedAt: clock.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	q1, _ := o.Enqueue(e1)
	q2, _ := o.Enqueue(e2)
	// A failed attempt keeps the draft.
	if got, _ := o.Attempt(context.Background(), q1.ID); got.State != StateRetrying {
		t.Fatal(got.State)
	}
	if _, ok, _ := drafts.Get(e1.DraftKey()); !ok {
		t.Fatal("draft removed before the send was confirmed")
	}
	clock.Advance(time.Minute)
	if got, _ := o.Attempt(context.Background(), q1.ID); got.State != StateSent {
		t.Fatal(got.State)
	}
	if _, ok, _ := drafts.Get(e1.DraftKey()); ok {
		t.Fatal("draft of a sent reply kept")
	}
	// Newer work on the same item survives the send of the old text.
	if err := drafts.Put(e2.DraftKey(), Draft{Text: "новый черновик", UpdatedAt: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	if got, _ := o.Attempt(context.Background(), q2.ID); got.State != StateSent {
		t.Fatal(got.State)
	}
	if d, ok, _ := drafts.Get(e2.DraftKey()); !ok || d.Text != "новый черновик" {
		t.Fatalf("newer draft lost: %v %+v", ok, d)
	}
}

func TestOnChangeReportsEveryStep(t *testing.T) {
	clock := newClock()
	var seen []State
	o := testOutbox(t, t.TempDir(), clock, func(op *OutboxOptions) {
		op.OnChange = func(e Entry) { seen = append(seen, e.State) }
	})
	o.SetSenders("main", allKinds(&fakeSender{}))
	e, _ := o.Enqueue(answerEntry("fb-o"))
	_, _ = o.Attempt(context.Background(), e.ID)
	want := []State{StateQueued, StateSending, StateSent}
	if strings.Join(statesToStrings(seen), ",") != strings.Join(statesToStrings(want), ",") {
		t.Fatalf("OnChange saw %v, want %v", seen, want)
	}
}

func statesToStrings(ss []State) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// Marking a question viewed is not an answer: its delivery keeps the
// answer being written for the same question.
func TestViewedKeepsTheAnswerDraft(t *testing.T) {
	clock := newClock()
	drafts, err := OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	o := testOutbox(t, t.TempDir(), clock, func(op *OutboxOptions) { op.Drafts = drafts })
	o.SetSenders("main", allKinds(&fakeSender{}))
	e := Entry{Profile: "main", Kind: KindQuestionViewed, ItemID: "q-viewed"}
	if err := drafts.Put(e.DraftKey(), Draft{Text: "Здравствуйте!", UpdatedAt: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	q, err := o.Enqueue(e)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := o.Attempt(context.Background(), q.ID); got.State != StateSent {
		t.Fatal(got.State)
	}
	if d, ok, _ := drafts.Get(e.DraftKey()); !ok || d.Text != "Здравствуйте!" {
		t.Fatalf("answer draft lost when the question was marked viewed: %v %+v", ok, d)
	}
}
