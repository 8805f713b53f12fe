package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns a flag set that prints nothing by itself: parseOutcome
// decides where help and errors go, so that every command answers --help on
// stdout with exit 0 and a usage error with one line and a hint on stderr
// and exit 2 (the flag package would print the whole usage to stderr).
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseOutcome ends a command whose flags failed to parse: help asked for
// (-h, -help, --help) is printed on stdout and exits 0; anything else is a
// usage error. The error text is sanitized because it may echo an argument.
func parseOutcome(err error, fs *flag.FlagSet, prog, synopsis string, stdout, stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		writeHelp(stdout, fs, synopsis)
		return 0
	}
	usageError(stderr, prog, err.Error())
	return 2
}

// usageError prints one line saying what was wrong and where help is.
func usageError(stderr io.Writer, prog, msg string) {
	fmt.Fprintf(stderr, "%s: %s\n", prog, inertText(msg))
	fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", prog)
}

func writeHelp(w io.Writer, fs *flag.FlagSet, synopsis string) {
	fmt.Fprint(w, synopsis)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}
