package models

import "time"

// DeadlineRule names the marketplace rule an item's deadline comes from.
// Only rules a marketplace documents give a date; where none is
// documented the item shows its age instead, never an invented date.
type DeadlineRule string

const (
	// RuleWBChatReply: "Рекомендуем отвечать на сообщения в чате в течение
	// 10 дней" (WB's API documentation, section "Чат с покупателями",
	// /work/shared/seeds/004_*.txt; the 2026-08 spec keeps no tag texts).
	// A recommendation, counted from the oldest buyer message the seller
	// has not answered yet.
	RuleWBChatReply DeadlineRule = "wb.chat.reply"
	// RuleWBClaim: getV1Claims "возвращает заявки покупателей на возврат
	// товаров за последние 14 дней. Вы можете отвечать на эти заявки"
	// (wb-communications-2026-08.yaml, GET /api/v1/claims, description):
	// a claim can be answered for 14 days from its dt.
	RuleWBClaim DeadlineRule = "wb.claim"
	// RuleWBFeedbackArchive: "Отзыв становится архивным, если … на отзыв
	// не получен ответ в течение 30 дней" (wb-communications-2026-08.yaml,
	// GET /api/v1/feedbacks/archive, description).
	RuleWBFeedbackArchive DeadlineRule = "wb.feedback.archive"
	// RuleWBQuestionNone: WB documents no deadline for answering a
	// question (wb-communications-2026-08.yaml, the questions methods
	// limit only the edit of an answer: once within 60 days).
	RuleWBQuestionNone DeadlineRule = "wb.question.none"
	// RuleYMReturnNone: Market approves a return by itself when the
	// seller does not decide in time, but neither getReturns/getReturn
	// (ym-returns-orders.yaml, schema ReturnDTO, RefundStatusType
	// PREMODERATION_DECISION_WAITING / WAITING_FOR_DECISION) nor the
	// method pages (/work/shared/seeds/002_*.txt) give the time.
	RuleYMReturnNone DeadlineRule = "ym.return.none"
)

// Window is how long the rule allows from the moment it counts from;
// zero for the rules that set no deadline.
func (r DeadlineRule) Window() time.Duration {
	switch r {
	case RuleWBChatReply:
		return 10 * 24 * time.Hour
	case RuleWBClaim:
		return 14 * 24 * time.Hour
	case RuleWBFeedbackArchive:
		return 30 * 24 * time.Hour
	}
	return 0
}

// DueSoon is when a deadline counts as urgent.
const DueSoon = 24 * time.Hour

// Deadline is when an item must be handled under its marketplace's rule.
// At is zero when there is none (the rule sets none, or the item no longer
// waits for the seller); Since is what the item's age counts from.
type Deadline struct {
	Rule  DeadlineRule
	At    time.Time
	Since time.Time
}

// Dated reports a deadline with a date.
func (d Deadline) Dated() bool { return !d.At.IsZero() }

// Left is the time until the deadline, negative once it passed; zero
// without one.
func (d Deadline) Left(now time.Time) time.Duration {
	if !d.Dated() {
		return 0
	}
	return d.At.Sub(now)
}

// Age is how long the item has existed (or waited, for a chat); ok is
// false when Since is unknown.
func (d Deadline) Age(now time.Time) (age time.Duration, ok bool) {
	if d.Since.IsZero() {
		return 0, false
	}
	return max(now.Sub(d.Since), 0), true
}

// Overdue reports a deadline already passed.
func (d Deadline) Overdue(now time.Time) bool { return d.Dated() && !now.Before(d.At) }

// Urgent reports a deadline passed or less than DueSoon away.
func (d Deadline) Urgent(now time.Time) bool { return d.Dated() && d.At.Sub(now) < DueSoon }

// dated is a deadline the rule's window after since, when the item waits
// and its start is known.
func dated(rule DeadlineRule, since time.Time, waits bool) Deadline {
	d := Deadline{Rule: rule, Since: since}
	if waits && !since.IsZero() {
		d.At = since.Add(rule.Window())
	}
	return d
}

// QuestionDeadline: none; the question's age counts from its creation.
func QuestionDeadline(q Question) Deadline {
	return Deadline{Rule: RuleWBQuestionNone, Since: q.CreatedDate.Time}
}

// FeedbackDeadline: an unanswered feedback is archived 30 days after it
// was left.
func FeedbackDeadline(f Feedback) Deadline {
	return dated(RuleWBFeedbackArchive, f.CreatedDate.Time, !f.Answered())
}

// ClaimDeadline: an active claim offering actions can be answered for 14
// days from its dt; an archived one waits for nothing.
func ClaimDeadline(c Claim, archived bool) Deadline {
	return dated(RuleWBClaim, c.Dt.Time, !archived && c.Answerable())
}

// ReturnDeadline: none documented; the return's age counts from its
// creation.
func ReturnDeadline(r YMReturn) Deadline {
	return Deadline{Rule: RuleYMReturnNone, Since: r.CreationDate.Time}
}

// ChatDeadline is the reply due for a buyer waiting since the given time
// (zero: nobody is waiting, or the events cannot tell since when).
func ChatDeadline(waitingSince time.Time) Deadline {
	return dated(RuleWBChatReply, waitingSince, true)
}

// ChatWaitingSince is the time of the oldest buyer message after the
// seller's last one, in events of one chat in any order; zero when the
// seller spoke last or the buyer never wrote. WB's own notices neither ask
// nor answer.
func ChatWaitingSince(evs []ChatEvent) time.Time {
	var seller time.Time
	for _, e := range evs {
		if e.Sender == ChatSenderSeller && e.Time().After(seller) {
			seller = e.Time().Time
		}
	}
	var since time.Time
	for _, e := range evs {
		t := e.Time().Time
		// A buyer message in the seller's millisecond counts as waiting,
		// as ChatNeedsLook has it: the buyer must not be hidden.
		if e.Sender != ChatSenderClient || t.IsZero() || t.Before(seller) {
			continue
		}
		if since.IsZero() || t.Before(since) {
			since = t
		}
	}
	return since
}
