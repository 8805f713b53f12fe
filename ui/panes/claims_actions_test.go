package panes

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// rcClaimWith is the position of the first listed claim offering action
// and not in skip.
func rcClaimWith(t *testing.T, p *claimsPane, action models.ClaimAction, skip ...string) int {
	t.Helper()
	for i, it := range p.Items() {
		if it.c.Allows(action) && !slices.Contains(skip, it.c.ID) {
			return i
		}
	}
	t.Fatalf("no claim offers %s", action)
	return -1
}

func rcClaimsWorld(t *testing.T, w *rcWorld, lang i18n.Lang) *claimsPane {
	t.Helper()
	p := newClaimsPane(w.env(lang), w.d).(*claimsPane)
	rcSized(p, 160, 48)
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	return p
}

// rcPaste pastes text into the pane (the editor's fastest input),
// dropping the draft save it schedules.
func rcPaste(p ui.Pane, s string) { p.Update(tea.PasteMsg{Content: s}) }

// Each kind of answer goes from `a` through the action form, the comment
// editor where the action takes one, and the confirmation into the outbox;
// the sandbox shows it once delivered and the list drops answered claims.
func TestClaimsAnswerThroughTheSandbox(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	var used []string
	tests := []struct {
		name    string
		action  models.ClaimAction
		comment string // "" with editor: sent without one
		editor  bool
		want    models.ClaimStatus
		active  bool // still listed as active afterwards
	}{
		{name: "approve without comment", action: models.ClaimApprove1, want: models.ClaimApproved},
		{name: "reject with own words", action: models.ClaimRejectCustom, editor: true,
			comment: "Брак не подтвердился: на фото нет дефекта 🙂", want: models.ClaimRejected},
		{name: "approve to the shop, comment optional", action: models.ClaimApproveCC1, editor: true,
			want: models.ClaimApproved, active: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rcClaimsWorld(t, w, i18n.EN)
			pos := rcClaimWith(t, p, tt.action, used...)
			rcSelect(p, pos)
			it, _ := p.Selected()
			used = append(used, it.c.ID)
			rcDrive(p, rcKey("a"))
			if p.acts.open == nil || p.Mode() != ui.ModeEdit {
				t.Fatalf("no answer form:\n%s", rcLines(p.View()))
			}
			rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, claimFieldAction, string(tt.action))
			rcDrive(p, rcKey("enter"))
			if got := p.acts.open != nil && p.acts.open.editor != nil; got != tt.editor {
				t.Fatalf("editor open %v, want %v\n%s", got, tt.editor, rcLines(p.View()))
			}
			if tt.editor {
				if tt.action == models.ClaimRejectCustom {
					rcDrive(p, rcKeys("коротко")...)
					rcDrive(p, rcCtrl('s'))
					if p.Mode() != ui.ModeEdit || !strings.Contains(p.View(), "at least 10") {
						t.Fatalf("a 7-character comment was not refused inline:\n%s", rcLines(p.View()))
					}
					rcDrive(p, rcKeys(rcRepeat("backspace", 7)...)...)
				} else if !strings.Contains(p.View(), "Optional") {
					t.Errorf("the editor does not say the comment is optional:\n%s", rcLines(p.View()))
				}
				rcPaste(p, tt.comment)
				rcDrive(p, rcCtrl('s'))
			}
			if p.Mode() != ui.ModeConfirm || !strings.Contains(p.View(), "Answer the claim") {
				t.Fatalf("no confirmation:\n%s", rcLines(p.View()))
			}
			rcDrive(p, rcKey("y"))
			e, ok := w.replies.Latest(ui.PaneClaims, it.c.ID)
			if !ok || e.State != reply.StateQueued || e.Action != string(tt.action) || e.Text != tt.comment {
				t.Fatalf("entry %+v", e)
			}
			if v := p.View(); !strings.Contains(v, "⏳") {
				t.Errorf("no queued marker:\n%s", rcLines(v))
			}
			got := w.deliver(t, p)
			if len(got) != 1 || got[0].State != reply.StateSent {
				t.Fatalf("delivery %+v", got)
			}
			rcResync(t, d, p) // the live sync reads the answered claim back
			back, found, err := d.WB.Claim(context.Background(), it.c.ID)
			if err != nil || !found {
				t.Fatal(found, err)
			}
			if back.Status != tt.want || (tt.action == models.ClaimRejectCustom && back.WBComment != tt.comment) {
				t.Errorf("claim reads back %v %q", back.Status, back.WBComment)
			}
			listed := slices.ContainsFunc(p.Items(), func(x claimItem) bool { return x.c.ID == it.c.ID })
			if listed != tt.active {
				t.Errorf("claim listed as active %v after the answer, want %v", listed, tt.active)
			}
		})
	}
}

// The comment's limits hold in characters, Cyrillic and emoji alike; a
// refused comment is explained in the editor and nothing is queued.
func TestClaimsCommentBoundaries(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := rcClaimsWorld(t, w, i18n.EN)
	claim := rcClaimWith(t, p, models.ClaimRejectCustom)
	tests := []struct {
		name string
		text string
		ok   bool
		msg  string
	}{
		{"1 character", "ж", false, "at least 10"},
		{"9 characters", strings.Repeat("ж", 9), false, "at least 10"},
		{"10 characters", strings.Repeat("ж", 10), true, ""},
		{"1000 cyrillic", strings.Repeat("ж", 1000), true, ""},
		{"1001 cyrillic", strings.Repeat("ж", 1001), false, "at most 1000"},
		{"1000 emoji", strings.Repeat("🙂", 1000), true, ""},
		{"1001 emoji", strings.Repeat("🙂", 1001), false, "there are 1001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rcSelect(p, claim) // a send moves the cursor on
			id := p.answerItem(t)
			rcDrive(p, rcKey("a"))
			rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, claimFieldAction, string(models.ClaimRejectCustom))
			rcDrive(p, rcKey("enter"))
			rcPaste(p, tt.text)
			rcDrive(p, rcCtrl('s'))
			if tt.ok != (p.Mode() == ui.ModeConfirm) {
				t.Fatalf("mode %v\n%s", p.Mode(), rcLines(p.View()))
			}
			if !tt.ok {
				if !strings.Contains(p.View(), tt.msg) {
					t.Errorf("view lacks %q:\n%s", tt.msg, rcLines(p.View()))
				}
				rcDrive(p, rcKey("esc"))
				if n := len(w.outbox.List()); n != 0 {
					t.Fatalf("%d entries queued", n)
				}
			} else {
				rcDrive(p, rcKey("y"))
				e, _ := w.replies.Latest(ui.PaneClaims, id)
				if utf8.RuneCountInString(e.Text) != utf8.RuneCountInString(tt.text) || e.State != reply.StateQueued {
					t.Fatalf("queued %d characters, state %s", utf8.RuneCountInString(e.Text), e.State)
				}
				if _, err := w.outbox.Cancel(e.ID); err != nil { // keep the claim for the next case
					t.Fatal(err)
				}
			}
			// the draft would restore this text: start each case empty
			w.replies.Touch(w.replies.Key(ui.PaneClaims, id), reply.Draft{}, time.Now())
		})
	}
}

// answerItem is the selected claim's ID.
func (p *claimsPane) answerItem(t *testing.T) string {
	t.Helper()
	it, ok := p.Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return it.c.ID
}

// The action and comment are kept as a draft across esc and across runs;
// ctrl+t inserts a claims template into the comment.
func TestClaimsDraftAndTemplate(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := rcClaimsWorld(t, w, i18n.RU)
	pos := rcClaimWith(t, p, models.ClaimRejectCustom)
	rcSelect(p, pos)
	rcDrive(p, rcKey("a"))
	rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, claimFieldAction, string(models.ClaimRejectCustom))
	rcDrive(p, rcKey("enter"))
	rcDrive(p, rcKeys("Черновик q1")...)
	rcDrive(p, rcCtrl('t'))
	if p.acts.open.picker == nil {
		t.Fatal("ctrl+t opened no picker")
	}
	rcDrive(p, rcKeys("нужны", "enter")...)
	want := "Черновик q1\nК сожалению"
	if got := p.acts.open.editor.Value(); !strings.HasPrefix(got, want) || !strings.Contains(got, "фотографиями") {
		t.Fatalf("editor holds %q", got)
	}
	text := p.acts.open.editor.Value()
	rcDrive(p, rcKey("esc"))
	if p.acts.open != nil || !strings.Contains(p.View(), ui.DraftMarker) {
		t.Fatalf("esc: flow %v\n%s", p.acts.open != nil, rcLines(p.View()))
	}
	check := func(p *claimsPane) {
		t.Helper()
		rcDrive(p, rcKey("a"))
		if got := p.acts.open.form.Value(claimFieldAction); got != string(models.ClaimRejectCustom) {
			t.Fatalf("action %q restored", got)
		}
		rcDrive(p, rcKey("enter"))
		if p.acts.open.editor == nil || p.acts.open.editor.Value() != text {
			t.Fatalf("comment not restored: %+v", p.acts.open)
		}
		rcDrive(p, rcKey("esc"))
	}
	check(p)
	if _, err := w.replies.Debounce.Flush(time.Now()); err != nil {
		t.Fatal(err)
	}
	w.open(t)
	p2 := rcClaimsWorld(t, w, i18n.RU)
	rcSelect(p2, pos)
	check(p2)
}

// An answer the outbox refuses reopens the editor with the reason; one
// that failed in an earlier run is shown with why, and `a` brings back its
// action and comment with the reason as the editor's note.
func TestClaimsAnswerRefusedAndFailed(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := rcClaimsWorld(t, w, i18n.EN)
	pos := rcClaimWith(t, p, models.ClaimRejectCustom)
	rcSelect(p, pos)
	it, _ := p.Selected()
	rcDrive(p, rcKey("a"))
	rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, claimFieldAction, string(models.ClaimRejectCustom))
	rcDrive(p, rcKey("enter"))
	rcPaste(p, "Комментарий продавца, достаточно длинный")
	rcDrive(p, rcCtrl('s'))
	p.Update(rcKey("y")) // the enqueue command is dropped: the refusal below answers it
	rcDrive(p, ui.OutboxMsg{Entry: reply.Entry{Kind: reply.KindClaimAnswer, ItemID: it.c.ID},
		Err: &api.Error{Kind: api.KindValidation, Message: "the outbox is on a full disk"}})
	if p.acts.open == nil || p.acts.open.editor == nil || !strings.Contains(p.View(), "the outbox is on a full disk") {
		t.Fatalf("refusal not shown in the editor:\n%s", rcLines(p.View()))
	}
	if p.acts.open.editor.Value() != "Комментарий продавца, достаточно длинный" {
		t.Errorf("text lost: %q", p.acts.open.editor.Value())
	}
	rcDrive(p, rcKey("esc"))

	other := p.Items()[rcClaimWith(t, p, models.ClaimRejectCustom, it.c.ID)]
	rcWriteEntry(t, w, reply.Entry{ID: "failed-claim", Profile: d.Profile, Marketplace: api.Wildberries, Kind: reply.KindClaimAnswer,
		ItemID: other.c.ID, Action: string(models.ClaimRejectCustom), Text: "Старый комментарий продавца", ClaimActions: other.c.Actions,
		State: reply.StateFailed, LastError: "Wildberries refused the answer", Created: time.Now(), Updated: time.Now()})
	w.open(t)
	p = rcClaimsWorld(t, w, i18n.EN)
	rcSelect(p, slices.IndexFunc(p.Items(), func(x claimItem) bool { return x.c.ID == other.c.ID }))
	if v := p.View(); !strings.Contains(v, "✗") || !strings.Contains(v, "not sent: Wildberries refused the answer") {
		t.Errorf("failed entry not shown:\n%s", rcLines(v))
	}
	rcDrive(p, rcKeys("a", "enter")...)
	if p.acts.open == nil || p.acts.open.editor == nil || p.acts.open.editor.Value() != "Старый комментарий продавца" ||
		!strings.Contains(p.View(), "Wildberries refused the answer") {
		t.Fatalf("failed answer not brought back:\n%s", rcLines(p.View()))
	}
}

// With the editor open, q and digits are typed, through the real app.
func TestClaimsEditorKeyPriorityThroughApp(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	env := w.env(i18n.EN)
	claims := newClaimsPane(env, d).(*claimsPane)
	app := rcApp(env, ui.AppOptions{FixedTheme: true, Start: ui.PaneClaims}, newReturnsPane(env, d), claims)
	pos := rcClaimWith(t, claims, models.ClaimRejectCustom)
	rcDriveApp(app, rcKey("g"))
	for range pos {
		rcDriveApp(app, rcKey("j"))
	}
	rcDriveApp(app, rcKey("a"))
	for range 20 {
		if claims.acts.open.form.Value(claimFieldAction) == string(models.ClaimRejectCustom) {
			break
		}
		rcDriveApp(app, rcKey("right"))
	}
	rcDriveApp(app, rcKey("enter"))
	for _, k := range rcKeys("q", "1", "4", "tab", "R") {
		if rcDriveApp(app, k) || app.Focused().ID() != ui.PaneClaims || claims.Mode() != ui.ModeEdit {
			t.Fatalf("%v escaped the editor: focus %s mode %v", k, app.Focused().ID(), claims.Mode())
		}
	}
	if got := claims.acts.open.editor.Value(); !strings.HasPrefix(got, "q14") || !strings.HasSuffix(got, "R") {
		t.Errorf("editor holds %q", got)
	}
	rcDriveApp(app, rcKey("esc"))
	// the comment is an unsent draft: q says so and asks, default no
	if rcDriveApp(app, rcKey("q")) || !strings.Contains(ansi.Strip(app.View().Content), "1 unsent draft") {
		t.Fatalf("q quit with an unsent draft, or did not say so:\n%s", ansi.Strip(app.View().Content))
	}
	if rcDriveApp(app, rcKey("enter")) {
		t.Fatal("enter answered yes to quitting")
	}
	rcDriveApp(app, rcKey("q"))
	if !rcDriveApp(app, rcKey("y")) {
		t.Error("q, y does not quit once the editor is closed")
	}
}

// p previews the claim's WebP photos, ] cycles to the videos, o opens a
// video in the viewer and s saves a photo.
func TestClaimsPhotosAndVideos(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := rcClaimsWorld(t, w, i18n.EN)
	pos := slices.IndexFunc(p.Items(), func(x claimItem) bool { return len(x.c.Photos) > 0 && len(x.c.VideoPaths) > 0 })
	if pos < 0 {
		t.Fatal("no claim with photos and videos")
	}
	rcSelect(p, pos)
	it, _ := p.Selected()
	np, nv := len(it.c.Photos), len(it.c.VideoPaths)
	n := np + nv
	if v := p.View(); !strings.Contains(v, "p preview") {
		t.Errorf("detail lacks the media hint:\n%s", rcLines(v))
	}
	rcDrive(p, rcKey("p"))
	v := p.View()
	if !strings.Contains(v, "1/"+strconv.Itoa(n)) || !strings.Contains(v, "▀") && !strings.Contains(v, "▄") {
		t.Fatalf("no preview:\n%s", rcLines(v))
	}
	if nt, ok := rcNoticeOf(rcCmdMsgs(p, rcKey("s"))); !ok || nt.Err != nil {
		t.Fatalf("save: %+v", nt)
	}
	for range np {
		rcDrive(p, rcKey("]"))
	}
	if v := p.View(); !strings.Contains(v, strconv.Itoa(np+1)+"/"+strconv.Itoa(n)) || !strings.Contains(v, "-video-1.mp4") {
		t.Fatalf("] did not reach the first video:\n%s", rcLines(v))
	}
	if nt, ok := rcNoticeOf(rcCmdMsgs(p, rcKey("o"))); !ok || nt.Err != nil || w.opener.count() != 1 {
		t.Fatalf("open: %+v, %d viewers", nt, w.opener.count())
	}
	rcDrive(p, rcKey("esc"))
	if p.preview.photos.On() {
		t.Error("esc left the preview on")
	}
}
