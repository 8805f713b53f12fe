package panes

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
)

func bulkSpace() tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "} }

// TestFeedbacksBulkAnswerThroughTheSandbox: six marked feedbacks, the
// 5-star template: the preview fills each 5-star feedback's own product
// and leaves the others out with their rating; one y queues the 5-star
// ones once, and they reach the sandbox.
func TestFeedbacksBulkAnswerThroughTheSandbox(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredFeedbacks(t, c, newWBWStores(t), nil)
	r := p.env.Replies
	marked := p.Items()[:6]
	for range marked {
		wbDrive(t, p, bulkSpace())
		wbDrive(t, p, wbKey("j"))
	}
	if got := len(p.Marked()); got != 6 {
		t.Fatalf("%d marked, want 6", got)
	}
	wbDrive(t, p, wbKey("A"))
	wbDrive(t, p, wbwPaste("отличную"))
	wbDrive(t, p, wbKey("enter"))
	if p.Mode() != ui.ModeConfirm {
		t.Fatalf("no preview:\n%s", stripSGR(p.View()))
	}
	var fives []models.Feedback
	view := strings.Join(strings.Fields(stripSGR(p.View())), " ")
	for _, row := range marked {
		f := row.f
		if f.ProductValuation == 5 {
			fives = append(fives, f)
		}
	}
	if len(fives) == 0 || len(fives) == 6 {
		t.Fatalf("the sandbox's first feedbacks are all or none 5 ★: %d", len(fives))
	}
	if !contains(view, "Рады, что "+safeWords(fives[0].ProductDetails.ProductName)) {
		t.Errorf("the preview does not fill the first 5 ★ feedback's product:\n%s", view)
	}
	if !contains(view, "skipped: the template is not for") {
		t.Errorf("the preview does not say why the others are left out:\n%s", view)
	}
	wbDrive(t, p, wbKey("y"))
	wbDrive(t, p, wbKey("y"))
	got := wbwQueued(r, reply.KindFeedbackAnswer)
	if len(got) != len(fives) {
		t.Fatalf("queued %d, want the %d 5 ★ ones", len(got), len(fives))
	}
	// each row shows its own reply's state
	if n := strings.Count(stripSGR(p.View()), ui.MarkSending); n != len(fives) {
		t.Errorf("%d rows show a reply on its way, want %d:\n%s", n, len(fives), stripSGR(p.View()))
	}
	wbwDeliver(t, p, r)
	back, err := c.Feedback(context.Background(), fives[0].ID)
	if err != nil || back.Answer == nil || !strings.Contains(back.Answer.Text, "Спасибо за высокую оценку") {
		t.Errorf("the sandbox after the bulk answer: %+v %v", back.Answer, err)
	}
}

// safeWords is a product name as the wrapped preview shows it: words
// joined by single spaces.
func safeWords(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestChatsBulkMessage: marked chats get the greeting template with each
// buyer's own name; chats whose buyer is not waiting are left out with
// that reason; the messages are queued once with each chat's signature.
func TestChatsBulkMessage(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredChats(t, c, newWBWStores(t), nil)
	r := p.env.Replies
	rows := p.Items()
	n := min(len(rows), 5)
	for range n {
		wbDrive(t, p, bulkSpace())
		wbDrive(t, p, wbKey("j"))
	}
	wbDrive(t, p, wbKey("A"))
	wbDrive(t, p, wbwPaste("Приветствие"))
	wbDrive(t, p, wbKey("enter"))
	if p.Mode() != ui.ModeConfirm {
		t.Fatalf("no preview:\n%s", stripSGR(p.View()))
	}
	view := strings.Join(strings.Fields(stripSGR(p.View())), " ")
	want := 0
	for _, row := range rows[:n] {
		bi := p.chatBulk(row)
		if bi.Skip != "" {
			if !contains(view, "skipped: "+bi.Skip) {
				t.Errorf("%s: the preview does not say %q:\n%s", row.c.ChatID, bi.Skip, view)
			}
			continue
		}
		want++
		if !contains(view, "Здравствуйте, "+safeWords(row.c.ClientName)+"!") {
			t.Errorf("%s: the preview lacks the buyer's own greeting:\n%s", row.c.ChatID, view)
		}
	}
	if want == 0 {
		t.Fatal("no marked chat waits for a reply in the sandbox's first chats")
	}
	wbDrive(t, p, wbKey("y"))
	got := wbwQueued(r, reply.KindChatMessage)
	if len(got) != want {
		t.Fatalf("queued %d messages, want %d", len(got), want)
	}
	for _, e := range got {
		if e.ReplySign == "" || e.Batch == "" {
			t.Errorf("%s: sign %q, batch %q", e.ItemID, e.ReplySign, e.Batch)
		}
	}
}

// TestTemplatesKeyWithMarks: t with items marked picks the template for
// all of them; with none marked it is the selected item's editor.
func TestTemplatesKeyWithMarks(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredFeedbacks(t, c, newWBWStores(t), nil)
	wbDrive(t, p, bulkSpace())
	wbDrive(t, p, wbKey("t"))
	if view := stripSGR(p.View()); !contains(view, "A template for the marked items (1)") {
		t.Fatalf("t with a mark:\n%s", view)
	}
	wbDrive(t, p, wbKey("esc"))
	wbDrive(t, p, wbKey("esc")) // clears the mark
	wbDrive(t, p, wbKey("t"))
	if view := stripSGR(p.View()); contains(view, "A template for the marked items") || p.Mode() != ui.ModeEdit {
		t.Fatalf("t without marks is not the item's editor (mode %v):\n%s", p.Mode(), view)
	}
}
