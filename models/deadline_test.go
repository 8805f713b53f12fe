package models

import (
	"testing"
	"time"
)

var dlT0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func TestDeadlineRulesFromTheDocumentation(t *testing.T) {
	day := 24 * time.Hour
	answered := &FeedbackAnswer{Text: "Спасибо"}
	offer := []ClaimAction{ClaimApprove1}
	tests := []struct {
		name   string
		got    Deadline
		rule   DeadlineRule
		at     time.Time // zero: no deadline
		since  time.Time
		window time.Duration
	}{
		{"unanswered feedback is archived after 30 days", FeedbackDeadline(Feedback{CreatedDate: Time{Time: dlT0}}),
			RuleWBFeedbackArchive, dlT0.Add(30 * day), dlT0, 30 * day},
		{"answered feedback waits for nothing", FeedbackDeadline(Feedback{CreatedDate: Time{Time: dlT0}, Answer: answered}),
			RuleWBFeedbackArchive, time.Time{}, dlT0, 30 * day},
		{"active claim: 14 days from dt", ClaimDeadline(Claim{Dt: Time{Time: dlT0}, Actions: offer}, false),
			RuleWBClaim, dlT0.Add(14 * day), dlT0, 14 * day},
		{"archived claim", ClaimDeadline(Claim{Dt: Time{Time: dlT0}, Actions: offer}, true),
			RuleWBClaim, time.Time{}, dlT0, 14 * day},
		{"claim without actions", ClaimDeadline(Claim{Dt: Time{Time: dlT0}}, false),
			RuleWBClaim, time.Time{}, dlT0, 14 * day},
		{"claim of unknown date gets no invented deadline", ClaimDeadline(Claim{Actions: offer}, false),
			RuleWBClaim, time.Time{}, time.Time{}, 14 * day},
		{"chat: 10 days from the waiting message", ChatDeadline(dlT0),
			RuleWBChatReply, dlT0.Add(10 * day), dlT0, 10 * day},
		{"chat nobody waits in", ChatDeadline(time.Time{}),
			RuleWBChatReply, time.Time{}, time.Time{}, 10 * day},
		{"question: age only", QuestionDeadline(Question{CreatedDate: Time{Time: dlT0}}),
			RuleWBQuestionNone, time.Time{}, dlT0, 0},
		// The inbox used to assume 72 hours here; Market documents none.
		{"YM return awaiting a decision: age only",
			ReturnDeadline(YMReturn{CreationDate: Time{Time: dlT0}, RefundStatus: "PREMODERATION_DECISION_WAITING"}),
			RuleYMReturnNone, time.Time{}, dlT0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.got
			if d.Rule != tt.rule || !d.At.Equal(tt.at) || !d.Since.Equal(tt.since) || d.Rule.Window() != tt.window {
				t.Fatalf("got %+v (window %v), want rule %s at %v since %v window %v", d, d.Rule.Window(), tt.rule, tt.at, tt.since, tt.window)
			}
			if d.Dated() != !tt.at.IsZero() {
				t.Fatalf("Dated() = %v", d.Dated())
			}
		})
	}
}

func TestDeadlineLeftAgeUrgency(t *testing.T) {
	d := ChatDeadline(dlT0)
	at := dlT0.Add(10 * 24 * time.Hour)
	tests := []struct {
		now             time.Time
		left            time.Duration
		overdue, urgent bool
	}{
		{dlT0, 10 * 24 * time.Hour, false, false},
		{at.Add(-DueSoon), DueSoon, false, false},
		{at.Add(-DueSoon + time.Minute), DueSoon - time.Minute, false, true},
		{at, 0, true, true},
		{at.Add(time.Hour), -time.Hour, true, true},
	}
	for _, tt := range tests {
		if d.Left(tt.now) != tt.left || d.Overdue(tt.now) != tt.overdue || d.Urgent(tt.now) != tt.urgent {
			t.Errorf("at %v: left %v overdue %v urgent %v, want %v %v %v", tt.now, d.Left(tt.now), d.Overdue(tt.now), d.Urgent(tt.now),
				tt.left, tt.overdue, tt.urgent)
		}
	}
	q := QuestionDeadline(Question{CreatedDate: Time{Time: dlT0}})
	if q.Urgent(dlT0.Add(400*24*time.Hour)) || q.Overdue(dlT0.Add(400*24*time.Hour)) || q.Left(dlT0) != 0 {
		t.Fatal("an item without a deadline is never urgent")
	}
	if age, ok := q.Age(dlT0.Add(3 * time.Hour)); !ok || age != 3*time.Hour {
		t.Fatalf("age %v %v", age, ok)
	}
	if _, ok := (Deadline{}).Age(dlT0); ok {
		t.Fatal("an unknown start has no age")
	}
}

func TestChatWaitingSince(t *testing.T) {
	ev := func(who ChatSender, h int) ChatEvent {
		return ChatEvent{Sender: who, AddTimestamp: UnixMillis(dlT0.Add(time.Duration(h) * time.Hour).UnixMilli())}
	}
	at := func(h int) time.Time { return dlT0.Add(time.Duration(h) * time.Hour) }
	tests := []struct {
		name string
		evs  []ChatEvent
		want time.Time
	}{
		{"none", nil, time.Time{}},
		{"seller spoke last", []ChatEvent{ev(ChatSenderClient, 1), ev(ChatSenderSeller, 2)}, time.Time{}},
		// The oldest unanswered message is due first, not the newest.
		{"two unanswered, any order", []ChatEvent{ev(ChatSenderClient, 5), ev(ChatSenderSeller, 2), ev(ChatSenderClient, 3), ev(ChatSenderClient, 1)}, at(3)},
		{"WB's notice answers nothing", []ChatEvent{ev(ChatSenderClient, 1), ev(ChatSenderWB, 2)}, at(1)},
		{"a tie goes to the buyer", []ChatEvent{ev(ChatSenderSeller, 2), ev(ChatSenderClient, 2)}, at(2)},
	}
	for _, tt := range tests {
		if got := ChatWaitingSince(tt.evs); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
