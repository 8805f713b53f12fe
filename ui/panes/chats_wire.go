package panes

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The chats pane's actions: a writes a message (text, attachments with
// ctrl+o, or both) signed with the chat's replySign, t opens the editor
// with the templates; p [ ] o s preview, open and save the images and
// files of the conversation. A delivered message shows once the events
// feed is read again.

func (p *chatsPane) row(r *chatRow, width int, selected bool, st theme.Styles) string {
	return chatsRowMarked(r, width, selected, st, p.acts.marker(r.c.ChatID, false))
}

// wiredDetail is the conversation with the state of the newest message
// sent on top and the attachments' keys under the header.
func (p *chatsPane) wiredDetail(r *chatRow, width int, st theme.Styles, tr i18n.T) string {
	base := p.detail(r, width, st, tr)
	var b strings.Builder
	if p.acts.replies() {
		b.WriteString(p.acts.stateBlock(r.c.ChatID, width))
	}
	if h := p.preview.mediaHint(); h != "" {
		if imgs, files := p.mediaCounts(r.c.ChatID); imgs+files > 0 {
			b.WriteString(p.acts.hint(tr.Get("wbc.media", attachmentCounts(tr, imgs, files))+" — "+h, width))
		}
	}
	b.WriteString(base)
	if p.acts.replies() {
		b.WriteString("\n\n" + strings.TrimRight(p.acts.hint(tr.Get("wbc.hint.write", p.env.Keys.Reply.Answer.Help().Key,
			p.env.Keys.Reply.Templates.Help().Key), width), "\n"))
	}
	return b.String()
}

// mediaCounts counts the images and files of a chat's events read so far.
func (p *chatsPane) mediaCounts(chatID string) (images, files int) {
	for _, e := range p.ev.byChat[chatID] {
		a := e.Attachments()
		images += len(a.Images)
		files += len(a.Files)
	}
	return images, files
}

// itemKeys are the reply keys on the selected chat.
func (p *chatsPane) itemKeys() []itemKey[*chatRow] {
	rk := p.env.Keys.Reply
	return []itemKey[*chatRow]{
		{rk.Answer, func(r *chatRow) tea.Cmd { return p.write(r, false) }},
		{rk.Templates, func(r *chatRow) tea.Cmd { return p.write(r, true) }},
	}
}

// write opens the message editor; a failed message is reopened with its
// text, attachments and the reason.
func (p *chatsPane) write(r *chatRow, picker bool) tea.Cmd {
	tr := p.env.Tr
	id := r.c.ChatID
	sign := p.replySign(r)
	if sign == "" {
		return notice(tr.Get("wbc.no_sign"))
	}
	initial, note := "", ""
	var files []string
	if e, ok := p.acts.failed(id); ok {
		initial, note, files = e.Text, e.LastError, e.Files
	}
	p.acts.openEditor(editorSpec{
		kind: reply.KindChatMessage, itemID: id, title: tr.Get("wbc.title", wbLine(r.c.ClientName)),
		max: wb.ChatMaxText, length: wb.ChatTextLen, initial: initial, note: note, vars: p.chatVars(r), picker: picker,
		build: func(text string, files []string) reply.Entry {
			return reply.Entry{Kind: reply.KindChatMessage, ItemID: id, Text: text, Files: files, ReplySign: sign}
		},
	})
	if a := p.acts.open; a != nil && len(a.files) == 0 && len(files) > 0 {
		a.files = files // a failed message's attachments, when no draft has its own
	}
	return nil
}

// replySign is the chat's signature as stored (from the chat list, an
// event that opened the chat, or the syncer after a send), else the one
// of the opening event among the conversation read.
func (p *chatsPane) replySign(r *chatRow) string {
	if r.c.ReplySign != "" {
		return r.c.ReplySign
	}
	for _, e := range p.ev.byChat[r.c.ChatID] {
		if e.ReplySign != "" {
			return e.ReplySign
		}
	}
	return ""
}

// chatVars are the template placeholders a chat fills.
func (p *chatsPane) chatVars(r *chatRow) map[string]string {
	v := map[string]string{"buyer": safe.Line(r.c.ClientName), "date": moscowDay(r.last)}
	if g := r.c.GoodCard; g != nil {
		if g.NmID != 0 {
			v["nmid"] = strconv.FormatInt(g.NmID, 10)
		}
		v["order"] = safe.Line(g.RID)
	}
	return v
}

// chatMedia lists the images (previewed) and files (opened or saved) of
// a conversation, oldest first. A link is fetched without the token; the
// download API with it is the fallback.
func chatMedia(c *wb.Client, chatID string, events []models.ChatEvent) []ui.Media {
	var out []ui.Media
	n := 0
	for _, e := range events {
		a := e.Attachments()
		for _, im := range a.Images {
			n++
			name := chatsURLName(im.URL)
			if name == "" {
				name = "chat-" + chatID + "-" + strconv.Itoa(n) + ".jpg"
			}
			out = append(out, ui.Media{Key: chatMediaKey(chatID, im.DownloadID, im.URL), Name: name, Image: true,
				Fetch: chatFetch(c, im.URL, im.DownloadID)})
		}
		for _, f := range a.Files {
			n++
			image := strings.HasPrefix(f.ContentType, "image/")
			out = append(out, ui.Media{Key: chatMediaKey(chatID, f.DownloadID, f.URL), Name: f.Name, Image: image,
				ContentType: f.ContentType, Fetch: chatFetch(c, f.URL, f.DownloadID)})
		}
	}
	return out
}

func chatMediaKey(chatID, downloadID, url string) string {
	if downloadID != "" {
		return "wb/chat/" + chatID + "/" + downloadID
	}
	return "wb/chat/" + chatID + "/" + url
}

// chatFetch downloads an attachment by its link, or by its download ID
// when there is no link or the link fails.
func chatFetch(c *wb.Client, url, downloadID string) func(ctx context.Context) ([]byte, string, error) {
	cdn := cdnFetch(c.Transport(), url)
	return func(ctx context.Context) ([]byte, string, error) {
		if url != "" {
			data, ct, err := cdn(ctx)
			if err == nil || downloadID == "" {
				return data, ct, err
			}
		}
		return c.Download(ctx, downloadID)
	}
}

// syncPhotos hands the preview the selected chat's media when the
// selection or its conversation changed.
func (p *chatsPane) syncPhotos() tea.Cmd {
	r, ok := p.Selected()
	changed := p.mediaDirty
	p.mediaDirty = false
	id := ""
	if ok {
		id = r.c.ChatID
	}
	return p.preview.follow(ok, "chats/"+id, changed, func() []ui.Media { return chatMedia(p.client, id, p.ev.byChat[id]) })
}

// outbox redraws the chat an entry is about. A delivered message reaches
// the conversation through the store: the app asks its live sync to read
// the feed at once for every delivered reply (App.liveSent).
func (p *chatsPane) outbox(msg ui.OutboxMsg) tea.Cmd {
	sent, cmd := p.acts.outbox(msg)
	p.RefreshDetail()
	if !sent {
		return cmd
	}
	return tea.Batch(cmd, p.keepSign(msg.Entry.ItemID))
}

// keepSign has the syncer store the sign the chat's last send answered
// with (the client remembers it), so that the next message and the next
// start do not go out with a sign Wildberries has replaced; the rows take
// it from the store when they are read again.
func (p *chatsPane) keepSign(chatID string) tea.Cmd {
	sy, ctx, tr := p.sy, p.env.Ctx, p.env.Tr
	return func() tea.Msg {
		if sy == nil {
			return ui.NoticeMsg{Text: errNoSync(tr).Error()}
		}
		sign, _, err := sy.KeepReplySign(ctx, chatID)
		if err != nil {
			return ui.NoticeMsg{Err: err}
		}
		if sign == "" {
			return nil
		}
		// Every session of a team reads the store again, whichever wrote.
		return ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneChats}}
	}
}

// attachmentCounts names what a conversation carries, leaving out a kind
// it has none of and agreeing each noun with its number ("1 image",
// "2 изображения, 5 файлов").
func attachmentCounts(tr i18n.T, imgs, files int) string {
	var parts []string
	if imgs > 0 {
		parts = append(parts, strconv.Itoa(imgs)+" "+tr.Plural(imgs, tr.Get("wbc.image.one"), tr.Get("wbc.image.few"), tr.Get("wbc.image.many")))
	}
	if files > 0 {
		parts = append(parts, strconv.Itoa(files)+" "+tr.Plural(files, tr.Get("wbc.media.file.one"), tr.Get("wbc.media.file.few"), tr.Get("wbc.media.file.many")))
	}
	return strings.Join(parts, ", ")
}
