package services

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestTemplatesFollowTheTeamsStore: templates kept in the team's store are
// read again by the services, so a lead's new template on one machine is
// offered on another without a restart.
func TestTemplatesFollowTheTeamsStore(t *testing.T) {
	old := templatesEvery
	templatesEvery = 20 * time.Millisecond
	defer func() { templatesEvery = old }()
	path := filepath.Join(t.TempDir(), "p.db")
	open := func() *store.Store {
		st, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	lead, agent := open(), open()
	none := filepath.Join(t.TempDir(), "none.toml")
	leadTpl, err := reply.LoadSharedTemplates(lead.TemplateStore(), none)
	if err != nil {
		t.Fatal(err)
	}
	agentTpl, err := reply.LoadSharedTemplates(agent.TemplateStore(), none)
	if err != nil {
		t.Fatal(err)
	}
	sv := New(Config{Store: agent, Templates: agentTpl, StartDelay: -1})
	sv.Start(context.Background(), nil)
	defer sv.Stop()
	if err := leadTpl.Add(reply.Template{Name: "Новый шаблон", Text: "Спасибо за вопрос!"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, ok := agentTpl.Get("Новый шаблон"); ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the lead's new template never reached the other machine")
		}
	}
}
