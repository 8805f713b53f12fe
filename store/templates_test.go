package store

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestSharedTemplates: the first process brings its templates file into
// the store; a second process (another machine: no file) finds them, sees
// a lead's edit after Reload, and a broken text keeps what it had.
func TestSharedTemplates(t *testing.T) {
	a := openTemp(t)
	b := reopen(t, a)
	defer b.Close()
	file := filepath.Join(t.TempDir(), "templates.toml")
	if err := os.WriteFile(file, []byte("[[template]]\nname = \"Спасибо\"\ntext = \"Спасибо, {buyer}!\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ta, err := reply.LoadSharedTemplates(a.TemplateStore(), file)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := reply.LoadSharedTemplates(b.TemplateStore(), filepath.Join(t.TempDir(), "none.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.All(); len(got) != 1 || got[0].Name != "Спасибо" {
		t.Fatalf("the second machine's templates: %+v", got)
	}
	if err := ta.Add(reply.Template{Name: "Размер", Text: "Размер соответствует."}); err != nil {
		t.Fatal(err)
	}
	if changed, err := tb.Reload(); err != nil || !changed || len(tb.All()) != 2 {
		t.Fatalf("after the lead's edit: changed %v, %v, %d templates", changed, err, len(tb.All()))
	}
	if changed, _ := tb.Reload(); changed {
		t.Error("a reload with nothing new reported a change")
	}
	if err := a.TemplateStore().WriteTemplates([]byte("[[template]]\nname = \n")); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.Reload(); err == nil || len(tb.All()) != 2 {
		t.Errorf("a broken text: %v, %d templates kept", err, len(tb.All()))
	}
}
