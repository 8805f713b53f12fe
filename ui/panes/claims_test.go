package panes

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func rcClaims(t *testing.T, d Deps, lang i18n.Lang, w, h int) *claimsPane {
	t.Helper()
	p := newClaimsPane(rcEnv(lang), d).(*claimsPane)
	rcSized(p, w, h)
	if err := p.Err(); err != nil {
		t.Fatalf("first load: %v", err)
	}
	return p
}

func rcClaimTotal(t *testing.T, d Deps, archive bool) int {
	t.Helper()
	page, err := d.WB.Claims(context.Background(), wb.ClaimsQuery{IsArchive: archive, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// Active claims by default, the badge the store's count of them; the
// pane holds a window of the store, while the list's length, `G` and a
// walk down the list cover every stored active claim, each once.
func TestClaimsBadgeAndPaging(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{Scale: 3})
	active := rcClaimTotal(t, d, false)
	if active <= wb.ClaimsMaxLimit {
		t.Fatalf("%d active claims: too few to page", active)
	}
	p := rcClaims(t, d, i18n.EN, 80, 24)
	if p.List().Len() != active || p.Badge() != active || len(p.Items()) >= active {
		t.Fatalf("%d listed (%d held), badge %d; want %d listed, fewer held", p.List().Len(), len(p.Items()), p.Badge(), active)
	}
	rcDrive(p, rcKey("G"))
	if it, ok := p.Selected(); !ok || p.List().Cursor() != active-1 || !it.active {
		t.Fatalf("G: cursor %d of %d, selected %v", p.List().Cursor(), active, ok)
	}
	rcDrive(p, rcKey("g"))
	seen := map[string]bool{}
	for i := range active {
		it, ok := p.Selected()
		if !ok || seen[it.c.ID] || !it.active {
			t.Fatalf("row %d: claim %q missing, repeated or not active", i, it.c.ID)
		}
		seen[it.c.ID] = true
		rcDrive(p, rcKey("j"))
	}
	if len(seen) != active {
		t.Errorf("walked %d claims, want %d", len(seen), active)
	}
}

func TestClaimsFilterMenu(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	active, archived := rcClaimTotal(t, d, false), rcClaimTotal(t, d, true)
	nm := rcClaims(t, d, i18n.EN, 80, 24).Items()[0].c.NmID
	// claims carry only the WB article: the vendor code is known from a
	// question about the same product
	if _, err := d.Store.PutQuestions(context.Background(), []models.Question{{ID: "q-vendor", Text: "Есть?",
		State: models.QuestionNew, CreatedDate: models.Time{Time: rcFixedNow},
		ProductDetails: models.WBProductDetails{NmID: nm, ProductName: "Товар", SupplierArticle: "VENDOR-CODE-7"}}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		keys    []string
		open    bool
		errText string
		want    claimFilter
		count   int // items expected, -1 to skip
		each    func(claimItem) bool
	}{
		{name: "archive", keys: []string{"f", "right", "enter"}, want: claimFilter{archive: true}, count: archived,
			each: func(it claimItem) bool { return !it.active && it.c.Status != models.ClaimPending }},
		{name: "one product", keys: []string{"f", "down", strconv.FormatInt(nm, 10), "enter"}, want: claimFilter{article: strconv.FormatInt(nm, 10)}, count: -1,
			each: func(it claimItem) bool { return it.active && it.c.NmID == nm }},
		{name: "vendor code, any case", keys: []string{"f", "down", "vendor-code", "enter"}, want: claimFilter{article: "vendor-code"}, count: -1,
			each: func(it claimItem) bool { return it.active && it.c.NmID == nm }},
		{name: "a vendor code nothing has", keys: []string{"f", "down", "NO-SUCH-7", "enter"}, want: claimFilter{article: "NO-SUCH-7"}, count: 0},
		{name: "q and digits are typed", keys: []string{"f", "down", "q5"}, open: true},
		{name: "esc cancels", keys: []string{"f", "right", "esc"}, count: active},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rcClaims(t, d, i18n.EN, 80, 24)
			rcDrive(p, rcKeys(tt.keys...)...)
			if got := p.Mode() == ui.ModeEdit; got != tt.open {
				t.Fatalf("form open %v, want %v\n%s", got, tt.open, rcLines(p.View()))
			}
			if tt.open {
				if !strings.Contains(p.View(), tt.errText) {
					t.Errorf("form does not show %q:\n%s", tt.errText, rcLines(p.View()))
				}
				return
			}
			if p.filter != tt.want || p.Err() != nil {
				t.Fatalf("filter %+v (err %v), want %+v", p.filter, p.Err(), tt.want)
			}
			if tt.count >= 0 && p.List().Len() != tt.count {
				t.Errorf("%d items, want %d", p.List().Len(), tt.count)
			}
			if tt.each != nil && len(p.Items()) == 0 {
				t.Fatal("no claim listed: the check below checks nothing")
			}
			for _, it := range p.Items() {
				if tt.each != nil && !tt.each(it) {
					t.Fatalf("claim does not match: %+v", it.c)
				}
			}
			if p.Badge() != active {
				t.Errorf("badge %d, want the %d active claims whatever the filter", p.Badge(), active)
			}
			if tt.want != (claimFilter{}) && !strings.Contains(p.View(), "Filter: ") {
				t.Errorf("no filter line:\n%s", rcLines(p.View()))
			}
		})
	}
}

// A store read overtaken by a newer one is dropped: the first window,
// read before a claim arrived, lands after the re-read that shows it and
// changes nothing.
func TestClaimsStaleResultsDropped(t *testing.T) {
	d, h := rcStart(t, sandbox.Options{})
	p := newClaimsPane(rcEnv(i18n.RU), d).(*claimsPane)
	p.SetSize(80, 24)
	stale := rcRun(p.Init())
	h.Sandbox.AddClaim()
	rcResync(t, d, p)
	n, badge := p.List().Len(), p.Badge()
	if n == 0 {
		t.Fatal("nothing read")
	}
	rcDrive(p, stale...)
	if p.List().Len() != n || p.Badge() != badge || len(stale) < 2 {
		t.Errorf("stale reads (%d) landed: %d listed (want %d), badge %d (want %d)", len(stale), p.List().Len(), n, p.Badge(), badge)
	}
}

// Every claim label the detail shows exists in both languages; unknown
// numbers say "code N" rather than nothing.
func TestClaimDetailLabels(t *testing.T) {
	c := models.Claim{ID: "x", ClaimType: 7, Status: models.ClaimApproved, StatusEx: models.ClaimGoodsBackToSale, NmID: 42,
		UserComment: "Сломан \x1b]0;HACK\x07 экран", Actions: []models.ClaimAction{models.ClaimApprove1, "teleport"}, Price: 1290, CurrencyCode: "643"}
	tests := []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.EN, []string{"Approved", "Goods go back on sale after WB's check", "code 7", "Approve, WB checks for a defect", "teleport", "1,290.00 RUB", "Сломан  экран"}},
		{i18n.RU, []string{"Одобрена", "Товар вернётся в продажу после проверки WB", "код 7", "Одобрить с проверкой брака", "teleport", "1\u00a0290,00\u00a0₽"}},
	}
	for _, tt := range tests {
		env := rcEnv(tt.lang)
		out := claimDetail(newClaimItem(c, false, env.Tr, rcFixedNow), claimExtras{}, 200, env.Styles, env.Tr)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s detail lacks %q:\n%s", tt.lang, w, out)
			}
		}
		if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x07") {
			t.Errorf("%s: escape sequence reached the screen", tt.lang)
		}
	}
}

// Buyer texts full of escape sequences reach neither rows nor details
// live, in either pane: every loaded item is rendered both ways.
func TestReturnsClaimsHostileTextInert(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{Hostile: true})
	r := rcReturns(t, d, i18n.RU, 80, 24)
	c := rcClaims(t, d, i18n.RU, 80, 24)
	env := rcEnv(i18n.RU)
	var out []string
	hostile := 0
	for _, it := range c.Items() {
		if strings.Contains(it.c.UserComment, "\x1b") {
			hostile++
		}
	}
	for _, it := range r.Items() {
		for _, item := range it.r.Items {
			for _, dc := range item.Decisions {
				if strings.Contains(dc.Comment, "\x1b") {
					hostile++
				}
			}
		}
		out = append(out, retRow(it, "", "  ", 120, false, env.Styles), retDetail(it, retOrderView{}, retExtras{}, 80, env.Styles, env.Tr))
	}
	for _, it := range c.Items() {
		out = append(out, claimRow(it, "  ", 120, false, env.Styles), claimDetail(it, claimExtras{}, 80, env.Styles, env.Tr))
	}
	bad := []string{"\x1b]", "\x07", "\x1b[2J", "\x1bP", "\u009b", "\u202e", "\x00", "\r", "\b"}
	for _, s := range out {
		for _, b := range bad {
			if strings.Contains(s, b) {
				t.Fatalf("%q on screen in:\n%s", b, s)
			}
		}
	}
	if hostile == 0 {
		t.Fatal("the hostile sandbox sent no escape sequences: nothing was tested")
	}
}
