package reply_test

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

const (
	crashEnvDir     = "SELLERINBOX_TEST_DRAFT_CRASH_DIR"
	crashEnvBackend = "SELLERINBOX_TEST_DRAFT_CRASH_BACKEND"
	crashPad        = 4000 // runes of filler, so a torn draft would show
)

// crashText is what the child "types": its wall-clock time, a counter, and
// filler whose length proves the text arrived whole.
func crashText(i int, at time.Time) string {
	return fmt.Sprintf("%d|%d|%s", at.UnixNano(), i, strings.Repeat("я", crashPad))
}

// TestHelperProcess is the child of TestDraftSurvivesKill: it types into a
// draft through the Debouncer until it is killed.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(crashEnvDir)
	if dir == "" {
		t.Skip("helper process for TestDraftSurvivesKill")
	}
	b, ok := backendNamed(os.Getenv(crashEnvBackend))
	if !ok {
		fmt.Fprintln(os.Stderr, "no backend", os.Getenv(crashEnvBackend))
		os.Exit(2)
	}
	s := openDrafts(t, b, dir)
	d := reply.NewDebouncer(s, 0)
	k := key("crash", "item")
	for i := 0; ; i++ {
		now := time.Now()
		d.Touch(k, reply.Draft{Text: crashText(i, now)}, now)
		// The tick the editor would have scheduled.
		if next, ok := d.Next(); ok && !next.After(now) {
			if _, err := d.FlushDue(now); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
		if i == 0 {
			fmt.Println("typing")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestDraftSurvivesKill runs a child that types continuously, SIGKILLs it
// at random points of its save cycle, and checks the stored draft is
// whole and at most ~1 s behind what was typed: for files, because each
// is replaced atomically; for the database, because a committed WAL
// transaction survives the process.
func TestDraftSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	forBackends(t, func(t *testing.T, b backend) {
		for round := range 3 {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnvDir+"="+dir, crashEnvBackend+"="+b.name)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 7)
			if _, err := out.Read(buf); err != nil {
				t.Fatalf("child did not start: %v %s", err, stderr.String())
			}
			time.Sleep(time.Duration(1200+round*370) * time.Millisecond)
			killed := time.Now()
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child ended on its own: %v %s", cmd.ProcessState, stderr.String())
			}

			s := openDrafts(t, b, dir)
			d, ok, err := s.Get(key("crash", "item"))
			if err != nil || !ok {
				t.Fatalf("round %d: no intact draft after kill: %v %v", round, ok, err)
			}
			parts := strings.SplitN(d.Text, "|", 3)
			if len(parts) != 3 || parts[2] != strings.Repeat("я", crashPad) {
				t.Fatalf("round %d: torn draft (%d bytes)", round, len(d.Text))
			}
			ns, err := strconv.ParseInt(parts[0], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			typed := time.Unix(0, ns)
			if lag := killed.Sub(typed); lag > time.Second || lag < 0 {
				t.Fatalf("round %d: the draft is %s behind the kill", round, lag)
			}
			if !d.UpdatedAt.Equal(typed) {
				t.Fatalf("round %d: UpdatedAt %v, text typed at %v", round, d.UpdatedAt, typed)
			}
			list, _ := s.List("")
			if len(list) != 1 {
				t.Fatalf("round %d: %d drafts listed", round, len(list))
			}
		}
	})
}
