package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"
)

// keepWindowTitle saves the terminal's window title on its title stack
// (XTWINOPS 22) and returns what puts it back (XTWINOPS 23). Bubble Tea
// clears the title it set when a program ends, which would leave the
// user's terminal with an empty title; the saved one returns after the
// last program. Only a terminal gets the sequences: a pipe or a file
// would keep them as garbage.
func keepWindowTitle(w io.Writer) (restore func()) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	_, _ = io.WriteString(f, ansi.WindowOp(22, 0))
	return func() { _, _ = io.WriteString(f, ansi.WindowOp(23, 0)) }
}
