package panes

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// wiredFeedbacks is a loaded feedbacks pane with answering on and, when
// op is set, photo previews.
func wiredFeedbacks(t *testing.T, c *wb.Client, s wbwStores, op *wbwFakeOpener) *feedbacksPane {
	t.Helper()
	env := wbwEnv(t, c, s, i18n.EN, op)
	// a detail column of 95 cells keeps the sentences these tests look
	// for on one line
	env.Layout = ui.NewSplitLayout(40)
	p := newFeedbacksPane(env, wbDeps(env, c)).(*feedbacksPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.Items()) == 0 {
		t.Fatalf("first load: err %v, %d items", p.Err(), len(p.Items()))
	}
	return p
}

// a answers and e makes the one edit Wildberries allows, read back from
// the sandbox; the detail says whether the edit is still possible and a
// second e is refused with a sentence.
func TestFeedbacksAnswerThenEditThroughTheSandbox(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredFeedbacks(t, c, newWBWStores(t), nil)
	r := p.env.Replies
	f := p.Items()[0].f
	ctx := context.Background()

	wbDrive(t, p, wbKey("a"), wbwPaste("Спасибо за отзыв! 🙏"), wbwCtrl('s'))
	if got := wbwQueued(r, reply.KindFeedbackAnswer); len(got) != 1 || got[0].ItemID != f.ID {
		t.Fatalf("queued %+v", got)
	}
	wbwDeliver(t, p, r)
	back, err := c.Feedback(ctx, f.ID)
	if err != nil || back.Answer == nil || back.Answer.Text != "Спасибо за отзыв! 🙏" || !back.Answer.Editable {
		t.Fatalf("sandbox after the answer: %+v %v", back.Answer, err)
	}
	if stored, _, err := p.env.Store.GetFeedback(ctx, f.ID); err != nil || !stored.Answered() || stored.Answer.Text != back.Answer.Text {
		t.Fatalf("the store after the delivery: %+v %v", stored.Answer, err)
	}
	if listed(p.Items(), func(r *feedbackRow) bool { return r.f.ID == f.ID }) {
		t.Error("the answered feedback is still listed as awaiting an answer")
	}
	feedbacksShowAnswered(t, p, f.ID)
	if view := stripSGR(p.View()); !contains(view, "one edit within 60 days, and it is still available") {
		t.Fatalf("the detail does not say the edit is possible:\n%s", view)
	}
	wbDrive(t, p, wbKey("e"))
	if view := stripSGR(p.View()); !contains(view, "allows this edit once") {
		t.Fatalf("the editor does not warn the edit is the only one:\n%s", view)
	}
	wbDrive(t, p, wbwPaste(" Ждём снова."), wbwCtrl('s'))
	wbwDeliver(t, p, r)
	back, err = c.Feedback(ctx, f.ID)
	if err != nil || back.Answer.Text != "Спасибо за отзыв! 🙏 Ждём снова." || back.Answer.Editable {
		t.Fatalf("sandbox after the edit: %+v %v", back.Answer, err)
	}
	if view := stripSGR(p.View()); !contains(view, "can no longer be edited") {
		t.Fatalf("the detail does not say the edit is used up:\n%s", view)
	}
	if n := wbwNotices(t, p, wbKey("e")); !contains(n, "can no longer be edited") || p.Mode() != ui.ModeNormal {
		t.Fatalf("second edit: %q, mode %v", n, p.Mode())
	}
}

// 5000 characters go, 5001 are refused inline and nothing is queued.
func TestFeedbacksAnswerBoundaries(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	for _, n := range []int{5000, 5001} {
		p := wiredFeedbacks(t, wbClient(t, run), newWBWStores(t), nil)
		wbDrive(t, p, wbKey("a"), wbwPaste(strings.Repeat("ё", n)), wbwCtrl('s'))
		got := wbwQueued(p.env.Replies, reply.KindFeedbackAnswer)
		if ok := n <= 5000; ok != (len(got) == 1) || ok != (p.Mode() == ui.ModeNormal) {
			t.Fatalf("%d characters: %d queued, mode %v", n, len(got), p.Mode())
		}
	}
}

// v asks before requesting a return, where Wildberries offers one; the
// sandbox then shows it requested and v says so.
func TestFeedbacksReturnAsksFirst(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredFeedbacks(t, c, newWBWStores(t), nil)
	r := p.env.Replies
	if i := indexOf(p.Items(), func(r *feedbackRow) bool { return !r.f.IsAbleReturnProductOrders }); i >= 0 {
		for range i {
			wbDrive(t, p, wbKey("j"))
		}
		if n := wbwNotices(t, p, wbKey("v")); !contains(n, "offers no return") {
			t.Fatalf("v on a feedback without a return: %q", n)
		}
		wbDrive(t, p, wbKey("g"))
	}
	f := wbwSelect(t, p, func(r *feedbackRow) bool { return r.f.IsAbleReturnProductOrders }).f
	wbDrive(t, p, wbKey("v"))
	if p.Mode() != ui.ModeConfirm {
		t.Fatalf("v did not ask: mode %v", p.Mode())
	}
	wbDrive(t, p, wbKey("n"))
	if p.Mode() != ui.ModeNormal || len(wbwQueued(r, reply.KindFeedbackReturn)) != 0 {
		t.Fatal("n did not cancel")
	}
	wbDrive(t, p, wbKey("v"), wbKey("y"))
	if got := wbwQueued(r, reply.KindFeedbackReturn); len(got) != 1 || got[0].ItemID != f.ID {
		t.Fatalf("queued %+v", got)
	}
	wbwDeliver(t, p, r)
	back, err := c.Feedback(context.Background(), f.ID)
	if err != nil || back.ReturnProductOrdersDate.IsZero() {
		t.Fatalf("sandbox: %v %v", back.ReturnProductOrdersDate, err)
	}
	if n := wbwNotices(t, p, wbKey("v")); !contains(n, "already requested") {
		t.Fatalf("v after the request: %q", n)
	}
}

func indexOf[T any](items []T, ok func(T) bool) int {
	for i, it := range items {
		if ok(it) {
			return i
		}
	}
	return -1
}

// * reads the pin and the allowances, offers the form, asks, pins, and
// reports what is left; * again unpins after asking. The sandbox is read
// back each time.
func TestFeedbacksPinAndUnpin(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredFeedbacks(t, c, newWBWStores(t), nil)
	f := p.Items()[0].f
	ctx := context.Background()
	before, err := c.PinsLimits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wbDrive(t, p, wbKey("*"))
	if p.Mode() != ui.ModeEdit || p.acts.open == nil || p.acts.open.form == nil {
		t.Fatalf("* did not offer the pin form: mode %v", p.Mode())
	}
	if view := stripSGR(p.View()); !contains(view, "subscription: 12 of 15 left") {
		t.Fatalf("the form does not show the allowance:\n%s", view)
	}
	wbDrive(t, p, wbKey("enter"))
	if p.Mode() != ui.ModeConfirm {
		t.Fatalf("applying the form did not ask: mode %v", p.Mode())
	}
	if n := wbwNotices(t, p, wbKey("y")); !contains(n, "Pinned (pin ") || !contains(n, "Pins left: subscription: 11 of 15 left") {
		t.Fatalf("pin notice %q", n)
	}
	pinned := wbwFindPin(t, c, f)
	if pinned == nil || pinned.PinMethod != models.PinBySubscription || pinned.PinOn != models.PinOnNM {
		t.Fatalf("sandbox pin: %+v", pinned)
	}
	info := p.pins[f.ID]
	if info.pin == nil || info.pin.PinID != pinned.PinID || info.limits.Subscription.Remaining != before.Subscription.Remaining-1 {
		t.Fatalf("pane pin info %+v", info)
	}
	if view := stripSGR(p.View()); !contains(view, "subscription: 11 of 15 left") || !contains(view, "Pinned on the product card") {
		t.Fatalf("the detail does not show the pin:\n%s", view)
	}

	wbDrive(t, p, wbKey("*"))
	if p.Mode() != ui.ModeConfirm || !contains(stripSGR(p.View()), "Unpin the feedback") {
		t.Fatalf("* on a pinned feedback did not ask to unpin: mode %v", p.Mode())
	}
	if n := wbwNotices(t, p, wbKey("y")); !contains(n, "Unpinned. Pins left: subscription: 12 of 15 left") {
		t.Fatalf("unpin notice %q", n)
	}
	if pin := wbwFindPin(t, c, f); pin != nil {
		t.Fatalf("still pinned: %+v", pin)
	}
	if view := stripSGR(p.View()); !contains(view, "Not pinned · subscription: 12 of 15 left") {
		t.Fatalf("the detail does not show the unpin:\n%s", view)
	}
}

func wbwFindPin(t *testing.T, c *wb.Client, f models.Feedback) *models.Pin {
	t.Helper()
	info, err := pinState(context.Background(), c, f.ID, f.ProductDetails.NmID)
	if err != nil {
		t.Fatal(err)
	}
	return info.pin
}

// t offers only the templates of the feedback's rating: the apology to 1–2
// stars, the thanks to 5.
func TestFeedbacksTemplatesFollowTheRating(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	tests := []struct {
		stars      func(int) bool
		want, drop string
	}{
		{func(n int) bool { return n <= 2 }, "Извинение за низкую оценку", "Спасибо за отличную оценку"},
		{func(n int) bool { return n == 5 }, "Спасибо за отличную оценку", "Извинение за низкую оценку"},
	}
	for _, tc := range tests {
		p := wiredFeedbacks(t, wbClient(t, run), newWBWStores(t), nil)
		f := wbwSelect(t, p, func(r *feedbackRow) bool { return tc.stars(r.f.ProductValuation) }).f
		wbDrive(t, p, wbKey("t"))
		view := stripSGR(p.View())
		if !contains(view, tc.want) || contains(view, tc.drop) {
			t.Fatalf("%d stars: the picker shows the wrong templates:\n%s", f.ProductValuation, view)
		}
	}
}

// p previews the buyer's photos against the sandbox's CDN, ] and [ cycle
// with the position, s saves into the downloads folder, o hands the file
// to the viewer, esc closes the preview; the detail names the keys.
func TestFeedbacksPhotos(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	op := &wbwFakeOpener{}
	p := wiredFeedbacks(t, c, newWBWStores(t), op)
	f := wbwSelect(t, p, func(r *feedbackRow) bool { return len(r.f.PhotoLinks) >= 2 }).f
	n := len(f.PhotoLinks)
	if view := stripSGR(p.View()); !contains(view, "p preview · [ ] previous/next · o open · s save") {
		t.Fatalf("the detail does not name the preview keys:\n%s", view)
	}
	wbDrive(t, p, wbKey("p"))
	view := stripSGR(p.View())
	if !p.preview.photos.On() || !contains(view, "1/"+strconv.Itoa(n)) || contains(view, "Loading the photo") {
		t.Fatalf("p did not show the first photo:\n%s", view)
	}
	// WB serves feedback photos as WebP since February 2026: the preview
	// draws it (half blocks), it does not report a format it cannot read.
	if !strings.HasSuffix(f.PhotoLinks[0].FullSize, ".webp") || !strings.ContainsAny(view, "▀▄") {
		t.Fatalf("the WebP photo %s was not drawn:\n%s", f.PhotoLinks[0].FullSize, view)
	}
	wbDrive(t, p, wbKey("]"))
	if view := stripSGR(p.View()); !contains(view, "2/"+strconv.Itoa(n)) {
		t.Fatalf("] did not move on:\n%s", view)
	}
	wbDrive(t, p, wbKey("["))
	if view := stripSGR(p.View()); !contains(view, "1/"+strconv.Itoa(n)) {
		t.Fatalf("[ did not move back:\n%s", view)
	}
	if s := wbwNotices(t, p, wbKey("s")); !contains(s, "Saved to") {
		t.Fatalf("s: %q", s)
	}
	// s again saves no identical copy and says so
	if s := wbwNotices(t, p, wbKey("s")); !contains(s, "Already saved") {
		t.Fatalf("second s: %q", s)
	}
	saved, err := os.ReadDir(p.env.Photos.SaveDir)
	if err != nil || len(saved) != 1 || !strings.HasSuffix(saved[0].Name(), ".webp") {
		t.Fatalf("saved files: %v %v", saved, err)
	}
	if s := wbwNotices(t, p, wbKey("o")); !contains(s, "Opened") || len(op.launched()) != 1 {
		t.Fatalf("o: %q, launched %v", s, op.launched())
	}
	wbDrive(t, p, wbKey("esc"))
	if p.preview.photos.On() || contains(stripSGR(p.View()), "1/"+strconv.Itoa(n)) {
		t.Fatal("esc did not close the preview")
	}
}

// A video is listed after the photos, not previewed, and named for saving.
func TestFeedbackMediaList(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	f := models.Feedback{ID: "fb1",
		PhotoLinks: []models.PhotoLink{{FullSize: "https://cdn.example/1.jpg"}, {MiniSize: "https://cdn.example/2-mini.jpg"},
			{FullSize: "https://feedback04.wbbasket.ru/vol1333/part133337/123456789/photos/fs.webp"}},
		Video: &models.FeedbackVideo{Link: "https://cdn.example/v/index.m3u8"}}
	got := feedbackMedia(c, f)
	if len(got) != 4 {
		t.Fatalf("%d media", len(got))
	}
	want := []struct {
		key, name string
		image     bool
	}{
		{"wb/feedback/fb1/1", "feedback-fb1-1.jpg", true},
		{"wb/feedback/fb1/2", "feedback-fb1-2.jpg", true},
		{"wb/feedback/fb1/3", "feedback-fb1-3.webp", true},
		{"wb/feedback/fb1/video", "feedback-fb1-video.m3u8", false},
	}
	for i, w := range want {
		if got[i].Key != w.key || got[i].Name != w.name || got[i].Image != w.image || got[i].Fetch == nil {
			t.Errorf("media %d: %+v, want %+v", i, got[i], w)
		}
	}
}
