package panes

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestChatsNameTheirProducts: a chat's row and detail name its product
// from the questions, feedbacks and claims stored for its article, in
// place of "nm 123"; an article nothing names keeps its number. A window
// read again (the store changed) names its products at once.
func TestChatsNameTheirProducts(t *testing.T) {
	c := wbClient(t, wbSandboxRun(t, sandbox.Options{}))
	env := storeTestEnv(t, i18n.RU, c, nil, store.PaneChats, store.PaneQuestions, store.PaneFeedbacks, store.PaneClaims)
	p := newChatsPane(env, Deps{WB: c}).(*chatsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	var nms []int64
	for _, r := range p.all {
		if r.c.GoodCard != nil {
			nms = append(nms, r.c.GoodCard.NmID)
		}
	}
	names, err := env.Store.ProductNames(context.Background(), nms)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		named := 0
		for _, r := range p.all {
			if r.c.GoodCard == nil {
				continue
			}
			nm := r.c.GoodCard.NmID
			row := stripSGR(p.row(r, 400, false, env.Styles))
			detail := stripSGR(p.detail(r, 100, env.Styles, env.Tr))
			want := names[nm]
			if want == "" {
				if !strings.Contains(row, "nm "+strconv.FormatInt(nm, 10)) {
					t.Errorf("%s: chat %s about an unnamed article: %q", when, r.c.ChatID, row)
				}
				continue
			}
			named++
			if !strings.Contains(row, want) || strings.Contains(row, "— nm ") {
				t.Errorf("%s: chat %s: row %q does not name %q", when, r.c.ChatID, row, want)
			}
			if !strings.Contains(detail, want) || !strings.Contains(detail, strconv.FormatInt(nm, 10)) {
				t.Errorf("%s: chat %s: detail lacks %q or its article:\n%s", when, r.c.ChatID, want, detail)
			}
		}
		if named == 0 {
			t.Fatalf("%s: no chat of the window has a named article; the test checks nothing", when)
		}
	}
	check("first read")
	// The re-read's rows are named before their conversations arrive.
	fresh := make([]*chatRow, len(p.all))
	for i, r := range p.all {
		fresh[i] = newChatRow(r.c, r.now, env.Tr)
	}
	p.windowArrived(fresh)
	check("re-read")
}
