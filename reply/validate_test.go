package reply

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	jpeg := writeFile(t, dir, "photo.jpg", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte{1}, 100)...))
	pdf := writeFile(t, dir, "act.pdf", []byte("%PDF-1.4 ..."))
	exe := writeFile(t, dir, "virus.exe", []byte("MZ\x90\x00 this is not a picture"))
	big := writeFile(t, dir, "big.png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 5<<20)...))
	var mids []string
	for i := range 7 {
		mids = append(mids, writeFile(t, dir, "part"+string(rune('a'+i))+".pdf", append([]byte("%PDF-"), make([]byte, 4<<20+900<<10)...)))
	}
	claim := []models.ClaimAction{models.ClaimApprove1, models.ClaimRejectCustom}
	long := strings.Repeat("ж", 5001)

	cases := []struct {
		name string
		e    Entry
		err  string // "" = valid
	}{
		{"answer ok", Entry{Kind: KindQuestionAnswer, ItemID: "q1", Text: "Да"}, ""},
		{"answer 5000 runes ok", Entry{Kind: KindFeedbackAnswer, ItemID: "f1", Text: long[:len(long)-2]}, ""},
		{"answer 5001 runes", Entry{Kind: KindFeedbackAnswer, ItemID: "f1", Text: long}, "5001 characters long; Wildberries accepts at most 5000"},
		{"answer blank", Entry{Kind: KindQuestionAnswer, ItemID: "q1", Text: "  д  "}, "too short"},
		{"reject reason short", Entry{Kind: KindQuestionReject, ItemID: "q1", Text: "x"}, "reason for rejecting is too short"},
		{"no item", Entry{Kind: KindQuestionAnswer, Text: "Здравствуйте"}, "names no item"},
		{"unknown kind", Entry{Kind: "pin", ItemID: "1"}, "unknown kind"},
		{"wrong marketplace", Entry{Kind: KindChatMessage, Marketplace: api.YandexMarket, ItemID: "c", Text: "hi"}, "goes to Wildberries, not Yandex Market"},
		{"viewed has no text", Entry{Kind: KindQuestionViewed, ItemID: "q1"}, ""},
		{"viewed with text", Entry{Kind: KindQuestionViewed, ItemID: "q1", Text: "?"}, "carries no text"},
		{"chat ok", Entry{Kind: KindChatMessage, ItemID: "c1", Text: "Здравствуйте", Files: []string{jpeg, pdf}}, ""},
		{"chat file only", Entry{Kind: KindChatMessage, ItemID: "c1", Files: []string{jpeg}}, ""},
		{"chat empty", Entry{Kind: KindChatMessage, ItemID: "c1", Text: " \n"}, "message is empty"},
		{"chat 1001 runes", Entry{Kind: KindChatMessage, ItemID: "c1", Text: strings.Repeat("щ", 1001)}, "1001 characters long"},
		{"chat 1000 runes, 1001 UTF-16 units", Entry{Kind: KindChatMessage, ItemID: "c1", Text: strings.Repeat("щ", 999) + "🙂"}, "1001 characters long (an emoji counts as two); Wildberries accepts at most 1000"},
		{"chat wrong type", Entry{Kind: KindChatMessage, ItemID: "c1", Files: []string{exe}}, `"virus.exe" is not a JPEG, PNG or PDF`},
		{"chat file > 5 MB", Entry{Kind: KindChatMessage, ItemID: "c1", Files: []string{big}}, `"big.png" is 5.00 MB; each file may be at most 5 MB`},
		{"chat files > 30 MB", Entry{Kind: KindChatMessage, ItemID: "c1", Files: mids}, "together they may be at most 30 MB"},
		{"chat file missing", Entry{Kind: KindChatMessage, ItemID: "c1", Files: []string{filepath.Join(dir, "gone.jpg")}}, `"gone.jpg" cannot be read: it no longer exists`},
		{"claim ok", Entry{Kind: KindClaimAnswer, ItemID: "cl1", Action: "approve1", ClaimActions: claim}, ""},
		{"claim action not offered", Entry{Kind: KindClaimAnswer, ItemID: "cl1", Action: "approve2", ClaimActions: claim}, `"approve2" is not an answer claim cl1 offers; choose one of: approve1, rejectcustom`},
		{"rejectcustom needs comment", Entry{Kind: KindClaimAnswer, ItemID: "cl1", Action: "rejectcustom", ClaimActions: claim}, "needs a comment of 10 to 1000"},
		{"claim comment short", Entry{Kind: KindClaimAnswer, ItemID: "cl1", Action: "rejectcustom", Text: "нет", ClaimActions: claim}, "3 characters long; it must be 10 to 1000"},
		{"claim comment not taken", Entry{Kind: KindClaimAnswer, ItemID: "cl1", Action: "approve1", Text: "Одобряем претензию", ClaimActions: claim}, "a comment can only go with"},
		{"return ok", Entry{Kind: KindReturnDecision, OrderID: 5, ReturnID: 7, Decisions: []models.YMItemDecision{{ReturnItemID: 1, DecisionType: models.YMDecisionRefundMoney}}}, ""},
		{"return no decisions", Entry{Kind: KindReturnDecision, OrderID: 5, ReturnID: 7}, "at least one item"},
		{"return twice one item", Entry{Kind: KindReturnDecision, OrderID: 5, ReturnID: 7, Decisions: []models.YMItemDecision{
			{ReturnItemID: 1, DecisionType: models.YMDecisionRefundMoney}, {ReturnItemID: 1, DecisionType: models.YMDecisionRefundMoney}}}, "two decisions"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.e)
			if c.err == "" {
				if err != nil {
					t.Fatalf("unexpected: %v", err)
				}
				return
			}
			ae, ok := api.AsError(err)
			if !ok || ae.Kind != api.KindValidation {
				t.Fatalf("want a validation *api.Error, got %v", err)
			}
			if !strings.Contains(ae.Message, c.err) {
				t.Fatalf("message %q lacks %q", ae.Message, c.err)
			}
		})
	}
}
