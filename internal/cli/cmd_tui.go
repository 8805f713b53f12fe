package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/panes"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

type tuiFlags struct {
	demo    bool
	debug   string
	profile string
	lang    string
	sandbox sandboxFlags
}

// runTUI validates everything (flags, config, tokens, clients) while the
// terminal is still a terminal, then hands it to Bubble Tea. Nothing is
// written to stdout while the program runs; --debug logs to a file.
func runTUI(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("sellerinbox", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var f tuiFlags
	fs.BoolVar(&f.demo, "demo", false, "run against the built-in sandbox (no tokens needed)")
	fs.StringVar(&f.debug, "debug", "", "write a debug log to this file (never tokens)")
	fs.StringVar(&f.profile, "profile", "", "profile to open")
	fs.StringVar(&f.lang, "lang", "", "interface language: ru or en")
	f.sandbox.register(fs)
	fs.Usage = func() { fmt.Fprint(env.Stderr, usage) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "sellerinbox: unknown command %q\n\n%s", fs.Arg(0), usage)
		return 2
	}
	logger, closeLog, err := openDebugLog(f.debug)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return 1
	}
	defer closeLog()
	models.LogUnreadableTimes(logger)
	defer models.LogUnreadableTimes(nil)

	fwd := &budgetForwarder{}
	open := func(demo bool) (*session, error) {
		return openSession(ctx, env, sessionOptions{Profile: f.profile, Demo: demo, SandboxOpts: f.sandbox.options(),
			Logger: logger, OnBudget: fwd.send})
	}
	sess, err := open(f.demo)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return 1
	}
	defer func() { sess.Close() }()

	lang, err := chooseLang(f.lang, sess.cfg.Language, env.getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return 2
	}
	uienv := ui.NewEnv(ctx, lang)
	uienv.Styles = theme.NewWith(theme.Options{Dark: sess.cfg.Theme != "light", NoColor: theme.NoColorEnv(env.getenv)})
	if len(sess.cfg.Keys) > 0 {
		km, err := uienv.Keys.Rebind(uienv.Tr, sess.cfg.Keys)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox: %s: keys: %v\n", sess.cfgPath, err)
			return 2
		}
		uienv.Keys = km
	}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(env.Stdin), tea.WithOutput(env.Stdout)}

	if !sess.hasTokens() {
		ob := ui.NewOnboarding(uienv, sess.storeNote)
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

	uienv.Photos = openPhotos(sess.cfg.PhotoRenderer, env.getenv, logger)
	var jump *ui.JumpMsg // an item chosen in another profile's inbox row
	for {
		next, after, code := runApp(sess, uienv, jump, opts, fwd, logger, env)
		if next == "" {
			return code
		}
		jump = after
		// P chose another profile: reopen tokens, clients and panes for it.
		sess.Close()
		f.profile = next
		if sess, err = open(false); err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox: profile %s: %v\n", next, err)
			return 1
		}
	}
}

// runApp runs the inbox of one session until the user quits (next "") or
// switches to another profile (next is its name, after the item to jump to
// there). jump, when set, is selected as the session starts.
func runApp(sess *session, uienv ui.Env, jump *ui.JumpMsg, opts []tea.ProgramOption, fwd *budgetForwarder, logger *slog.Logger, env Env) (next string, after *ui.JumpMsg, code int) {
	replies, err := openReplies(sess, sess.st)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return "", nil, 1
	}
	uienv.Replies = replies
	uienv.Store = sess.st
	// Everything the app started (syncs, fetches) ends with it, before the
	// session's database closes or another profile opens.
	appCtx, cancel := context.WithCancel(uienv.Ctx)
	defer cancel()
	uienv.Ctx = appCtx
	others := sess.otherStores(uienv.Ctx, logger)
	app := ui.New(uienv, ui.AppOptions{
		Profile:    sess.profile,
		Profiles:   sess.profiles(),
		Account:    sess.account(),
		Start:      ui.PaneID(sess.cfg.DefaultPane),
		Warning:    sess.warning(uienv.Tr, time.Now()),
		FixedTheme: sess.cfg.Theme == "dark" || sess.cfg.Theme == "light",
		Jump:       jump,
		Live:       sess.live(),
	}, panes.New(uienv, panes.Deps{YM: sess.ym, WB: sess.wb, Profile: sess.profile, WBCovers: sess.wbCovers(), Others: others})...)
	p := tea.NewProgram(app, opts...)
	fwd.set(p)
	logger.Info("tui start", "profile", sess.profile, "demo", sess.demo != nil, "store", sess.storeNote)
	_, err = p.Run()
	fwd.set(nil)
	// However the program ended (q, ctrl+c, SIGTERM, SIGHUP, a switch of
	// profile), the text typed since the last debounced save is written
	// now, before the database closes. Background work stops first: a
	// sync writing a large page would otherwise hold the database's one
	// writer while the user waits (its page and cursor roll back
	// together, so it loses nothing).
	cancel()
	saveDrafts(replies.Debounce, logger, env)
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(env.Stderr, "sellerinbox: %v\n", err)
		return "", nil, 1
	}
	return app.SwitchTo, app.JumpAfterSwitch, 0
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

// profiles are the configured profile names, the current one included.
func (s *session) profiles() []string {
	if s.demo != nil {
		return nil
	}
	names := []string{}
	seen := map[string]bool{}
	for _, p := range s.cfg.Profiles {
		if !seen[p.Name] {
			names = append(names, p.Name)
			seen[p.Name] = true
		}
	}
	if !seen[s.profile] {
		names = append(names, s.profile)
	}
	return names
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

// budgetForwarder turns the transport's OnBudget callbacks (from request
// goroutines) into messages for the running program.
type budgetForwarder struct{ p atomic.Pointer[tea.Program] }

func (f *budgetForwarder) set(p *tea.Program) { f.p.Store(p) }

func (f *budgetForwarder) send(b api.Budget) {
	if p := f.p.Load(); p != nil {
		go p.Send(ui.BudgetMsg(b)) // Send blocks until the program reads it
	}
}

// account labels the status bar: the campaign, or the demo.
func (s *session) account() string {
	switch {
	case s.demo != nil:
		return "demo"
	case s.ym != nil:
		return fmt.Sprintf("campaign %d", s.ym.CampaignID())
	}
	return ""
}

// warning is the status-bar warning two weeks before a WB token in use
// expires; with several tokens, the one expiring first speaks.
func (s *session) warning(tr i18n.T, now time.Time) string {
	var first time.Time
	for i, info := range s.wbRoute.Infos {
		if len(s.wbRoute.Serves(i)) == 0 || info.Opaque || info.Expires.IsZero() {
			continue
		}
		if first.IsZero() || info.Expires.Before(first) {
			first = info.Expires
		}
	}
	if first.IsZero() {
		return ""
	}
	left := first.Sub(now)
	switch {
	case left <= 0:
		return tr.Get("warn.wb_expired")
	case left < 14*24*time.Hour:
		return tr.Get("warn.wb_expires", first.In(time.Local).Format("02.01.2006"))
	}
	return ""
}

// openReplies opens the drafts and the outbox kept in the profile's
// database st (sends left from a previous run resume; the first time,
// drafts and outbox files of earlier versions move in) and the templates.
func openReplies(s *session, st *store.Store) (*ui.Replies, error) {
	drafts, ob, err := st.OpenReplies(context.Background(), store.ReplyOptions{Profile: s.profile})
	if err != nil {
		return nil, fmt.Errorf("drafts and outbox: %w", err)
	}
	ob.SetSenders(s.profile, reply.NewSenders(s.wb, s.ym))
	tpl, err := reply.LoadTemplates(s.cfg.Templates)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return ui.NewReplies(s.profile, ob, drafts, tpl)
}

// openPhotos builds the preview tools. A cache that cannot be opened only
// costs re-downloads, so it is logged, not fatal.
func openPhotos(renderer string, getenv func(string) string, log *slog.Logger) ui.Photos {
	disk, err := photo.OpenDiskCache(photo.DiskOptions{})
	if err != nil {
		log.Warn("photo cache disabled", "err", err)
		disk = nil
	}
	return ui.Photos{
		Previewer: photo.NewPreviewer(photo.Config{Disk: disk, Getenv: getenv}),
		Opener:    &photo.Opener{Getenv: getenv},
		Renderer:  photo.ParseRenderer(renderer),
	}
}

// wbCovers tells whether some token carries the category a WB service
// needs (decoded locally; an opaque token is assumed to, and tried).
func (s *session) wbCovers() func(api.Service) bool {
	return s.wbRoute.Covers
}
