package panes

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// wiredChats is a loaded chats pane (list and the whole feed) with
// answering on and, when op is set, photo previews.
func wiredChats(t *testing.T, c *wb.Client, s wbwStores, op *wbwFakeOpener) *chatsPane {
	t.Helper()
	env := wbwEnv(t, c, s, i18n.EN, op)
	p := newChatsPane(env, wbDeps(env, c)).(*chatsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.all) == 0 || !p.ev.done {
		t.Fatalf("load: err %v, %d chats, events done %v", p.Err(), len(p.all), p.ev.done)
	}
	return p
}

// wbwFiles writes attachments to try: a PNG, a PDF, one too big and one
// of a type chats refuse.
func wbwFiles(t *testing.T) (pngPath, pdfPath, bigPath, txtPath string) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := append(slices.Clone(b.Bytes()), make([]byte, 6<<20)...)
	return write("фото.png", b.Bytes()), write("invoice.pdf", []byte("%PDF-1.4\n%%EOF\n")),
		write("big.png", big), write("notes.txt", []byte("plain text"))
}

// a writes a message with an attachment chosen in the ctrl+o dialog; the
// outbox sends it with the chat's replySign, and it appears in the
// conversation once the live sync read the feed again. The sandbox is read back.
func TestChatsMessageWithAttachment(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredChats(t, c, newWBWStores(t), nil)
	r := p.env.Replies
	row, _ := p.Selected()
	pngPath, _, bigPath, txtPath := wbwFiles(t)

	wbDrive(t, p, wbKey("a"), wbwPaste("Здравствуйте! Отправляю фото 📷"), wbwCtrl('o'))
	if p.acts.open == nil || p.acts.open.attach == nil || p.Mode() != ui.ModeEdit {
		t.Fatal("ctrl+o did not open the attachment dialog")
	}
	// Refused files stay out, with the sentence in the dialog.
	for _, bad := range []struct{ path, why string }{{bigPath, "at most 5 MB"}, {txtPath, "JPEG, PNG or PDF"}} {
		wbDrive(t, p, wbwPaste(bad.path), wbKey("enter"))
		if view := stripSGR(p.View()); p.acts.open.attach == nil || !contains(view, bad.why) {
			t.Fatalf("%s was not refused with %q:\n%s", filepath.Base(bad.path), bad.why, view)
		}
		wbDrive(t, p, wbwCtrl('u'))
	}
	wbDrive(t, p, wbwPaste(pngPath), wbKey("enter"))
	if p.acts.open.attach != nil || !slices.Equal(p.acts.open.files, []string{pngPath}) {
		t.Fatalf("attached %v", p.acts.open.files)
	}
	if view := stripSGR(p.View()); !contains(view, "1. фото.png") {
		t.Fatalf("the attachment is not listed under the editor:\n%s", view)
	}
	wbDrive(t, p, wbwCtrl('s'))
	got := wbwQueued(r, reply.KindChatMessage)
	if len(got) != 1 || got[0].ReplySign == "" || got[0].ReplySign != row.c.ReplySign || !slices.Equal(got[0].Files, []string{pngPath}) {
		t.Fatalf("queued %+v", got)
	}
	start := time.Now()
	wbwDeliver(t, p, r)
	if e, _ := p.acts.latest(row.c.ChatID); e.State != reply.StateSent {
		t.Fatalf("not sent: %s %s", e.State, e.LastError)
	}
	// The app asked its live sync to poll the feed (App.liveSent); it
	// stores the message and says so.
	resync(t, p, p.env, c, nil, store.PaneChats)
	var found bool
	for _, e := range p.ev.byChat[row.c.ChatID] {
		if e.Sender == models.ChatSenderSeller && e.Text() == "Здравствуйте! Отправляю фото 📷" && len(e.Attachments().Images) == 1 {
			found = true
		}
	}
	if !found || time.Since(start) > 10*time.Second {
		t.Fatal("the sent message did not arrive with the next sync")
	}
	wbwSelect(t, p, func(r *chatRow) bool { return r.c.ChatID == row.c.ChatID })
	if view := stripSGR(p.View()); !contains(view, "Отправляю фото") || !contains(view, "Message delivered at") {
		t.Fatalf("the conversation does not show the message:\n%s", view)
	}
	all, _, err := c.AllEvents(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(all, func(e models.ChatEvent) bool {
		return e.ChatID == row.c.ChatID && e.Text() == "Здравствуйте! Отправляю фото 📷"
	}) {
		t.Fatal("the sandbox has no such message")
	}
}

// The attachment dialog removes a file with ↑/↓ and delete; a message
// of files only is allowed, an empty one is refused inline.
func TestChatsAttachmentsRemoved(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredChats(t, c, newWBWStores(t), nil)
	pngPath, pdfPath, _, _ := wbwFiles(t)
	wbDrive(t, p, wbKey("a"), wbwCtrl('s'))
	if view := stripSGR(p.View()); p.Mode() != ui.ModeEdit || !contains(view, "the message is empty") {
		t.Fatalf("an empty message was not refused inline:\n%s", view)
	}
	wbDrive(t, p, wbwCtrl('o'), wbwPaste(pngPath), wbKey("enter"), wbwCtrl('o'), wbwPaste(pdfPath), wbKey("enter"))
	if !slices.Equal(p.acts.open.files, []string{pngPath, pdfPath}) {
		t.Fatalf("attached %v", p.acts.open.files)
	}
	wbDrive(t, p, wbwCtrl('o'), wbKey("down"), wbKeyDelete(), wbKey("esc"))
	if !slices.Equal(p.acts.open.files, []string{pngPath}) {
		t.Fatalf("after removing the second: %v", p.acts.open.files)
	}
	wbDrive(t, p, wbwCtrl('s'))
	got := wbwQueued(p.env.Replies, reply.KindChatMessage)
	if len(got) != 1 || got[0].Text != "" || !slices.Equal(got[0].Files, []string{pngPath}) {
		t.Fatalf("queued %+v", got)
	}
}

// Chat messages are at most 1000 characters: 1001 is refused inline.
func TestChatsMessageBoundaries(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	for _, tc := range []struct {
		text string
		ok   bool
	}{
		{strings.Repeat("ы", 1000), true},
		{strings.Repeat("ы", 1001), false},
		// An emoji is two UTF-16 code units, and counts as two.
		{strings.Repeat("🙂", 500), true},
		{strings.Repeat("🙂", 501), false},
		{strings.Repeat("ы", 999) + "🙂", false},
		{"1", true},
	} {
		p := wiredChats(t, wbClient(t, run), newWBWStores(t), nil)
		wbDrive(t, p, wbKey("a"), wbwPaste(tc.text))
		if want := strconv.Itoa(wb.ChatTextLen(tc.text)) + "/1000"; !contains(stripSGR(p.View()), want) {
			t.Fatalf("the counter does not show %s:\n%s", want, stripSGR(p.View()))
		}
		wbDrive(t, p, wbwCtrl('s'))
		got := wbwQueued(p.env.Replies, reply.KindChatMessage)
		if tc.ok != (len(got) == 1) {
			t.Fatalf("%d characters: %d queued", len([]rune(tc.text)), len(got))
		}
		if !tc.ok && !contains(stripSGR(p.View()), "Too long") {
			t.Fatalf("no inline refusal:\n%s", stripSGR(p.View()))
		}
	}
}

// The conversation's images are previewed and its files opened or saved;
// the detail counts them and names the keys.
func TestChatsMedia(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	op := &wbwFakeOpener{}
	p := wiredChats(t, c, newWBWStores(t), op)
	hasPDF := func(r *chatRow) bool {
		for _, e := range p.ev.byChat[r.c.ChatID] {
			if len(e.Attachments().Files) > 0 {
				return true
			}
		}
		return false
	}
	row := wbwSelect(t, p, hasPDF)
	media := chatMedia(c, row.c.ChatID, p.ev.byChat[row.c.ChatID])
	if view := stripSGR(p.View()); !contains(view, "Attachments: ") || !contains(view, "p preview") {
		t.Fatalf("the detail does not count the attachments:\n%s", view)
	}
	wbDrive(t, p, wbKey("p"))
	pdf := slices.IndexFunc(media, func(m ui.Media) bool { return !m.Image })
	for range pdf {
		wbDrive(t, p, wbKey("]"))
	}
	if view := stripSGR(p.View()); !contains(view, media[pdf].Name) || !contains(view, "o opens it") ||
		!contains(view, "PDF document") || media[pdf].ContentType == "" {
		t.Fatalf("the file's place in the preview:\n%s", view)
	}
	if s := wbwNotices(t, p, wbKey("s")); !contains(s, "Saved to") {
		t.Fatalf("s: %q", s)
	}
	saved, err := os.ReadDir(p.env.Photos.SaveDir)
	if err != nil || len(saved) != 1 || !strings.HasSuffix(saved[0].Name(), ".pdf") {
		t.Fatalf("saved %v %v", saved, err)
	}
	if s := wbwNotices(t, p, wbKey("o")); !contains(s, "Opened") || len(op.launched()) != 1 {
		t.Fatalf("o: %q, launched %v", s, op.launched())
	}
	if img := slices.IndexFunc(media, func(m ui.Media) bool { return m.Image }); img >= 0 {
		for range (img - pdf + len(media)) % len(media) {
			wbDrive(t, p, wbKey("]"))
		}
		if view := stripSGR(p.View()); contains(view, "Loading the photo") || contains(view, "o opens it") {
			t.Fatalf("the image was not previewed:\n%s", view)
		}
	}
}

func wbKeyDelete() tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeyDelete} }
