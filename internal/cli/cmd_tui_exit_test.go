package cli

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// fullDisk refuses every draft write, as a full disk does.
type fullDisk struct{ reply.DraftBackend }

func (fullDisk) Update(reply.DraftKey, func(reply.DraftRecord, bool) (reply.DraftOp, reply.DraftRecord)) error {
	return errors.New("no space left on device")
}

// TestExitPrintsADraftItCouldNotSave: when even the save on exit fails,
// the text would die with the process; it goes to stderr instead (the
// terminal is restored by then), with the reason, and control sequences
// typed or pasted into it are made inert.
func TestExitPrintsADraftItCouldNotSave(t *testing.T) {
	files, err := reply.OpenDraftFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d := reply.NewDebouncer(reply.NewDraftStore(fullDisk{files}), 0)
	k := reply.DraftKey{Profile: "main", Marketplace: api.Wildberries, Pane: reply.PaneQuestions, ItemID: "q-42"}
	d.Touch(k, reply.Draft{Text: "Здравствуйте! Размер M подойдёт.\x1b]52;c;aGk=\x07"}, time.Now())
	var stderr bytes.Buffer
	saveDrafts(d, slog.New(slog.DiscardHandler), Env{Stderr: &stderr})
	out := stderr.String()
	for _, want := range []string{"could NOT be saved", "no space left on device", "q-42", "Здравствуйте! Размер M подойдёт."} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\x07") {
		t.Errorf("stderr carries control characters: %q", out)
	}
}
