package sandbox

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Buyer claims (returns-api). Claims are kept newest first; the service
// shows only the last 14 days, so a few older ones are seeded to prove the
// window is applied.

const (
	claimWindow        = 14 * 24 * time.Hour
	claimDefaultLimit  = 50
	claimMaxLimit      = 200
	claimCommentMin    = 10
	claimCommentMax    = 1000
	claimTimeLayout    = "2006-01-02T15:04:05.000000" // zone-less Moscow time
	claimOrderDtLayout = "2006-01-02T15:04:05"
)

// claimMSK is the zone WB means by its zone-less claim timestamps.
var claimMSK = time.FixedZone("MSK", 3*60*60)

type claimState struct {
	claims []*claimRec // newest dt first
	byID   map[string]*claimRec
	// pending holds accepted answers not shown yet (Modes.ClaimAnswerDelay).
	pending map[string]claimPending
}

type claimRec struct {
	id          string
	typ         int
	status      int
	statusEx    int
	nmID        int64
	userComment string
	wbComment   string // "" is sent as null
	dt          time.Time
	orderDt     time.Time
	dtUpdate    time.Time
	imtName     string // "" is sent as null
	photos      int
	video       bool
	actions     []string // shared, replaced rather than modified
	price       int
	srid        string
	archive     bool
}

func newClaimState(g *gen, scale int, now time.Time) *claimState {
	n := 200 * scale
	st := &claimState{claims: make([]*claimRec, 0, n), byID: make(map[string]*claimRec, n)}
	for range n {
		c := newClaim(g, now)
		st.claims = append(st.claims, c)
		st.byID[c.id] = c
	}
	sort.SliceStable(st.claims, func(i, j int) bool { return st.claims[i].dt.After(st.claims[j].dt) })
	return st
}

func newClaim(g *gen, now time.Time) *claimRec {
	p := g.product()
	age := time.Duration(g.r.Int64N(int64(claimWindow - time.Hour)))
	if g.chance(0.05) { // aged out: never listed
		age = claimWindow + time.Duration(g.between(1, 6*24))*time.Hour
	}
	dt := now.Add(-age)
	c := &claimRec{
		id:          g.uuid(),
		typ:         pick(g, []int{1, 1, 1, 3}),
		nmID:        p.NmID,
		userComment: chatClip(g.text(claimUserComments), claimCommentMax),
		dt:          dt,
		orderDt:     dt.Add(-time.Duration(g.between(2, 40*24)) * time.Hour),
		dtUpdate:    dt,
		imtName:     fmt.Sprintf("%s, %s", p.Name, p.Article),
		photos:      g.between(0, 4),
		video:       g.chance(0.3),
		price:       p.Price,
		srid:        strconv.FormatUint(g.r.Uint64()>>1, 10) + ".0.0",
		actions:     pick(g, claimActiveActions),
	}
	if g.chance(0.03) {
		c.imtName = "" // the service sends null for some old cards
	}
	if g.chance(0.45) {
		c.archive = true
		c.dtUpdate = dt.Add(time.Duration(g.between(1, int(min(age, 3*24*time.Hour)/time.Minute)+1)) * time.Minute)
		if g.chance(0.6) {
			c.status, c.statusEx, c.actions = 2, pick(g, claimApprovedExes), claimNoActions
			c.wbComment = claimWBComments["approve"]
			if c.statusEx == 5 {
				c.wbComment = claimWBComments["autorefund1"]
			}
		} else {
			c.status, c.statusEx = 1, 1
			c.wbComment = claimWBComments[pick(g, []string{"reject1", "reject2", "reject3"})]
			c.actions = claimNoActions
			if g.chance(0.5) {
				c.actions = claimReconsider // rejected claims may be reconsidered
			}
		}
	}
	return c
}

// visible reports whether the claim is inside the 14-day window at now.
func (c *claimRec) visible(now time.Time) bool { return c.dt.After(now.Add(-claimWindow)) }

// apply records the seller's answer: the status the action implies, the
// text the buyer now reads, and where the claim goes (archive, except after
// approvecc1, which awaits the goods at the seller's shop).
func (c *claimRec) apply(action, comment string, now time.Time) {
	c.dtUpdate = now
	c.archive = true
	c.actions = claimNoActions
	switch action {
	case "approve1":
		c.status, c.statusEx = 2, 8
		c.wbComment = claimWBComments["approve"]
	case "approve2":
		c.status, c.statusEx = 2, 10
		c.wbComment = claimWBComments["approve"]
	case "autorefund1":
		c.status, c.statusEx = 2, 5
		c.wbComment = claimWBComments["autorefund1"]
	case "reject1", "reject2", "reject3":
		c.status, c.statusEx = 1, 1
		c.wbComment = claimWBComments[action]
		c.actions = claimReconsider
	case "rejectcustom":
		c.status, c.statusEx = 1, 1
		c.wbComment = comment
		c.actions = claimReconsider
	case "approvecc1":
		c.status, c.statusEx = 2, 10
		c.wbComment = claimWBComments["approvecc1"]
		if comment != "" {
			c.wbComment += " " + comment
		}
		c.archive = false
		c.actions = claimAfterCC
	case "confirmreturngoodcc1":
		c.status, c.statusEx = 2, 10
		c.wbComment = claimWBComments["confirmreturngoodcc1"]
	}
}
