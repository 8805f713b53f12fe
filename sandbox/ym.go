package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// The Yandex Market partner API (returns, decisions, orders, campaigns).
// Returns are stored compactly (catalogue indices, pool strings, times) and
// rendered on demand, because Scale 300 means ~90k of them; photo hashes are
// derived from IDs rather than stored.

// ymMoscow is the zone YM writes its times in ("+03:00", and the zone-less
// "DD-MM-YYYY HH:MM:SS" of getOrder).
var ymMoscow = time.FixedZone("MSK", 3*60*60)

const (
	ymReturnsPerScale = 300
	ymHistory         = 45 * 24 * time.Hour // oldest return
	ymDecisionWindow  = 10 * 24 * time.Hour // returns younger than this may await a decision
	ymFirstReturnID   = 31_000_000
	ymFirstOrderID    = 540_000_000
	ymFirstItemID     = 7_700_000_000
	ymBusinessName    = "ИП Соколова Анна Викторовна"
)

// ymCampaign is a shop of the demo business. Only the demo campaign has
// API access; the others are listed as the real service lists disabled ones.
type ymCampaign struct {
	id        int64
	domain    string
	placement string
	api       string
}

var ymCampaigns = []ymCampaign{
	{id: CampaignID, domain: "Уютный дом — FBS", placement: "FBS", api: "AVAILABLE"},
	{id: CampaignID + 1, domain: "Уютный дом — DBS (архив)", placement: "DBS", api: "DISABLED_BY_INACTIVITY"},
	{id: CampaignID + 2, domain: "Уютный дом — склад Маркета", placement: "FBY", api: "DISABLED_BY_NO_ACTIVE_CONTRACT"},
	{id: SecondCampaignID, domain: "Уютный дом — Казань", placement: "FBS", api: "AVAILABLE"},
}

// ymSeries is where a campaign's seeded IDs start; each campaign has
// ranges of its own, as return, order and item IDs are unique across the
// marketplace.
type ymSeries struct {
	campaign                           int64
	firstReturn, firstOrder, firstItem int64
	perScale                           int
}

var (
	ymMainSeries   = ymSeries{CampaignID, ymFirstReturnID, ymFirstOrderID, ymFirstItemID, ymReturnsPerScale}
	ymSecondSeries = ymSeries{SecondCampaignID, 39_000_000, 560_000_000, 7_900_000_000, ymReturnsPerScale / 3}
)

// ymPoint is a pickup point where the shop collects returns.
type ymPoint struct {
	id                    int64
	name, kind, partner   string
	city, street, house   string
	postcode, instruction string
}

var ymPoints = []ymPoint{
	{id: 10001234, name: "Пункт выдачи Маркета на Тверской", kind: "PICKUP_POINT", city: "Москва", street: "Тверская улица", house: "7", postcode: "125009", instruction: "Вход со двора, окно выдачи возвратов №2, с 10:00 до 21:00"},
	{id: 10004567, name: "Склад возвратов Софьино", kind: "WAREHOUSE", city: "Софьино", street: "Промышленная улица", house: "вл. 1", postcode: "140126", instruction: "Въезд для легковых машин по пропуску, КПП 3"},
	{id: 10007788, name: "Постамат в ТЦ «Галерея»", kind: "PICKUP_TERMINAL", city: "Санкт-Петербург", street: "Лиговский проспект", house: "30А", postcode: "191036"},
	{id: 10009901, name: "Отделение Почты России 630099", kind: "PICKUP_POST_OFFICE", city: "Новосибирск", street: "улица Советская", house: "33", postcode: "630099"},
	{id: 10011122, name: "Маркет и ПВЗ на Ленина", kind: "PICKUP_MIXED", city: "Екатеринбург", street: "проспект Ленина", house: "50", postcode: "620075", instruction: "Спросить администратора зала"},
}

// ymRegions are delivery regions with the spec's parent chain.
var ymRegions = []struct {
	id         int64
	name, kind string
	parentID   int64
	parentName string
}{
	{213, "Москва", "CITY", 1, "Москва и Московская область"},
	{2, "Санкт-Петербург", "CITY", 10174, "Санкт-Петербург и Ленинградская область"},
	{65, "Новосибирск", "CITY", 11316, "Новосибирская область"},
	{54, "Екатеринбург", "CITY", 11162, "Свердловская область"},
}

// ymItem is one returned position with the buyer's claim and the seller's
// decision once made.
type ymItem struct {
	id        int64
	product   uint8
	count     int
	reason    string // "" for non-purchases
	subreason string
	comment   string
	photos    uint8
	cis       bool
	// The seller's decision; decisionType "" while undecided.
	decisionType    string
	declineReason   string
	decisionComment string
	compensation    float64
	pending         bool // chosen with setReturnDecision, not yet submitted
}

// ymReturn is a return or a non-purchase and the order behind it.
type ymReturn struct {
	id, orderID int64
	campaign    int64
	unredeemed  bool
	refund      string // refund status; "" for non-purchases
	shipment    string // "" for fast returns
	recipient   string
	fast        bool
	dbs         bool // decided the DBS way (WAITING_FOR_DECISION, setReturnDecision)
	point       int8 // index into ymPoints, -1 for none
	created     time.Time
	updated     time.Time
	ordered     time.Time
	buyer       string
	business    bool // bought by an organisation
	region      uint8
	extra       int8 // a catalogue product kept by the buyer, -1 for none
	items       []ymItem
}

type ymState struct {
	returns []*ymReturn // ascending ID (and creation time)
	byID    map[int64]*ymReturn
	byOrder map[int64]*ymReturn
}

// Buyer comments by reason (ReturnDecisionReasonType → subreasons).
var ymReasons = []struct {
	reason     string
	weight     int
	subreasons []string
	comments   []string
}{
	{"BAD_QUALITY", 40, []string{"DAMAGED", "NOT_WORKING", "BAD_PACKAGE", "INCOMPLETENESS", "WRAPPING_DAMAGED", "ITEM_WAS_USED", "BROKEN"}, []string{
		"Пришёл с царапиной на корпусе, на фото видно.",
		"Через два дня перестал работать, не включается.",
		"Заводская упаковка вскрыта, внутри следы использования.",
		"Не хватает детали из комплекта, инструкция тоже отсутствует.",
		"Коробка помята, товар внутри треснул.",
		"Брак: шов разошёлся после первой стирки.",
	}},
	{"DOES_NOT_FIT", 30, []string{"USER_DID_NOT_LIKE", "USER_CHANGED_MIND", "DELIVERED_TOO_LONG"}, []string{
		"Не подошёл размер, маломерит.",
		"Цвет в жизни совсем другой, не понравился.",
		"Передумала, купила в другом месте.",
		"Доставка шла две недели, уже не нужно.",
		"",
	}},
	{"WRONG_ITEM", 20, []string{"WRONG_ITEM", "WRONG_COLOR", "DID_NOT_MATCH_DESCRIPTION", "WRONG_AMOUNT_DELIVERED", "PARCEL_MISSING"}, []string{
		"Заказывала чёрный, пришёл синий.",
		"Прислали другую модель, не ту что в карточке.",
		"В описании 450 мл, по факту меньше.",
		"В посылке одна штука вместо двух.",
	}},
	{"DAMAGE_DELIVERY", 10, []string{"WRAPPING_DAMAGED", "BROKEN", "DAMAGED"}, []string{
		"Курьер привёз коробку мокрой и порванной.",
		"Разбилось при доставке, осколки в пакете.",
	}},
}

// Refund status weights for returns young enough to await a decision and
// for older ones.
var (
	ymRecentStatuses = []ymWeighted{
		{"PREMODERATION_DECISION_WAITING", 45}, {"WAITING_FOR_DECISION", 15}, {"STARTED_BY_USER", 8},
		{"PREMODERATION_SELECT_DELIVERY", 8}, {"PREMODERATION_DISPUTE", 5}, {"REFUND_IN_PROGRESS", 12}, {"CANCELLED", 7},
	}
	ymOldStatuses = []ymWeighted{
		{"REFUNDED", 30}, {"REFUND_IN_PROGRESS", 8}, {"PREMODERATION_DECISION_MADE", 12}, {"DECISION_MADE", 6},
		{"REFUNDED_WITH_BONUSES", 4}, {"REFUNDED_BY_SHOP", 4}, {"COMPLETE_WITHOUT_REFUND", 6}, {"CANCELLED", 8},
		{"REJECTED", 6}, {"FAILED", 2}, {"PREMODERATION_DISPUTE", 4}, {"PREMODERATION_SELECT_DELIVERY", 1}, {"UNKNOWN", 1},
	}
)

type ymWeighted struct {
	v string
	w int
}

func pickWeighted(g *gen, xs []ymWeighted) string {
	total := 0
	for _, x := range xs {
		total += x.w
	}
	n := g.intn(total)
	for _, x := range xs {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return xs[len(xs)-1].v
}

// ymDecided reports statuses in which the seller's decision is on record.
func ymDecided(status string) bool {
	switch status {
	case "REFUND_IN_PROGRESS", "REFUNDED", "FAILED", "DECISION_MADE", "REFUNDED_WITH_BONUSES", "REFUNDED_BY_SHOP",
		"COMPLETE_WITHOUT_REFUND", "REJECTED", "PREMODERATION_DECISION_MADE", "PREMODERATION_DISPUTE":
		return true
	}
	return false
}

// newYMState seeds the returns of the demo campaign.
func newYMState(g *gen, scale int, now time.Time) *ymState {
	return newYMSeries(g, scale, now, ymMainSeries)
}

func newYMSeries(g *gen, scale int, now time.Time, ser ymSeries) *ymState {
	n := ser.perScale * scale
	st := &ymState{returns: make([]*ymReturn, 0, n), byID: make(map[int64]*ymReturn, n), byOrder: make(map[int64]*ymReturn, n)}
	step := ymHistory / time.Duration(n)
	itemID := ser.firstItem
	for i := range n {
		created := now.Add(-ymHistory + time.Duration(i)*step + time.Duration(g.r.Int64N(int64(step)+1)))
		if created.After(now) {
			created = now.Add(-time.Minute)
		}
		r := &ymReturn{
			id:       ser.firstReturn + int64(i)*3 + int64(g.intn(3)),
			orderID:  ser.firstOrder + int64(i)*11 + int64(g.intn(11)),
			campaign: ser.campaign,
			created:  created.Truncate(time.Second),
			buyer:    g.buyerName(),
			business: g.chance(0.05),
			region:   uint8(g.intn(len(ymRegions))),
			point:    -1,
			extra:    -1,
		}
		r.ordered = r.created.Add(-time.Duration(g.between(3, 20)) * 24 * time.Hour).Add(-time.Duration(g.intn(86400)) * time.Second)
		age := now.Sub(r.created)
		r.unredeemed = g.chance(0.25)
		switch {
		case r.unredeemed:
			r.shipment = pick(g, []string{"CREATED", "IN_TRANSIT", "IN_TRANSIT", "READY_FOR_PICKUP", "PICKED", "PICKED", "FULFILMENT_RECEIVED", "NOT_IN_DEMAND"})
			r.recipient = "SHOP"
		case age < ymDecisionWindow:
			r.refund = pickWeighted(g, ymRecentStatuses)
		default:
			r.refund = pickWeighted(g, ymOldStatuses)
		}
		if !r.unredeemed {
			r.dbs = r.refund == "WAITING_FOR_DECISION" || r.refund == "DECISION_MADE"
			r.fast = !r.dbs && g.chance(0.1)
			if !r.fast {
				r.recipient = pick(g, []string{"SHOP", "SHOP", "DELIVERY_SERVICE", "POST"})
				r.shipment = ymShipmentFor(g, r.refund)
			}
		}
		if r.shipment != "" && r.recipient != "POST" {
			r.point = int8(g.intn(len(ymPoints)))
		}
		if g.chance(0.3) {
			r.extra = int8(g.intn(len(catalogue)))
		}
		nItems := 1
		if g.chance(0.2) {
			nItems = g.between(2, 3)
		}
		used := map[uint8]bool{}
		for range nItems {
			p := uint8(g.intn(len(catalogue)))
			if used[p] {
				continue
			}
			used[p] = true
			itemID += int64(g.between(1, 5))
			it := ymItem{id: itemID, product: p, count: 1, cis: g.chance(0.3)}
			if g.chance(0.15) {
				it.count = g.between(2, 3)
			}
			if !r.unredeemed {
				rs := ymReasons[ymReasonIndex(g)]
				it.reason = rs.reason
				it.subreason = pick(g, rs.subreasons)
				it.comment = g.text(rs.comments)
				if rs.reason != "DOES_NOT_FIT" || g.chance(0.3) {
					it.photos = uint8(g.between(0, 4))
				}
				if ymDecided(r.refund) {
					ymSeedDecision(g, r, &it)
				}
			}
			r.items = append(r.items, it)
		}
		r.updated = r.created.Add(time.Duration(g.r.Int64N(int64(max(now.Sub(r.created), time.Second)))))
		r.updated = r.updated.Truncate(time.Second)
		st.returns = append(st.returns, r)
		st.byID[r.id] = r
		st.byOrder[r.orderID] = r
	}
	sort.Slice(st.returns, func(i, j int) bool { return st.returns[i].id < st.returns[j].id })
	return st
}

func ymReasonIndex(g *gen) int {
	n := g.intn(100)
	for i, r := range ymReasons {
		if n < r.weight {
			return i
		}
		n -= r.weight
	}
	return 0
}

// ymShipmentFor is a logistic status that fits the refund status.
func ymShipmentFor(g *gen, refund string) string {
	switch refund {
	case "STARTED_BY_USER", "PREMODERATION_SELECT_DELIVERY", "PREMODERATION_DECISION_WAITING", "WAITING_FOR_DECISION":
		return "CREATED"
	case "CANCELLED":
		return pick(g, []string{"CANCELLED", "EXPIRED"})
	case "REJECTED", "COMPLETE_WITHOUT_REFUND":
		return pick(g, []string{"READY_FOR_PICKUP", "PICKED", "CANCELLED"})
	}
	return pick(g, []string{"RECEIVED", "IN_TRANSIT", "IN_TRANSIT", "READY_FOR_PICKUP", "PICKED", "PICKED", "FULFILMENT_RECEIVED"})
}

// ymSeedDecision records the decision a resolved return carries.
func ymSeedDecision(g *gen, r *ymReturn, it *ymItem) {
	switch {
	case r.refund == "REJECTED" || r.refund == "COMPLETE_WITHOUT_REFUND":
		it.decisionType = "DECLINE_REFUND"
		it.declineReason = pick(g, []string{"ISSUE_WITH_THE_PRODUCT_WAS_NOT_CONFIRMED", "MECHANICAL_DAMAGE", "PRODUCT_APPEARANCE_COMPROMISED"})
		it.decisionComment = "Проверили товар: дефект не подтвердился."
	case r.fast:
		it.decisionType = "FAST_REFUND_MONEY"
	case r.dbs && g.chance(0.3):
		it.decisionType = "REFUND_MONEY_INCLUDING_SHIPMENT"
		it.decisionComment = "Компенсируем обратную пересылку 300 ₽."
	case g.chance(0.1):
		it.decisionType = "PARTIAL_MONEY_REFUND"
		it.compensation = float64(catalogue[it.product].Price*it.count) * 0.2
	default:
		it.decisionType = "REFUND_MONEY"
	}
}

// photoHash is the hash of a buyer photo; its parity picks JPEG or PNG.
func (it *ymItem) photoHash(returnID int64, k int) string {
	a := keyHash(fmt.Sprintf("ym-photo/%d/%d/%d", returnID, it.id, k))
	b := keyHash(fmt.Sprintf("ym-photo/%d/%d/%d#", returnID, it.id, k))
	return fmt.Sprintf("%08x%08x%08x", a, b, a^b)
}

func (it *ymItem) photoHashes(returnID int64) []string {
	out := make([]string, it.photos)
	for k := range out {
		out[k] = it.photoHash(returnID, k)
	}
	return out
}

// ymPhotoExt tells the format of a hash: photos come as JPEG or PNG.
func ymPhotoExt(hash string) string {
	if strings.IndexByte("02468ace", hash[0]) >= 0 {
		return ".jpg"
	}
	return ".png"
}

// find returns the return with id, or nil.
func (st *ymState) find(id int64) *ymReturn { return st.byID[id] }

// item finds a position of the return by its returnItemId.
func (r *ymReturn) item(id int64) *ymItem {
	for i := range r.items {
		if r.items[i].id == id {
			return &r.items[i]
		}
	}
	return nil
}

// awaiting reports whether the seller must decide now.
func (r *ymReturn) awaiting() bool {
	return r.refund == "PREMODERATION_DECISION_WAITING" || r.refund == "WAITING_FOR_DECISION"
}

// total is what the buyer paid for the returned units, in roubles.
func (r *ymReturn) total() float64 {
	sum := 0
	for _, it := range r.items {
		sum += catalogue[it.product].Price * it.count
	}
	return float64(sum)
}
