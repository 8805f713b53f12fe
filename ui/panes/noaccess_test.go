package panes

import (
	"context"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A token without the chat category gets an explanation in the Chats tab
// and no requests; the other WB tabs work as usual.
func TestPaneWithoutTokenCategoryExplains(t *testing.T) {
	tr, err := api.NewTransport(api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		env := ui.NewEnv(context.Background(), lang)
		got := New(env, Deps{WB: wb.New(tr), WBCovers: func(s api.Service) bool { return s != api.ServiceWBChat }})
		if len(got) != 4 {
			t.Fatalf("%d panes", len(got))
		}
		for _, p := range got {
			_, isNoAccess := p.(*noAccessPane)
			if isNoAccess != (p.ID() == ui.PaneChats) {
				t.Errorf("%s: noAccess=%v", p.ID(), isNoAccess)
			}
		}
		chats := got[2]
		chats.SetSize(80, 20)
		if chats.Init() != nil {
			t.Errorf("the no-access pane loads something")
		}
		want := map[i18n.Lang]string{i18n.EN: "Buyer chat", i18n.RU: "Чат с покупателями"}[lang]
		if v := chats.View(); !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("%s view lacks %q:\n%s", lang, want, v)
		}
	}
}
