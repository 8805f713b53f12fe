package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// fullDisk refuses every draft write while full is set.
type fullDisk struct {
	reply.DraftBackend
	full atomic.Bool
}

func (f *fullDisk) Update(k reply.DraftKey, decide func(reply.DraftRecord, bool) (reply.DraftOp, reply.DraftRecord)) error {
	if f.full.Load() {
		return errors.New("no space left on device")
	}
	return f.DraftBackend.Update(k, decide)
}

// TestEditorSaysWhenTheDraftIsNotSaved: with the disk full, the editor
// itself says the draft is NOT saved and why, in both languages, and no
// longer promises "draft kept"; once saves work again it says nothing.
func TestEditorSaysWhenTheDraftIsNotSaved(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.EN, i18n.RU} {
		t.Run(string(l), func(t *testing.T) {
			files, err := reply.OpenDraftFiles(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			disk := &fullDisk{DraftBackend: files}
			drafts := reply.NewDraftStore(disk)
			ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts})
			if err != nil {
				t.Fatal(err)
			}
			r, err := NewReplies("default", ob, drafts, nil)
			if err != nil {
				t.Fatal(err)
			}
			env := NewEnv(context.Background(), l)
			env.Replies = r
			tr := i18n.New(l)
			kept := tr.Get("editor.help", "ctrl+s", "esc", "ctrl+e")
			notSaved := strings.SplitN(tr.Get("editor.draft_not_saved", ""), ":", 2)[0]

			e := NewEditor(env, PaneQuestions, EditorSpec{Title: "Answer", Max: 1000})
			k := r.Key(PaneQuestions, "q1")
			now := time.Now()
			for i, ch := range "Добрый день" {
				e.Update(tea.KeyPressMsg{Code: ch, Text: string(ch)})
				r.Touch(k, reply.Draft{Text: e.Value()}, now.Add(time.Duration(i)*time.Millisecond))
			}
			if v := e.View(100, 12); !strings.Contains(v, kept) || strings.Contains(v, notSaved) {
				t.Fatalf("before any save the editor should promise the usual:\n%s", v)
			}
			disk.full.Store(true)
			if msg := r.flushDrafts(now.Add(time.Second))(); msg == nil {
				t.Fatal("a failed save reported nothing")
			}
			v := e.View(100, 12)
			if strings.Contains(v, kept) {
				t.Errorf("the editor still says the draft is kept while saves fail:\n%s", v)
			}
			if !strings.Contains(v, notSaved) || !strings.Contains(v, "no space left on device") {
				t.Errorf("the editor does not say the draft is NOT saved and why:\n%s", v)
			}
			disk.full.Store(false)
			if _, ok := r.flushDrafts(now.Add(2 * time.Second))().(draftSavedMsg); !ok {
				t.Fatal("a successful save after a failure sent no redraw")
			}
			if v := e.View(100, 12); strings.Contains(v, notSaved) || !strings.Contains(v, kept) {
				t.Errorf("after a good save the editor still warns:\n%s", v)
			}
		})
	}
}
