package panes

import (
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Column widths of a claims row; the comment and product take the rest.
const (
	claimDateW  = 6
	claimPriceW = 10
	claimMediaW = 6
)

// claimItem is a claim with its row columns rendered once, on load.
type claimItem struct {
	c      models.Claim
	active bool // listed as active (is_archive=false): awaiting an answer
	date   string
	price  string
	media  string
	tail   string // [decision] the buyer's comment — product
	due    models.Deadline
	now    time.Time // when the item was read: its deadline counts to it
	dueCol string
}

func newClaimItem(c models.Claim, active bool, tr i18n.T, now time.Time) claimItem {
	it := claimItem{c: c, active: active}
	it.date = safe.Pad(shortTime(c.Dt, now, tr), claimDateW)
	it.price = padLeft(moneyShort(c.Price, c.CurrencyCode, tr), claimPriceW)
	it.media = safe.Pad(tr.Get("claims.media_short", len(c.Photos), len(c.VideoPaths)), claimMediaW)
	it.due = models.ClaimDeadline(c, !active)
	it.now, it.dueCol = now, dueCell(tr, it.due, now, true)
	name := safe.Line(c.ImtName)
	if name == "" {
		name = tr.Get("claims.no_product")
	}
	// Nearly every claim is under review: the row says so only of those
	// decided, and spends the room on the buyer's words.
	words := safe.Line(c.UserComment)
	if c.Status != models.ClaimPending {
		words = strings.TrimSpace("[" + claimLabel(tr, "wb.claim_status_short", int(c.Status)) + "] " + words)
	}
	it.tail = wbText(words, name)
	return it
}

// claimLabel names a numeric enum value; one the catalogue does not know
// shows as "code N" rather than a bare number.
func claimLabel(tr i18n.T, group string, n int) string {
	raw := strconv.Itoa(n)
	if l := tr.Label(group, raw); l != raw {
		return l
	}
	return tr.Get("claims.unknown", n)
}

// claimRow draws one row; mark is the state column (actions.marker). On a narrow
// list the media counts go first, then the date; the amount stays whole.
func claimRow(it claimItem, mark string, width int, selected bool, st theme.Styles) string {
	base := rowBase(claimNeeds(it), st)
	cols := []rowCol{{text: mark}, {text: it.date, drop: 2}, {text: it.dueCol, style: dueStyle(it.due, it.now, base, st)},
		{text: it.price}, {text: it.media, drop: 1}}
	return drawRow(width, cols, it.tail, base, selected, st)
}

// claimExtras is what the detail shows beyond the claim itself.
type claimExtras struct {
	state     string // the outbox line of the claim's answer, wrapped
	mediaHint string // "p preview · …", "" when previews are off
	canAnswer bool   // answering is on: say which key answers
}

func claimDetail(it claimItem, x claimExtras, width int, st theme.Styles, tr i18n.T) string {
	c := it.c
	var b strings.Builder
	name := c.ImtName
	if safe.Line(name) == "" {
		name = tr.Get("claims.no_product")
	}
	b.WriteString(st.DetailTitle.Render(safe.Wrap(name, width)) + "\n")
	b.WriteString(x.state)
	b.WriteString(longField(st, tr, tr.Get("claims.comment"), c.UserComment, width))
	b.WriteString(field(st, tr.Get("claims.nm_id"), strconv.FormatInt(c.NmID, 10), width))
	b.WriteString(field(st, tr.Get("claims.price"), money(c.Price, c.CurrencyCode, tr), width))
	b.WriteString(field(st, tr.Get("claims.ordered"), fullTime(c.OrderDt, tr), width))
	if !c.DeliveryDt.IsZero() || c.DeliveryDt.IsUnknown() {
		b.WriteString(field(st, tr.Get("claims.delivered"), fullTime(c.DeliveryDt, tr), width))
	}
	b.WriteString(field(st, tr.Get("claims.created"), fullTime(c.Dt, tr), width))
	b.WriteString(dueDetail(it.due, it.now, width, st, tr))
	if !c.DtUpdate.IsZero() && !c.DtUpdate.Equal(c.Dt.Time) {
		b.WriteString(field(st, tr.Get("claims.updated"), fullTime(c.DtUpdate, tr), width))
	}
	media := tr.Get("claims.media_value", len(c.Photos), len(c.VideoPaths))
	if len(c.Photos)+len(c.VideoPaths) > 0 && x.mediaHint != "" {
		media += " — " + x.mediaHint
	}
	b.WriteString(field(st, tr.Get("claims.media"), media, width))
	b.WriteString(field(st, tr.Get("claims.imei"), c.OriginIDInfo, width))
	b.WriteString(field(st, tr.Get("claims.status"), claimLabel(tr, "wb.claim_status", int(c.Status)), width))
	b.WriteString(field(st, tr.Get("claims.status_ex"), claimLabel(tr, "wb.claim_status_ex", int(c.StatusEx)), width))
	b.WriteString(field(st, tr.Get("claims.source"), claimLabel(tr, "wb.claim_type", int(c.ClaimType)), width))

	b.WriteString(section(st, tr.Get("claims.actions")))
	if len(c.Actions) == 0 {
		b.WriteString(st.Muted.Render(safe.Wrap(tr.Get("claims.no_actions"), width)) + "\n")
	}
	for _, a := range c.Actions {
		b.WriteString("• " + safe.Wrap(tr.Label("wb.claim_action", string(a)), max(width-2, 10)) + "\n")
	}
	if x.canAnswer && claimNeeds(it) {
		b.WriteString(st.Info.Render(safe.Wrap(tr.Get("claims.answer_hint"), width)) + "\n")
	}
	if safe.Line(c.WBComment) != "" {
		b.WriteString(section(st, tr.Get("claims.wb_comment")))
		b.WriteString(ui.WrapLong(c.WBComment, width, st, tr) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(field(st, tr.Get("claims.srid"), c.SRID, width))
	b.WriteString(field(st, tr.Get("claims.id"), c.ID, width))
	return strings.TrimRight(b.String(), "\n")
}
