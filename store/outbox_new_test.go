package store

import (
	"errors"
	"testing"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestSecondReplyRefusedAcrossProcesses: two processes on one store (two
// serve processes of a team, on one host or two) each with an outbox
// loaded before either queued anything: anna's answer goes in, ivan's
// answer to the same question is refused with her name, and his answer
// to another question goes in. On both backends.
func TestSecondReplyRefusedAcrossProcesses(t *testing.T) {
	a := openTemp(t)
	b := reopen(t, a)
	defer b.Close()
	obA, err := reply.OpenOutbox(reply.OutboxOptions{Backend: a.OutboxBackend()})
	if err != nil {
		t.Fatal(err)
	}
	obB, err := reply.OpenOutbox(reply.OutboxOptions{Backend: b.OutboxBackend()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := obA.Enqueue(reply.Entry{Profile: "team", Agent: "anna", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Да, подойдёт."}); err != nil {
		t.Fatal(err)
	}
	_, err = obB.Enqueue(reply.Entry{Profile: "team", Agent: "ivan", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Нет."})
	var inFlight *reply.InFlightError
	if !errors.As(err, &inFlight) || inFlight.Agent != "anna" || !errors.Is(err, reply.ErrDuplicate) {
		t.Fatalf("ivan's second answer to q1: %v, want anna's in flight", err)
	}
	if _, err := obB.Enqueue(reply.Entry{Profile: "team", Agent: "ivan", Kind: reply.KindQuestionAnswer, ItemID: "q2", Text: "Да."}); err != nil {
		t.Fatalf("ivan's answer to another question: %v", err)
	}
	entries, _, err := a.OutboxBackend().Load()
	if err != nil || len(entries) != 2 {
		t.Fatalf("stored entries: %d %v, want anna's and ivan's q2", len(entries), err)
	}
}
