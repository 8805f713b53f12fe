package ui

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Media is one photo, video or document of an item, fetched on demand.
type Media struct {
	Key   string      // stable cache key (marketplace/item/photo)
	Name  string      // suggested file name for save/open; buyer text, sanitized on save
	Fetch photo.Fetch // runs in a command, never in Update
	// Image is false for videos, PDFs and other files: they are opened or
	// saved only.
	Image bool
	// ContentType is the marketplace's word for a file that is not an
	// image, when it gives one; Video is set by a pane that knows the file
	// is a video (claims list videos apart). Both only name the file for
	// the user: nothing is decided from the buyer's file name alone.
	ContentType string
	Video       bool
}

// Photos are the preview tools a pane shares: decoding, caches, opener.
// Nil fields disable what needs them (tests of panes without photos).
type Photos struct {
	Previewer *photo.Previewer
	Opener    *photo.Opener
	// SaveDir is where s saves ("" is the downloads folder).
	SaveDir  string
	Renderer photo.Renderer
}

// photoRendered is a preview (or its failure) for one pane; Seq drops
// previews of a photo no longer shown.
type photoRendered struct {
	pane PaneID
	seq  uint64
	text string
	err  error
}

func (m photoRendered) TargetPane() PaneID { return m.pane }

// NoticeMsg is a one-line note for the status bar ("saved to …"). It
// expires (NoticeTTL) and is dropped when the current item changes.
type NoticeMsg struct {
	Text string
	Err  error
	// Path, when set, is a file path shown where Text has %s, shortened
	// from the middle to fit the status bar.
	Path string
	// At is when the note reached the status bar; the app sets it.
	At time.Time
}

// PhotoView is the photo preview of a pane's selected item: p toggles it
// in the detail column, [ and ] cycle with a position (2/5), o opens the
// original with the platform viewer (or saves it when there is no
// display), s saves it. Decoding and downloads run in commands; results
// come back as messages tagged with the pane and a sequence number.
type PhotoView struct {
	env     Env
	pane    PaneID
	tools   Photos
	profile colorprofile.Profile

	on        bool
	item      string
	media     []Media
	idx       int
	seq       Seq
	text      string
	err       error
	loading   bool
	w, h      int         // size of the last render request
	textFirst func() bool // see SetTextFirst
}

// NewPhotoView builds the preview for a pane.
func NewPhotoView(env Env, pane PaneID, tools Photos) *PhotoView {
	return &PhotoView{env: env, pane: pane, tools: tools, profile: colorprofile.ANSI256}
}

// On reports whether the preview is shown.
func (v *PhotoView) On() bool { return v.on }

// SetItem tells which item is selected and its media; a new item resets
// the position and re-renders when the preview is on.
func (v *PhotoView) SetItem(key string, media []Media) tea.Cmd {
	if key == v.item {
		v.media = media
		return nil
	}
	v.item, v.media, v.idx = key, media, 0
	v.text, v.err = "", nil
	if v.on {
		return v.render()
	}
	return nil
}

// Toggle shows or hides the preview.
func (v *PhotoView) Toggle() tea.Cmd {
	v.on = !v.on
	if !v.on {
		v.seq.Next() // drop a render in flight
		v.loading = false
		return nil
	}
	return v.render()
}

// Close hides the preview.
func (v *PhotoView) Close() {
	if v.on {
		v.Toggle()
	}
}

// Step moves to the next (+1) or previous (-1) photo.
func (v *PhotoView) Step(d int) tea.Cmd {
	if len(v.media) < 2 {
		return nil
	}
	v.idx = (v.idx + d + len(v.media)) % len(v.media)
	v.text, v.err = "", nil
	if v.on {
		return v.render()
	}
	return nil
}

// SetTextFirst gives o to the item's text while the preview is off and f
// reports a text too long for the detail (Split.LongTextSelected): the
// detail's last line promises that o opens it in the pager.
func (v *PhotoView) SetTextFirst(f func() bool) { v.textFirst = f }

// Keys handles p, [, ], o and s; handled reports whether k was one.
func (v *PhotoView) Keys(k tea.KeyPressMsg) (tea.Cmd, bool) {
	r := v.env.Keys.Reply
	switch {
	case key.Matches(k, r.Open) && !v.on && v.textFirst != nil && v.textFirst():
		return nil, false
	case key.Matches(k, r.Photo):
		return v.Toggle(), true
	case key.Matches(k, r.PrevPhoto):
		return v.Step(-1), true
	case key.Matches(k, r.NextPhoto):
		return v.Step(+1), true
	case key.Matches(k, r.Open):
		return v.open(), true
	case key.Matches(k, r.Save):
		return v.save(), true
	}
	return nil, false
}

// Update takes preview results and the terminal's colour profile.
func (v *PhotoView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case photoRendered:
		if msg.pane != v.pane || !v.seq.Current(msg.seq) {
			return nil
		}
		v.loading = false
		v.text, v.err = msg.text, msg.err
	case tea.ColorProfileMsg:
		v.profile = msg.Profile
		v.text = ""
		if v.on {
			return v.render()
		}
	}
	return nil
}

// Resize re-renders when the column changed size.
func (v *PhotoView) Resize(w, h int) tea.Cmd {
	if !v.on || (w == v.w && h == v.h) {
		return nil
	}
	v.w, v.h = w, h
	return v.render()
}

func (v *PhotoView) current() (Media, bool) {
	if v.idx < 0 || v.idx >= len(v.media) {
		return Media{}, false
	}
	return v.media[v.idx], true
}

// render asks for the current photo at the column size, in a command.
func (v *PhotoView) render() tea.Cmd {
	m, ok := v.current()
	if !ok || v.tools.Previewer == nil || v.w <= 0 || v.h <= 2 {
		return nil
	}
	if !m.Image {
		v.text, v.err, v.loading = "", &photo.Error{Reason: reasonFor(m)}, false
		return nil
	}
	v.loading = true
	seq, pane, prev := v.seq.Next(), v.pane, v.tools.Previewer
	opts := photo.Options{Cols: v.w, Rows: v.h - 2, Profile: v.profile, Renderer: v.tools.Renderer}
	src := photo.Source{Key: m.Key, Fetch: m.Fetch}
	ctx := v.env.Ctx
	return func() tea.Msg {
		text, err := prev.Preview(ctx, src, opts)
		return photoRendered{pane: pane, seq: seq, text: text, err: err}
	}
}

// reasonFor says what a file that is not previewed is. The content type
// the marketplace sent wins over the name the buyer gave the file; a file
// neither names is "not an image", never guessed to be a video.
func reasonFor(m Media) photo.Reason {
	ct := strings.ToLower(strings.TrimSpace(m.ContentType))
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = strings.TrimSpace(ct[:i])
	}
	switch {
	case m.Video, strings.HasPrefix(ct, "video/"):
		return photo.ReasonVideo
	case ct == "application/pdf":
		return photo.ReasonPDF
	case ct != "" && ct != "application/octet-stream":
		return photo.ReasonNotImage
	}
	switch strings.ToLower(path.Ext(m.Name)) {
	case ".pdf":
		return photo.ReasonPDF
	case ".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi", ".3gp":
		return photo.ReasonVideo
	}
	return photo.ReasonNotImage
}

// open hands the original to the platform viewer, or saves it when there
// is no display.
func (v *PhotoView) open() tea.Cmd {
	m, ok := v.current()
	if !ok || v.tools.Previewer == nil || v.tools.Opener == nil {
		return nil
	}
	prev, op, tr, ctx := v.tools.Previewer, v.tools.Opener, v.env.Tr, v.env.Ctx
	src := photo.Source{Key: m.Key, Fetch: m.Fetch}
	name := m.Name
	return func() tea.Msg {
		media, err := prev.Download(ctx, src)
		if err != nil {
			return NoticeMsg{Err: err}
		}
		res, err := op.OpenData(name, media.Data, media.ContentType)
		if err != nil {
			return NoticeMsg{Err: err}
		}
		if res.Launched {
			return NoticeMsg{Text: tr.Get("photo.opened")}
		}
		return NoticeMsg{Text: tr.Get("photo.saved_no_display", "%s"), Path: res.Path}
	}
}

// save writes the current file to the downloads folder.
func (v *PhotoView) save() tea.Cmd {
	m, ok := v.current()
	if !ok || v.tools.Previewer == nil {
		return nil
	}
	prev, tr, ctx, dir := v.tools.Previewer, v.env.Tr, v.env.Ctx, v.tools.SaveDir
	src := photo.Source{Key: m.Key, Fetch: m.Fetch}
	name := m.Name
	return func() tea.Msg {
		media, err := prev.Download(ctx, src)
		if err != nil {
			return NoticeMsg{Err: err}
		}
		path, existed, err := photo.Save(dir, name, media.Data, media.ContentType)
		if err != nil {
			return NoticeMsg{Err: err}
		}
		if existed {
			return NoticeMsg{Text: tr.Get("photo.already_saved", "%s"), Path: path}
		}
		return NoticeMsg{Text: tr.Get("photo.saved", "%s"), Path: path}
	}
}

// View draws the preview in w×h: a header with the position, then the
// picture or a one-line reason.
func (v *PhotoView) View(w, h int) string {
	st, tr := v.env.Styles, v.env.Tr
	var head string
	if len(v.media) == 0 {
		return st.Muted.Render(tr.Get("photo.none"))
	}
	m, _ := v.current()
	head = st.DetailTitle.Render(fmt.Sprintf("%d/%d", v.idx+1, len(v.media))) + " " +
		st.Muted.Render(safe.Truncate(safe.Line(m.Name), max(w-8, 1)))
	var body string
	switch {
	case v.err != nil:
		body = st.ErrorBox.Render(safe.Truncate(photoReason(v.err, tr), w)) + "\n" + st.Muted.Render(tr.Get("photo.open_hint", v.env.Keys.Reply.Open.Help().Key, v.env.Keys.Reply.Save.Help().Key))
	case v.loading && v.text == "":
		body = st.Muted.Render(tr.Get("photo.loading"))
	default:
		body = v.text
	}
	return head + "\n" + body
}

// photoReason is the one-line reason in the UI language.
func photoReason(err error, tr i18n.T) string {
	var pe *photo.Error
	if !errors.As(err, &pe) {
		return ErrorText(err, tr)
	}
	if tr.Lang == i18n.RU {
		return pe.Reason.Russian()
	}
	return pe.Reason.String()
}
