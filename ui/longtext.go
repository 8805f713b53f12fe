package ui

import (
	"errors"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// LongTextLimit is how much of one text the detail shows (bytes of the
// raw text). A 1 MB one-line buyer text froze the detail for seconds per
// key; the rest is one key away in $PAGER.
const LongTextLimit = 16 << 10

// WrapLong wraps a buyer's text for a detail view like safe.Wrap, showing
// at most LongTextLimit of it; a cut text ends with a muted line saying
// how much more there is and that the pager shows it all (the footer
// names the key: the detail cannot know its binding). Panes that
// use it set SplitConfig.FullText so o finds the text.
func WrapLong(text string, width int, st theme.Styles, tr i18n.T) string {
	prefix, rest := safe.Clip(text, LongTextLimit)
	out := safe.Wrap(prefix, width)
	if rest == 0 {
		return out
	}
	kb := (rest + 1023) / 1024
	return out + "…\n" + st.Muted.Render(safe.Wrap(tr.Get("detail.more", kb), width))
}

// IsLong reports that WrapLong cuts text.
func IsLong(text string) bool { return len(text) > LongTextLimit }

// errNoPager: neither $PAGER nor less could be found.
var errNoPager = errors.New("no pager")

// pagerCommand is $PAGER (with its arguments), else less. The text is
// sanitized (the pager would pass escape sequences to the terminal) and
// given on standard input, so nothing is written to disk.
func pagerCommand(text string, getenv func(string) string, lookPath func(string) (string, error)) (*exec.Cmd, error) {
	var candidates [][]string
	if p := strings.Fields(getenv("PAGER")); len(p) > 0 {
		candidates = append(candidates, p)
	}
	candidates = append(candidates, []string{"less"})
	for _, args := range candidates {
		path, err := lookPath(args[0])
		if err != nil {
			continue
		}
		cmd := exec.Command(path, args[1:]...)
		cmd.Stdin = strings.NewReader(safe.Text(text))
		return cmd, nil
	}
	return nil, errNoPager
}

// openPager hands the terminal to the pager showing text; when there is
// none, or it fails, the status bar says so.
func openPager(text string, tr i18n.T) tea.Cmd {
	cmd, err := pagerCommand(text, os.Getenv, exec.LookPath)
	if err != nil {
		msg := NoticeMsg{Err: errors.New(tr.Get("pager.missing"))}
		return func() tea.Msg { return msg }
	}
	failed := errors.New(tr.Get("pager.failed"))
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		if err != nil {
			return NoticeMsg{Err: failed}
		}
		return nil
	})
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"detail.more":   "%d KB more: the whole text opens in $PAGER (key below)",
		"pager.missing": "No pager to show the whole text: set $PAGER or install less",
		"pager.failed":  "The pager stopped with an error",
		"detail.pager":  "whole text",
	})
	i18n.Register(i18n.RU, map[string]string{
		"detail.more":   "ещё %d КБ: весь текст откроется в $PAGER (клавиша внизу)",
		"pager.missing": "Нечем показать весь текст: задайте $PAGER или установите less",
		"pager.failed":  "Программа просмотра завершилась с ошибкой",
		"detail.pager":  "весь текст",
	})
}
