package reply

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
)

// Validate applies the marketplaces' documented rules to an entry before
// anything is sent, so that the user reads a sentence about their text
// rather than a 400. The error is an *api.Error of KindValidation whose
// Message is that sentence.
func Validate(e Entry) error {
	e.normalize()
	if !slices.Contains(Kinds, e.Kind) {
		return invalid(e, "unknown kind of reply %q", string(e.Kind))
	}
	if e.Marketplace != e.Kind.Marketplace() {
		return invalid(e, "a %s goes to %s, not %s", e.Kind.Label(), mpName(e.Kind.Marketplace()), mpName(e.Marketplace))
	}
	if strings.TrimSpace(e.ItemID) == "" {
		return invalid(e, "the %s names no item", e.Kind.Label())
	}
	switch e.Kind {
	case KindQuestionAnswer, KindQuestionEdit, KindQuestionReject, KindFeedbackAnswer, KindFeedbackEdit:
		return checkAnswer(e)
	case KindChatMessage:
		return checkChat(e)
	case KindClaimAnswer:
		claim := models.Claim{ID: e.ItemID, Actions: e.ClaimActions}
		if err := wb.CheckClaimAnswer(claim, models.ClaimAction(e.Action), e.Text); err != nil {
			return retag(e, err)
		}
	case KindReturnDecision:
		return checkDecisions(e)
	}
	if !e.Kind.takesText() && e.Text != "" {
		return invalid(e, "a %s carries no text", e.Kind.Label())
	}
	return nil
}

func checkAnswer(e Entry) error {
	what := "answer"
	if e.Kind == KindQuestionReject {
		what = "reason for rejecting"
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(e.Text)); n < wb.MinAnswerLen {
		return invalid(e, "the %s is too short: write at least %d characters", what, wb.MinAnswerLen)
	}
	if n := utf8.RuneCountInString(e.Text); n > wb.MaxAnswerLen {
		return invalid(e, "the %s is %d characters long; Wildberries accepts at most %d", what, n, wb.MaxAnswerLen)
	}
	return nil
}

// sniffLen is enough of a file to tell JPEG, PNG and PDF apart.
const sniffLen = 512

func checkChat(e Entry) error {
	if n := wb.ChatTextLen(e.Text); n > wb.ChatMaxText {
		return invalid(e, "the message is %d characters long (an emoji counts as two); Wildberries accepts at most %d", n, wb.ChatMaxText)
	}
	if strings.TrimSpace(e.Text) == "" && len(e.Files) == 0 {
		return invalid(e, "the message is empty: write some text or attach a file")
	}
	// Sizes come from stat and types from the first bytes, so that a 2 GB
	// file picked by mistake is refused without being read.
	var total int64
	files := make([]wb.File, 0, len(e.Files))
	for _, p := range e.Files {
		name := filepath.Base(p)
		info, err := os.Stat(p)
		if err != nil {
			return invalid(e, "the attachment %q cannot be read: %s", name, fileProblem(err))
		}
		if !info.Mode().IsRegular() {
			return invalid(e, "the attachment %q is not a file", name)
		}
		if info.Size() > wb.ChatMaxFileSize {
			return invalid(e, "the attachment %q is %s; each file may be at most 5 MB", name, mb(info.Size()))
		}
		total += info.Size()
		head, err := readHead(p)
		if err != nil {
			return invalid(e, "the attachment %q cannot be read: %s", name, fileProblem(err))
		}
		files = append(files, wb.File{Name: name, Data: head})
	}
	if total > wb.ChatMaxTotalSize {
		return invalid(e, "the attachments add up to %s; together they may be at most 30 MB", mb(total))
	}
	// wb's own check knows the accepted types; on heads the size rules
	// trivially pass, which were applied above on the real sizes.
	if err := (wb.SendMessage{ChatID: e.ItemID, Text: e.Text, Files: files}).Check(); err != nil {
		return retag(e, err)
	}
	return nil
}

func readHead(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := io.CopyN(&b, f, sniffLen); err != nil && err != io.EOF {
		return nil, err
	}
	return b.Bytes(), nil
}

func checkDecisions(e Entry) error {
	if e.OrderID <= 0 || e.ReturnID <= 0 {
		return invalid(e, "the decision names no order or return")
	}
	if e.ItemID != strconv.FormatInt(e.ReturnID, 10) {
		return invalid(e, "the decision's item %q is not its return %d", e.ItemID, e.ReturnID)
	}
	if len(e.Decisions) == 0 {
		return invalid(e, "choose a decision for at least one item of return %d", e.ReturnID)
	}
	seen := map[int64]bool{}
	for _, d := range e.Decisions {
		if d.ReturnItemID <= 0 {
			return invalid(e, "a decision names no item of return %d", e.ReturnID)
		}
		if seen[d.ReturnItemID] {
			return invalid(e, "item %d of return %d has two decisions", d.ReturnItemID, e.ReturnID)
		}
		seen[d.ReturnItemID] = true
		if !slices.Contains(models.YMRequestDecisionTypes, d.DecisionType) {
			return invalid(e, "item %d: %q is not a decision Yandex Market accepts", d.ReturnItemID, d.DecisionType)
		}
	}
	return nil
}

func fileProblem(err error) string {
	switch {
	case os.IsNotExist(err):
		return "it no longer exists"
	case os.IsPermission(err):
		return "permission denied"
	}
	return "read error"
}

func mb(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 2, 64) + " MB" }

func mpName(m api.Marketplace) string {
	if m == api.YandexMarket {
		return "Yandex Market"
	}
	return "Wildberries"
}

func kindService(k Kind) api.Service {
	switch k.Pane() {
	case PaneReturns:
		return api.ServiceYM
	case PaneChats:
		return api.ServiceWBChat
	case PaneClaims:
		return api.ServiceWBReturns
	}
	return api.ServiceWBFeedbacks
}

func opOf(k Kind) string {
	switch k.Pane() {
	case PaneReturns:
		return "submitReturnDecision"
	case PaneChats:
		return http.MethodPost + " /api/v1/seller/message"
	case PaneClaims:
		return http.MethodPatch + " /api/v1/claim"
	case PaneFeedbacks:
		return http.MethodPost + " /api/v1/feedbacks/answer"
	}
	return http.MethodPatch + " /api/v1/questions"
}

func invalid(e Entry, format string, args ...any) *api.Error {
	return &api.Error{Marketplace: e.Kind.Marketplace(), Service: kindService(e.Kind), Op: opOf(e.Kind),
		Kind: api.KindValidation, Message: fmt.Sprintf(format, args...)}
}

// retag keeps a client validator's sentence but files it under this entry.
func retag(e Entry, err error) error {
	if ae, ok := api.AsError(err); ok {
		return invalid(e, "%s", ae.Message)
	}
	return invalid(e, "%s", err.Error())
}
