package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// loginDetail is the long help of `sellerinbox login`.
const loginDetail = `Asks for the token with hidden input (or reads one line from stdin with
--token-stdin), checks it against the marketplace, then stores it in the
system keyring or the encrypted token file. Tokens are never accepted as
arguments.

Wildberries issues tokens per category; a profile keeps up to three (one
each for questions and feedbacks, buyer chat, buyer returns). "login wb"
adds a token: stored tokens keep the categories they still serve, a token
for the same categories is replaced, and the panes each token serves are
listed. SELLERINBOX_WB_TOKEN may hold several tokens, comma-separated.`

// loginTimeout bounds the check calls; login is interactive.
const loginTimeout = 20 * time.Second

func (c *loginCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	m, err := parseMarketplace(c.Marketplace)
	if err != nil {
		usageError(env.Stderr, "sellerinbox login", "login", err.Error())
		return 2
	}
	if m == api.Wildberries && c.Campaign != "" {
		usageError(env.Stderr, "sellerinbox login", "login", "--campaign is for Yandex Market (ym)")
		return 2
	}
	l := &login{ctx: ctx, env: env, m: m, campaignFlag: c.Campaign}
	if err := l.run(c.Profile, c.TokenStdin); err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox login: %s\n", inertText(loginErrorText(err)))
		return 1
	}
	return 0
}

type login struct {
	ctx          context.Context
	env          Env
	m            api.Marketplace
	campaignFlag string
	stdin        *bufio.Reader
	out          io.Writer
}

func (l *login) run(profileFlag string, fromStdin bool) error {
	l.out = l.env.Stdout
	if l.env.Stdin != nil {
		l.stdin = bufio.NewReader(l.env.Stdin)
	}
	cfg, cfgPath, err := loadConfig(l.env)
	if err != nil {
		return err
	}
	profile := cfg.ActiveProfile(profileFlag)
	if err := keys.CheckProfile(profile); err != nil {
		return err
	}
	apiEnv, err := api.ReadEnv(l.env.getenv)
	if err != nil {
		return err
	}
	store, reason, err := openStore(l.ctx, l.env)
	if err != nil {
		return err
	}
	tok, err := l.readToken(fromStdin)
	if err != nil {
		return err
	}
	p := cfg.EnsureProfile(profile)
	now := time.Now()
	var wbAdded keys.WBAdd
	switch l.m {
	case api.Wildberries:
		check, err := l.checkWB(apiEnv, tok, now)
		if err != nil {
			return err
		}
		// Sellers keep one token per category: this one is added.
		if wbAdded, err = l.addWB(store, profile, p, tok, check, now); err != nil {
			return err
		}
	case api.YandexMarket:
		if err := l.checkYM(apiEnv, tok, now, p); err != nil {
			return err
		}
		if err := store.Set(profile, l.m, tok); err != nil {
			return fmt.Errorf("the token works but could not be stored: %w", err)
		}
		p.YMCheck.Store = store.Name()
	}
	where := storeLabel(store, store.Name())
	if _, ok := cfg.Profile(cfg.DefaultProfile); !ok {
		// The first profile ever logged in becomes the default.
		cfg.DefaultProfile = profile
	}
	if err := config.Save(cfgPath, cfg); err != nil {
		return fmt.Errorf("the token is stored, but the settings could not be saved: %w", err)
	}
	fmt.Fprintf(l.out, "Token storage: %s\n", reason)
	fmt.Fprintf(l.out, "Logged in to %s for profile %q: token %s saved in %s.\n", marketplaceName(string(l.m)), profile, tok.Mask(), where)
	if l.m == api.Wildberries {
		reportWB(l.out, wbAdded, now)
	}
	if ly, ok := store.(*keys.Layered); ok && ly.Overridden(l.m) {
		fmt.Fprintf(l.out, "Note: %s is set in the environment and overrides the stored token until it is unset.\n", keys.Var(l.m))
	}
	return nil
}

// readToken takes the token from hidden input or, with --token-stdin, from
// one line of stdin; it is never echoed.
func (l *login) readToken(fromStdin bool) (api.Secret, error) {
	var raw string
	switch {
	case fromStdin:
		if l.stdin == nil {
			return api.Secret{}, errors.New("--token-stdin: there is no stdin")
		}
		line, err := readLine(l.stdin)
		if err != nil {
			return api.Secret{}, fmt.Errorf("--token-stdin: %w", err)
		}
		raw = line
	case l.env.TTY:
		label := "Wildberries token"
		if l.m == api.YandexMarket {
			label = "Yandex Market Api-Key"
		}
		v, err := l.env.hidden(l.ctx, label+" (input is hidden): ")
		if err != nil {
			return api.Secret{}, err
		}
		raw = strings.TrimSpace(v)
	default:
		return api.Secret{}, errors.New("stdin is not a terminal: pipe the token in with --token-stdin")
	}
	if l.m == api.Wildberries {
		raw = strings.TrimSpace(strings.TrimPrefix(raw, "Bearer "))
	}
	if raw == "" {
		return api.Secret{}, errors.New("the token is empty")
	}
	return api.NewSecret(raw), nil
}

// checkRoundTripper, when set, carries login's check calls; tests put the
// contract validator here.
var checkRoundTripper http.RoundTripper

func (l *login) transport(apiEnv api.Env, tokens map[api.Service]api.Secret) (*api.Transport, error) {
	return api.NewTransport(api.Config{
		BaseURLs:    apiEnv.BaseURLs,
		Tokens:      tokens,
		HTTPClient:  &http.Client{Timeout: loginTimeout, Transport: checkRoundTripper},
		Logger:      slog.Default(),
		MaxAttempts: 2,
	})
}

// wbChecks are one cheap, read-only, documented call per category.
var wbChecks = map[api.Service]api.Request{
	api.ServiceWBFeedbacks: {Op: "getV1QuestionsCountUnanswered", Service: api.ServiceWBFeedbacks, Method: http.MethodGet,
		Path: "/api/v1/questions/count-unanswered", Group: api.GroupWBFeedbacks, Idempotent: true},
	api.ServiceWBChat: {Op: "getV1SellerChats", Service: api.ServiceWBChat, Method: http.MethodGet,
		Path: "/api/v1/seller/chats", Group: api.GroupWBChat, Idempotent: true},
	api.ServiceWBReturns: {Op: "getV1Claims", Service: api.ServiceWBReturns, Method: http.MethodGet,
		Path: "/api/v1/claims", Query: url.Values{"is_archive": {"false"}, "limit": {"1"}}, Group: api.GroupWBReturns, Idempotent: true},
}

// wbCheckKeys is the field each check's answer must carry (per the spec):
// only an answer of that shape shows the token works, not any 2xx.
var wbCheckKeys = map[string]string{
	"/api/v1/questions/count-unanswered": "data",
	"/api/v1/seller/chats":               "result",
	"/api/v1/claims":                     "claims",
}

// checkWBAnswer refuses a check answer without its documented field, or
// whose envelope says error.
func checkWBAnswer(r api.Request, resp *api.Response) error {
	bad := func(msg string) error {
		return &api.Error{Marketplace: api.Wildberries, Service: r.Service, Op: r.Op, Kind: api.KindDecode, Status: resp.Status, Message: msg}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(resp.Body, &fields); err != nil {
		return bad("the answer is not a JSON object")
	}
	key := wbCheckKeys[r.Path]
	if v, ok := fields[key]; !ok || string(v) == "null" {
		return bad(fmt.Sprintf("the answer has no %q: it does not come from the Wildberries API", key))
	}
	var failed bool
	if json.Unmarshal(fields["error"], &failed) == nil && failed {
		var text string
		_ = json.Unmarshal(fields["errorText"], &text)
		return &api.Error{Marketplace: api.Wildberries, Service: r.Service, Op: r.Op, Kind: api.KindValidation, Status: resp.Status, Message: text}
	}
	return nil
}

// checkWB reads what the token claims, refuses an expired one, then calls
// each claimed category once (all three for a token that is not a JWT).
func (l *login) checkWB(apiEnv api.Env, tok api.Secret, now time.Time) (*config.WBCheck, error) {
	explainWBTokenTypes(l.out)
	info, perr := keys.ParseWBToken(tok.Reveal())
	check := &config.WBCheck{CheckedAt: now.UTC().Truncate(time.Second), Opaque: info.Opaque, ReadOnly: info.ReadOnly}
	toCheck := keys.WBServices
	if info.Opaque {
		fmt.Fprintf(l.out, "Wildberries token %s is not a JWT (%s), so every category is tried.\n", tok.Mask(),
			strings.TrimPrefix(perr.Error(), keys.ErrOpaqueToken.Error()+": "))
	} else {
		if info.Expired(now) {
			return nil, fmt.Errorf("the Wildberries token expired on %s; issue a new one in the seller portal (Settings → API access)",
				info.Expires.Local().Format("2006-01-02"))
		}
		check.Expires = info.Expires
		for _, c := range info.Categories() {
			check.Categories = append(check.Categories, c.String())
		}
		fmt.Fprintf(l.out, "Wildberries token %s: %s\n", tok.Mask(), describeWB(info, now))
		toCheck = nil
		for _, s := range keys.WBServices {
			if info.Covers(s) {
				toCheck = append(toCheck, s)
			}
		}
		if len(toCheck) == 0 {
			return nil, errors.New("the token has none of the categories sellerinbox uses (Questions and feedbacks, Buyer chat, Buyer returns); issue a token with them")
		}
	}
	tokens := map[api.Service]api.Secret{}
	for _, s := range toCheck {
		tokens[s] = tok
	}
	tr, err := l.transport(apiEnv, tokens)
	if err != nil {
		return nil, err
	}
	var failures []string
	for _, s := range keys.WBServices {
		if !slices.Contains(toCheck, s) {
			fmt.Fprintf(l.out, "  %-24s not in the token\n", s.Category()+":")
			continue
		}
		ctx, cancel := context.WithTimeout(l.ctx, loginTimeout)
		resp, err := tr.Do(ctx, wbChecks[s])
		cancel()
		if err == nil {
			err = checkWBAnswer(wbChecks[s], resp)
		}
		if err != nil {
			fmt.Fprintf(l.out, "  %-24s FAILED\n", s.Category()+":")
			failures = append(failures, loginErrorText(err))
			continue
		}
		fmt.Fprintf(l.out, "  %-24s OK\n", s.Category()+":")
		check.Services = append(check.Services, string(s))
	}
	// A JWT must work for everything it claims; an opaque token is kept
	// for whatever it turned out to open.
	if len(failures) > 0 && (!info.Opaque || len(check.Services) == 0) {
		return nil, errors.New(strings.Join(failures, "\n"))
	}
	for _, f := range failures {
		fmt.Fprintf(l.out, "  note: %s\n", inertText(f))
	}
	return check, nil
}

// describeWB is one line about a decoded token.
func describeWB(info keys.WBTokenInfo, now time.Time) string {
	var parts []string
	if info.Expires.IsZero() {
		parts = append(parts, "no expiry date")
	} else {
		days := int(info.Expires.Sub(now).Hours() / 24)
		exp := fmt.Sprintf("expires %s (in %d days)", info.Expires.Local().Format("2006-01-02"), days)
		if info.Expired(now) {
			exp = "EXPIRED on " + info.Expires.Local().Format("2006-01-02")
		} else if info.ExpiresWithin(expiryWarning) {
			exp += " — renew it soon"
		}
		parts = append(parts, exp)
	}
	var cats []string
	for _, c := range info.Categories() {
		cats = append(cats, c.String())
	}
	if len(cats) == 0 {
		cats = []string{"none"}
	}
	parts = append(parts, "categories: "+strings.Join(cats, ", "))
	if info.ReadOnly {
		parts = append(parts, "READ-ONLY (answers cannot be sent)")
	}
	if info.Test {
		parts = append(parts, "test-scope (sandbox) token")
	}
	return strings.Join(parts, "; ")
}

// expiryWarning is how early status and login warn about a token's expiry.
const expiryWarning = 14 * 24 * time.Hour

// ymCampaignsPage is the part of getCampaigns' answer login needs.
type ymCampaignsPage struct {
	Campaigns []struct {
		ID        int64  `json:"id"`
		Domain    string `json:"domain"`
		Placement string `json:"placementType"`
		Business  struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"business"`
	} `json:"campaigns"`
	Paging *struct {
		NextPageToken string `json:"nextPageToken"`
	} `json:"paging"`
}

// maxCampaignPages bounds paging through getCampaigns (100 per page).
const maxCampaignPages = 20

func (l *login) checkYM(apiEnv api.Env, tok api.Secret, now time.Time, p *config.Profile) error {
	tr, err := l.transport(apiEnv, map[api.Service]api.Secret{api.ServiceYM: tok})
	if err != nil {
		return err
	}
	var all []config.Campaign
	// page/pageSize are deprecated in the spec: page with pageToken/limit.
	q := url.Values{"limit": {"100"}}
	for range maxCampaignPages {
		var resp ymCampaignsPage
		ctx, cancel := context.WithTimeout(l.ctx, loginTimeout)
		err := tr.JSON(ctx, api.Request{Op: "getCampaigns", Service: api.ServiceYM, Method: http.MethodGet, Path: "/v2/campaigns",
			Query: q, Group: api.GroupYMCampaigns, Idempotent: true}, &resp)
		cancel()
		if err != nil {
			return err
		}
		for _, c := range resp.Campaigns {
			all = append(all, config.Campaign{ID: c.ID, Name: c.Domain, BusinessID: c.Business.ID, BusinessName: c.Business.Name, Placement: c.Placement})
		}
		if resp.Paging == nil || resp.Paging.NextPageToken == "" || len(resp.Campaigns) == 0 {
			break
		}
		q = url.Values{"limit": {"100"}, "pageToken": {resp.Paging.NextPageToken}}
	}
	if len(all) == 0 {
		return errors.New("the Api-Key works but sees no campaigns (shops); check its access in the Yandex Market cabinet")
	}
	fmt.Fprintf(l.out, "Yandex Market Api-Key %s works; it sees %d campaign(s).\n", tok.Mask(), len(all))
	chosen, err := l.chooseCampaigns(all, apiEnv.YMCampaign, p)
	if err != nil {
		return err
	}
	def := p.DefaultCampaign
	if !slices.Contains(chosen, def) {
		def = chosen[0]
	}
	p.YMCampaigns, p.DefaultCampaign = chosen, def
	p.YMCheck = &config.YMCheck{Campaigns: all, CheckedAt: now.UTC().Truncate(time.Second)}
	for _, c := range all {
		if slices.Contains(chosen, c.ID) {
			fmt.Fprintf(l.out, "  using campaign %s\n", campaignLabel(c))
		}
	}
	return nil
}

func campaignLabel(c config.Campaign) string {
	// Name and placement come from the server.
	s := strconv.FormatInt(c.ID, 10)
	if name := safe.Line(c.Name); name != "" {
		s += " " + strconv.Quote(name)
	}
	if pl := safe.Line(c.Placement); pl != "" {
		s += " (" + pl + ")"
	}
	return s
}

// chooseCampaigns: --campaign wins, then SELLERINBOX_YM_CAMPAIGN, then the
// only campaign, then a question on the terminal.
func (l *login) chooseCampaigns(all []config.Campaign, envCampaign int64, p *config.Profile) ([]int64, error) {
	ids := make([]int64, len(all))
	for i, c := range all {
		ids[i] = c.ID
	}
	listing := func() string {
		var b strings.Builder
		for i, c := range all {
			fmt.Fprintf(&b, "  %d) %s\n", i+1, campaignLabel(c))
		}
		return b.String()
	}
	pick := func(spec string, byIndex bool) ([]int64, error) {
		spec = strings.TrimSpace(spec)
		if strings.EqualFold(spec, "all") {
			return ids, nil
		}
		var out []int64
		for _, f := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", f)
			}
			id := n
			if byIndex && n >= 1 && n <= int64(len(all)) && !slices.Contains(ids, n) {
				id = all[n-1].ID
			}
			if !slices.Contains(ids, id) {
				return nil, fmt.Errorf("campaign %d is not among the key's campaigns:\n%s", n, listing())
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		if len(out) == 0 {
			return nil, errors.New("no campaign chosen")
		}
		return out, nil
	}
	switch {
	case l.campaignFlag != "":
		return pick(l.campaignFlag, false)
	case envCampaign != 0:
		return pick(strconv.FormatInt(envCampaign, 10), false)
	case len(all) == 1:
		return ids, nil
	}
	// Keep an earlier choice that still fits.
	if len(p.YMCampaigns) > 0 && !slices.ContainsFunc(p.YMCampaigns, func(id int64) bool { return !slices.Contains(ids, id) }) && !l.env.TTY {
		return p.YMCampaigns, nil
	}
	if !l.env.TTY || l.stdin == nil {
		return nil, fmt.Errorf("the Api-Key sees several campaigns; choose with --campaign ID[,ID...] or --campaign all:\n%s", strings.TrimRight(listing(), "\n"))
	}
	fmt.Fprintf(l.out, "Campaigns:\n%s", listing())
	for range 3 {
		fmt.Fprint(l.out, "Use which? (numbers or IDs, comma-separated, or all): ")
		ans, err := readLine(l.stdin)
		if err != nil {
			return nil, err
		}
		got, err := pick(ans, true)
		if err == nil {
			return got, nil
		}
		fmt.Fprintf(l.out, "%v\n", err)
	}
	return nil, errors.New("no campaign chosen")
}

// loginErrorText is err for the user running login: a marketplace's
// rejection of the token being checked gets advice about that token (see
// api.Error.AtLogin), not "run sellerinbox login".
func loginErrorText(err error) string {
	var ae *api.Error
	if !errors.As(err, &ae) {
		return err.Error()
	}
	return strings.Replace(err.Error(), ae.Error(), ae.AtLogin(), 1)
}
