package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// run validates everything (flags, config, tokens, clients) while the
// terminal is still a terminal, then hands it to Bubble Tea. Nothing is
// written to stdout while the program runs; --debug logs to a file.
func (f *inboxCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	if f.Version {
		fmt.Fprintln(env.Stdout, app.VersionString())
		return 0
	}
	if f.Lang != "" {
		// The flag is checked before anything opens; the config's language
		// is checked with the config below.
		if _, err := chooseLang(f.Lang, "", env.getenv); err != nil {
			usageError(env.Stderr, progName, "", err.Error())
			return 2
		}
	}
	if f.DebugMessages && f.Debug == "" {
		usageError(env.Stderr, progName, "", "--debug-messages needs --debug FILE")
		return 2
	}
	if l, ok := i18n.Parse(f.Lang); ok {
		env.Lang = l // the passphrase prompt before the inbox speaks its language
	}
	logger, closeLog, err := openDebugLog(f.Debug)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return 1
	}
	defer closeLog()
	models.LogUnreadableTimes(logger)
	defer models.LogUnreadableTimes(nil)

	var campaign int64  // chosen in the app's switcher; 0: the profile's own
	var start ui.PaneID // the tab the user switched from
	// The demo's sandboxes outlive a switch of profile or campaign.
	demos := &app.DemoSandboxes{}
	defer demos.Close()
	open := func(demo bool) (*app.Session, error) {
		return openSession(ctx, env, app.Options{Profile: f.Profile, Campaign: campaign, Start: start, Demo: demo, SandboxOpts: f.Sandbox.options(),
			Demos: demos, Logger: logger})
	}
	sess, err := open(f.Demo)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return 1
	}
	defer func() { sess.Close() }()

	lang, err := chooseLang(f.Lang, sess.Config().Language, env.getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return 2
	}
	uienv := ui.NewEnv(ctx, lang)
	uienv.Styles = theme.NewWith(theme.Options{Dark: sess.Config().Theme != "light", NoColor: theme.NoColorEnv(env.getenv)})
	if len(sess.Config().Keys) > 0 {
		km, err := uienv.Keys.Rebind(uienv.Tr, sess.Config().Keys)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox: %s: keys: %v\n", sess.ConfigPath(), err)
			return 2
		}
		uienv.Keys = km
	}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(env.Stdin), tea.WithOutput(env.Stdout)}
	defer keepWindowTitle(env.Stdout)()

	if !sess.HasTokens() {
		ob := ui.NewOnboarding(uienv, sess.TokenPlacement())
		if _, err := tea.NewProgram(ob, opts...).Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
			fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
			return 1
		}
		if ob.Choice != ui.OnboardingDemo {
			return 0
		}
		sess.Close()
		if sess, err = open(true); err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
			return 1
		}
	}

	uienv.Pipe = ui.Pipe{Command: sess.Config().PipeCommand}
	uienv.Photos = app.OpenPhotos(sess.Config().PhotoRenderer, "", env.getenv, logger)
	// errors in full go to --debug; the screen shows ui.ErrorText
	uienv.Log = logger
	var jump *ui.JumpMsg // an item chosen in another profile's inbox row
	for {
		next, code := runApp(sess, uienv, jump, opts, logger, f.DebugMessages, env)
		if next.profile == "" && next.campaign == 0 {
			return code
		}
		jump, start = next.jump, next.pane
		// P chose another profile or campaign: reopen tokens, clients and
		// panes for it (the demo stays the demo).
		demo := sess.IsDemo()
		sess.Close()
		if next.profile != "" {
			f.Profile, campaign = next.profile, 0
		} else {
			f.Profile, campaign = sess.Profile(), next.campaign
		}
		if sess, err = open(demo); err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox: profile %s: %v\n", f.Profile, err)
			return 1
		}
	}
}

// switchTo is where the switcher sends the app next: another profile (and
// an item to jump to there), or another campaign of this one.
type switchTo struct {
	profile  string
	campaign int64
	jump     *ui.JumpMsg
	pane     ui.PaneID // the tab the user was on
}

// runApp runs the inbox of one session until the user quits (next is
// zero) or switches to another profile or campaign. jump, when set, is
// selected as the session starts.
func runApp(sess *app.Session, uienv ui.Env, jump *ui.JumpMsg, opts []tea.ProgramOption, logger *slog.Logger, dumpMsgs bool, env Env) (next switchTo, code int) {
	inbox, err := sess.NewInbox(uienv, jump)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return switchTo{}, 1
	}
	defer inbox.Stop()
	var model tea.Model = inbox.Model
	if dumpMsgs {
		model = ui.NewMessageLog(inbox.Model, logger)
	}
	p := tea.NewProgram(model, opts...)
	// The store's sync and the outbox report to the program; Send waits
	// for it to run.
	inbox.Start(p.Send)
	logger.Info("tui start", "profile", sess.Profile(), "demo", sess.IsDemo(), "store", sess.StoreNote())
	_, err = p.Run()
	// However the program ended (q, ctrl+c, SIGTERM, SIGHUP, a switch of
	// profile), the text typed since the last debounced save is written
	// now, before the database closes. Background work stops first.
	inbox.Stop()
	saveDrafts(inbox.Replies.Debounce, logger, env)
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return switchTo{}, 1
	}
	m := inbox.Model
	next = switchTo{profile: m.SwitchTo, campaign: m.SwitchCampaign, jump: m.JumpAfterSwitch}
	if p := m.Focused(); p != nil {
		next.pane = p.ID()
	}
	return next, 0
}

// saveDrafts writes every pending draft synchronously. When even that
// fails, the text would be gone with the process, so it goes to stderr
// (the terminal is restored by now) for the user to copy.
func saveDrafts(d *reply.Debouncer, logger *slog.Logger, env Env) {
	_, err := d.Drain(time.Now())
	if err == nil {
		return
	}
	logger.Error("drafts not saved on exit", "err", err)
	fmt.Fprintf(env.Stderr, "sellerinbox: %s\n", safe.Line("the draft could NOT be saved: "+err.Error()))
	for _, u := range d.Unsaved() {
		fmt.Fprintf(env.Stderr, "--- unsaved draft (%s, %s) ---\n%s\n", safe.Line(string(u.Key.Pane)), safe.Line(u.Key.ItemID), safe.Text(u.Draft.Text))
	}
}

// chooseLang: the flag, else the config, else SELLERINBOX_LANG/LC_ALL/LANG.
func chooseLang(flagLang, cfgLang string, getenv func(string) string) (i18n.Lang, error) {
	for _, v := range []string{flagLang, cfgLang} {
		if v == "" || v == "auto" {
			continue
		}
		l, ok := i18n.Parse(v)
		if !ok {
			return "", fmt.Errorf("language %q: use ru or en", v)
		}
		return l, nil
	}
	return i18n.Detect(getenv), nil
}

// openDebugLog opens the --debug file (0600: it names items and paths,
// though never tokens); without --debug everything is discarded.
func openDebugLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	fh, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("--debug: %w", err)
	}
	return slog.New(slog.NewTextHandler(fh, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { _ = fh.Close() }, nil
}
