package reply

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
)

// Sender delivers one kind of entry. Send performs the write (and whatever
// reads the client does around it); Landed reads the item back and reports
// whether the marketplace already shows this entry's effect, which is how
// an attempt with an unknown outcome is resolved without sending twice.
type Sender interface {
	Send(ctx context.Context, e Entry) error
	Landed(ctx context.Context, e Entry) (bool, error)
}

// Senders maps each kind a profile can deliver to its sender.
type Senders map[Kind]Sender

// NewSenders delivers through a profile's clients; either may be nil when
// the profile has no account on that marketplace.
func NewSenders(w *wb.Client, y *ym.Client) Senders {
	s := Senders{}
	if w != nil {
		q, f := questionSender{w}, feedbackSender{w}
		for _, k := range []Kind{KindQuestionAnswer, KindQuestionEdit, KindQuestionReject, KindQuestionViewed} {
			s[k] = q
		}
		for _, k := range []Kind{KindFeedbackAnswer, KindFeedbackEdit, KindFeedbackReturn} {
			s[k] = f
		}
		s[KindChatMessage] = chatSender{w}
		s[KindClaimAnswer] = claimSender{w}
	}
	if y != nil {
		s[KindReturnDecision] = returnSender{y}
	}
	return s
}

type questionSender struct{ c *wb.Client }

func (s questionSender) Send(ctx context.Context, e Entry) error {
	var err error
	switch e.Kind {
	case KindQuestionAnswer:
		_, err = s.c.AnswerQuestion(ctx, e.ItemID, e.Text)
	case KindQuestionEdit:
		_, err = s.c.EditQuestionAnswer(ctx, e.ItemID, e.Text)
	case KindQuestionReject:
		_, err = s.c.RejectQuestion(ctx, e.ItemID, e.Text)
	case KindQuestionViewed:
		_, err = s.c.MarkQuestionViewed(ctx, e.ItemID)
	default:
		err = invalid(e, "questions cannot take a %s", e.Kind.Label())
	}
	return err
}

func (s questionSender) Landed(ctx context.Context, e Entry) (bool, error) {
	q, err := s.c.Question(ctx, e.ItemID)
	if err != nil {
		return false, err
	}
	switch e.Kind {
	case KindQuestionAnswer, KindQuestionEdit:
		return q.State == models.QuestionAnswered && q.Answer != nil && q.Answer.Text == e.Text, nil
	case KindQuestionReject:
		return q.State == models.QuestionRejected, nil
	case KindQuestionViewed:
		return q.WasViewed, nil
	}
	return false, nil
}

type feedbackSender struct{ c *wb.Client }

func (s feedbackSender) Send(ctx context.Context, e Entry) error {
	var err error
	switch e.Kind {
	case KindFeedbackAnswer:
		_, err = s.c.AnswerFeedback(ctx, e.ItemID, e.Text)
	case KindFeedbackEdit:
		_, err = s.c.EditFeedbackAnswer(ctx, e.ItemID, e.Text)
	case KindFeedbackReturn:
		_, err = s.c.ReturnFeedbackOrder(ctx, e.ItemID)
	default:
		err = invalid(e, "feedbacks cannot take a %s", e.Kind.Label())
	}
	return err
}

func (s feedbackSender) Landed(ctx context.Context, e Entry) (bool, error) {
	f, err := s.c.Feedback(ctx, e.ItemID)
	if err != nil {
		return false, err
	}
	if e.Kind == KindFeedbackReturn {
		return !f.ReturnProductOrdersDate.IsZero(), nil
	}
	return f.Answer != nil && f.Answer.Text == e.Text, nil
}

type chatSender struct{ c *wb.Client }

func (s chatSender) Send(ctx context.Context, e Entry) error {
	files := make([]wb.File, 0, len(e.Files))
	for _, p := range e.Files {
		data, err := os.ReadFile(p)
		if err != nil {
			return invalid(e, "the attachment %q cannot be read: %s", filepath.Base(p), fileProblem(err))
		}
		files = append(files, wb.File{Name: filepath.Base(p), Data: data})
	}
	_, err := s.c.SendMessage(ctx, wb.SendMessage{ChatID: e.ItemID, ReplySign: e.ReplySign, Text: e.Text, Files: files})
	return err
}

// chatClockSlack widens the read-back window before the entry's creation:
// the marketplace stamps events with its own clock.
const chatClockSlack = 2 * time.Minute

// Landed looks for a seller message in the chat with this text and as many
// attachments, added after the entry was queued.
func (s chatSender) Landed(ctx context.Context, e Entry) (bool, error) {
	from := e.Created.Add(-chatClockSlack).UnixMilli()
	events, _, err := s.c.AllEvents(ctx, max(from, 1))
	if err != nil {
		return false, err
	}
	for _, ev := range events {
		if ev.ChatID != e.ItemID || ev.Sender != models.ChatSenderSeller || ev.Text() != e.Text {
			continue
		}
		if int64(ev.AddTimestamp) < from {
			continue
		}
		a := ev.Attachments()
		if len(a.Files)+len(a.Images) == len(e.Files) {
			return true, nil
		}
	}
	return false, nil
}

type claimSender struct{ c *wb.Client }

// Send answers the claim as it is now: its actions may have changed since
// the user chose (a colleague answered, the claim moved on), and the
// client checks the action against the fresh list.
func (s claimSender) Send(ctx context.Context, e Entry) error {
	claim, found, err := s.c.Claim(ctx, e.ItemID)
	if err != nil {
		return err
	}
	if !found {
		return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBReturns, Op: opOf(e.Kind), Kind: api.KindNotFound,
			Message: "claim " + e.ItemID + " is not among the claims of the last 14 days"}
	}
	_, err = s.c.AnswerClaim(ctx, claim, models.ClaimAction(e.Action), e.Text)
	return err
}

// Landed reports whether the claim's decision is the one this answer
// makes, with this comment where the comment is what the buyer sees.
func (s claimSender) Landed(ctx context.Context, e Entry) (bool, error) {
	claim, found, err := s.c.Claim(ctx, e.ItemID)
	if err != nil || !found {
		return false, err
	}
	action := models.ClaimAction(e.Action)
	want := models.ClaimApproved
	if action.IsReject() {
		want = models.ClaimRejected
	}
	if claim.Status != want {
		return false, nil
	}
	switch action {
	case models.ClaimRejectCustom:
		return claim.WBComment == e.Text, nil
	case models.ClaimApproveCC1:
		return e.Text == "" || strings.Contains(claim.WBComment, e.Text), nil
	case models.ClaimConfirmReturnGoodCC:
		// The claim was approved before this action; only its leaving the
		// active list shows the confirmation.
		return !claim.Allows(action), nil
	}
	return true, nil
}

type returnSender struct{ c *ym.Client }

// client addresses the entry's own campaign: the app may have switched to
// another one since the decision was queued.
func (s returnSender) client(e Entry) *ym.Client {
	if e.CampaignID > 0 && e.CampaignID != s.c.CampaignID() {
		return s.c.ForCampaign(e.CampaignID)
	}
	return s.c
}

func (s returnSender) Send(ctx context.Context, e Entry) error {
	return s.client(e).SubmitReturnDecision(ctx, e.OrderID, e.ReturnID, e.Decisions)
}

// Landed reports whether every item of the entry carries the decision
// sent and the return no longer waits for one.
func (s returnSender) Landed(ctx context.Context, e Entry) (bool, error) {
	r, err := s.client(e).GetReturn(ctx, e.OrderID, e.ReturnID)
	if err != nil {
		return false, err
	}
	if r.AwaitsDecision() {
		return false, nil
	}
	decided := map[int64]models.YMDecisionType{}
	for _, it := range r.Items {
		for _, d := range it.Decisions {
			if d.Decided() {
				decided[d.ReturnItemID] = d.DecisionType
			}
		}
	}
	for _, d := range e.Decisions {
		if decided[d.ReturnItemID] != d.DecisionType {
			return false, nil
		}
	}
	return true, nil
}
