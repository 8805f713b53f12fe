package cli

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestLoginWBOpaqueToken(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, sandbox.WBToken+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "stdout", h.stdout.String(),
		"not a JWT", "Questions and feedbacks:", "Buyer chat:", "Buyer returns:",
		"Token storage: SELLERINBOX_KEYRING turns the system keyring off: tokens are kept in an encrypted file",
		`profile "default"`, "…oken", "the encrypted file "+filepath.Join(h.vars[keys.EnvDataDir], keys.FileName))
	if strings.Count(h.stdout.String(), " OK") != 3 {
		t.Errorf("want three OK checks:\n%s", h.stdout.String())
	}
	tok, err := h.stored("default", api.Wildberries)
	if err != nil || tok.Reveal() != sandbox.WBToken {
		t.Fatalf("stored token: %v %v", tok, err)
	}
	c := h.config()
	p, ok := c.Profile("default")
	if !ok || !p.WB || len(p.WBTokens) != 1 || !p.WBTokens[0].Opaque || p.WBTokens[0].Store != keys.NameFile {
		t.Fatalf("profile facts: %+v", p)
	}
	want := []string{string(api.ServiceWBFeedbacks), string(api.ServiceWBChat), string(api.ServiceWBReturns)}
	if !reflect.DeepEqual(p.WBTokens[0].Services, want) {
		t.Errorf("services = %v, want %v", p.WBTokens[0].Services, want)
	}
	if time.Since(p.WBTokens[0].CheckedAt) > time.Minute {
		t.Errorf("checked_at = %v", p.WBTokens[0].CheckedAt)
	}
}

func TestLoginWBOpaqueTokenWithSomeCategories(t *testing.T) {
	const chatOnly = "chat-only-token-7f3a"
	h := newHarness(t, sandbox.Options{WBTokens: map[string][]api.Service{chatOnly: {api.ServiceWBChat}}})
	h.run(runLogin, chatOnly+"\n", 0, "wb", "--token-stdin", "--profile", "shop")
	wantContains(t, "stdout", h.stdout.String(), "FAILED", `Wildberries rejected the token for "Questions and feedbacks"`,
		`Wildberries rejected the token for "Buyer returns"`)
	p, _ := h.config().Profile("shop")
	if p == nil || len(p.WBTokens) != 1 || !reflect.DeepEqual(p.WBTokens[0].Services, []string{string(api.ServiceWBChat)}) {
		t.Fatalf("profile: %+v", p)
	}
	if c := h.config(); c.DefaultProfile != "shop" {
		t.Errorf("the first profile logged in should become the default, got %q", c.DefaultProfile)
	}
}

func TestLoginWBWrongToken(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, "wrong-token-000000\n", 1, "wb", "--token-stdin")
	wantContains(t, "stderr", h.stderr.String(),
		`Wildberries rejected the token for "Questions and feedbacks": it is missing, wrong or expired`,
		`"Buyer chat"`, `"Buyer returns"`, "check that the whole token was pasted")
	// The user is running login: "run sellerinbox login wb" is no advice.
	if strings.Contains(h.stderr.String(), "run `sellerinbox login") {
		t.Errorf("login advises running login: %s", h.stderr.String())
	}
	if _, err := h.stored("default", api.Wildberries); !errors.Is(err, keys.ErrNotFound) {
		t.Errorf("a rejected token was stored: %v", err)
	}
	if _, err := os.Stat(h.vars[config.EnvConfig]); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed login wrote the config: %v", err)
	}
}

func TestLoginWBJWT(t *testing.T) {
	now := time.Now()
	good := wbJWT(t, now.Add(100*24*time.Hour), 7, 11, 30)
	cases := []struct {
		name     string
		tok      string
		grant    []api.Service
		exit     int
		stdout   []string
		stderr   []string
		services []string
	}{
		{"claimed categories checked, others skipped", good, []api.Service{api.ServiceWBFeedbacks, api.ServiceWBReturns}, 0,
			[]string{"categories: Questions and feedbacks, Buyer returns", "READ-ONLY", "Buyer chat:              not in the token"},
			nil, []string{string(api.ServiceWBFeedbacks), string(api.ServiceWBReturns)}},
		{"claimed category rejected by the service", good, []api.Service{api.ServiceWBFeedbacks}, 1, nil,
			[]string{`Wildberries rejected the token for "Buyer returns"`}, nil},
		{"expired", wbJWT(t, now.Add(-time.Hour), 7), nil, 1, nil, []string{"the Wildberries token expired on " + now.Add(-time.Hour).Local().Format("2006-01-02")}, nil},
		{"no useful category", wbJWT(t, now.Add(time.Hour*24*30), 1, 2), nil, 1, nil, []string{"none of the categories sellerinbox uses"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, sandbox.Options{WBTokens: map[string][]api.Service{c.tok: c.grant}})
			h.run(runLogin, c.tok+"\n", c.exit, "--token-stdin", "wb")
			wantContains(t, "stdout", h.stdout.String(), c.stdout...)
			wantContains(t, "stderr", h.stderr.String(), c.stderr...)
			if c.exit != 0 {
				return
			}
			p, _ := h.config().Profile("default")
			if !reflect.DeepEqual(p.WBTokens[0].Services, c.services) || !p.WBTokens[0].ReadOnly || p.WBTokens[0].Opaque ||
				p.WBTokens[0].Expires.Unix() != now.Add(100*24*time.Hour).Unix() {
				t.Fatalf("facts: %+v", p.WBTokens)
			}
		})
	}
}

func TestLoginYM(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")
	wantContains(t, "stdout", h.stdout.String(), "Api-Key …oken works", "using campaign 1000")
	p, _ := h.config().Profile("default")
	if p == nil || !reflect.DeepEqual(p.YMCampaigns, []int64{sandbox.CampaignID}) || p.DefaultCampaign != sandbox.CampaignID ||
		p.YMCheck == nil || len(p.YMCheck.Campaigns) == 0 || p.YMCheck.Store != keys.NameFile {
		t.Fatalf("profile: %+v", p)
	}
	if tok, err := h.stored("default", api.YandexMarket); err != nil || tok.Reveal() != sandbox.YMToken {
		t.Fatalf("stored: %v", err)
	}

	h.run(runLogin, sandbox.YMToken+"\n", 1, "ym", "--token-stdin", "--campaign", "999")
	wantContains(t, "stderr", h.stderr.String(), "campaign 999 is not among the key's campaigns", "1000")

	h.run(runLogin, "wrong-api-key-0000\n", 1, "ym", "--token-stdin")
	wantContains(t, "stderr", h.stderr.String(), "Yandex Market rejected the Api-Key", "check that the whole token was pasted")
	if strings.Contains(h.stderr.String(), "run `sellerinbox login") {
		t.Errorf("login advises running login: %s", h.stderr.String())
	}
}

func TestChooseCampaigns(t *testing.T) {
	all := []config.Campaign{{ID: 11, Name: "Первый"}, {ID: 22, Name: "second"}, {ID: 33}}
	cases := []struct {
		name    string
		flag    string
		env     int64
		tty     bool
		input   string
		prev    []int64
		want    []int64
		errHas  string
		promptd bool
	}{
		{"flag by ID", "22", 0, false, "", nil, []int64{22}, "", false},
		{"flag list", "33, 11", 0, false, "", nil, []int64{33, 11}, "", false},
		{"flag all", "all", 0, false, "", nil, []int64{11, 22, 33}, "", false},
		{"flag unknown", "5", 0, false, "", nil, nil, "campaign 5 is not among", false},
		{"env campaign", "", 33, false, "", nil, []int64{33}, "", false},
		{"several without a terminal", "", 0, false, "", nil, nil, "choose with --campaign", false},
		{"earlier choice kept without a terminal", "", 0, false, "", []int64{22}, []int64{22}, "", false},
		{"asked by number", "", 0, true, "2\n", nil, []int64{22}, "", true},
		{"asked, bad then good", "", 0, true, "x\n1,3\n", nil, []int64{11, 33}, "", true},
		{"asked, no answer", "", 0, true, "", nil, nil, "no input", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out strings.Builder
			l := &login{env: Env{TTY: c.tty}, campaignFlag: c.flag, stdin: bufioReader(c.input), out: &out}
			got, err := l.chooseCampaigns(all, c.env, &config.Profile{YMCampaigns: c.prev})
			if c.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), c.errHas) {
					t.Fatalf("err = %v, want %q", err, c.errHas)
				}
			} else if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, %v; want %v", got, err, c.want)
			}
			if asked := strings.Contains(out.String(), "Use which?"); asked != c.promptd {
				t.Errorf("prompted = %v, want %v", asked, c.promptd)
			}
		})
	}
}

func TestLoginHiddenInput(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	delete(h.vars, keys.EnvPassphraseFile) // the passphrase is typed too
	var prompts []string
	answers := map[string]string{
		"Wildberries token (input is hidden): ": "  " + sandbox.WBToken + "  ",
		"New passphrase for the token file: ":   "typed pass",
		"Repeat the passphrase: ":               "typed pass",
	}
	env := h.env("")
	env.TTY = true
	env.ReadPassword = func(prompt string) (string, error) {
		prompts = append(prompts, prompt)
		a, ok := answers[prompt]
		if !ok {
			return "", errors.New("unexpected prompt " + prompt)
		}
		return a, nil
	}
	h.runEnv(runLogin, env, 0, "wb")
	if len(prompts) != 3 {
		t.Fatalf("prompts = %q", prompts)
	}
	f := keys.NewFileStore(filepath.Join(h.vars[keys.EnvDataDir], keys.FileName), func(bool) (string, error) { return "typed pass", nil })
	if tok, err := f.Get("default", api.Wildberries); err != nil || tok.Reveal() != sandbox.WBToken {
		t.Fatalf("stored with the typed passphrase: %v", err)
	}

	// A mistyped confirmation stores nothing.
	answers["Repeat the passphrase: "] = "other"
	answers["Yandex Market Api-Key (input is hidden): "] = sandbox.YMToken
	if err := os.Remove(f.Path()); err != nil {
		t.Fatal(err)
	}
	h.runEnv(runLogin, env, 1, "ym", "--campaign", "1000")
	wantContains(t, "stderr", h.stderr.String(), "the two passphrases differ")
}

func TestLoginRefusesTokensOutsideStdin(t *testing.T) {
	secret := wbJWT(t, time.Now().Add(time.Hour*24*30), 7)
	h := newHarness(t, sandbox.Options{})
	cases := []struct {
		args []string
		exit int
		want string
	}{
		{[]string{"wb", "--token=" + secret}, 2, "never taken from command-line arguments"},
		{[]string{"wb", "-token", secret}, 2, "never taken from command-line arguments"},
		{[]string{"wb", "--api-key", secret}, 2, "never taken from command-line arguments"},
		{[]string{"wb", secret}, 2, "never taken from command-line arguments"},
		{[]string{secret}, 2, "never taken from command-line arguments"},
		{[]string{"ozon"}, 2, `unknown marketplace "ozon"`},
		{[]string{}, 2, "say which marketplace"},
		{[]string{"wb", "--campaign", "1"}, 2, "--campaign is for Yandex Market"},
		{[]string{"wb"}, 1, "stdin is not a terminal: pipe the token in with --token-stdin"},
		{[]string{"wb", "--token-stdin"}, 1, "no input"},
	}
	for _, c := range cases {
		h.run(runLogin, "", c.exit, c.args...)
		wantContains(t, "stderr", h.stderr.String(), c.want)
		if strings.Contains(h.all.String(), secret) {
			t.Fatalf("%d: the token from argv was echoed", len(c.args))
		}
	}
}

// TestLoginYMPaging covers a key with more campaigns than one page holds,
// which the sandbox's single demo campaign cannot show.
func TestLoginYMPaging(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/campaigns" || r.Header.Get("Api-Key") != "paging-key-1234" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"status":"ERROR","errors":[{"code":"UNAUTHORIZED","message":"bad key"}]}`)
			return
		}
		queries = append(queries, r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			_, _ = io.WriteString(w, `{"campaigns":[{"id":11,"domain":"Первый","placementType":"FBS","business":{"id":5,"name":"ИП"}},{"id":22,"domain":"second"}],"paging":{"nextPageToken":"p2"}}`)
			return
		}
		_, _ = io.WriteString(w, `{"campaigns":[{"id":33,"domain":"third"}],"paging":{}}`)
	}))
	t.Cleanup(srv.Close)
	h := newHarness(t, sandbox.Options{})
	h.vars["SELLERINBOX_YM_URL"] = srv.URL

	h.run(runLogin, "paging-key-1234\n", 1, "ym", "--token-stdin")
	wantContains(t, "stderr", h.stderr.String(), "sees several campaigns; choose with --campaign", `1) 11 "Первый" (FBS)`, "3) 33")

	h.run(runLogin, "paging-key-1234\n", 0, "ym", "--token-stdin", "--campaign", "all")
	want := []string{"limit=100", "limit=100&pageToken=p2"}
	if !reflect.DeepEqual(queries[len(queries)-2:], want) {
		t.Errorf("queries = %q, want %q", queries, want)
	}
	p, _ := h.config().Profile("default")
	if !reflect.DeepEqual(p.YMCampaigns, []int64{11, 22, 33}) || p.DefaultCampaign != 11 || len(p.YMCheck.Campaigns) != 3 ||
		p.YMCheck.Campaigns[0].BusinessName != "ИП" {
		t.Fatalf("profile: %+v %+v", p, p.YMCheck)
	}
	// Logging in again keeps the default campaign when it is still chosen.
	h.run(runLogin, "paging-key-1234\n", 0, "ym", "--token-stdin", "--campaign", "33,22")
	p, _ = h.config().Profile("default")
	if !reflect.DeepEqual(p.YMCampaigns, []int64{33, 22}) || p.DefaultCampaign != 33 {
		t.Fatalf("after re-login: %+v", p)
	}
	h.run(runStatus, "", 0)
	wantContains(t, "status", h.stdout.String(), `campaigns:   33 "third" [default]`, `22 "second"`)
}
