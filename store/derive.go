package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// Deadlines come from models (models.FeedbackDeadline, ClaimDeadline,
// ChatDeadline; questions and YM returns have none), the one place the
// marketplaces' documented rules live.
//
// noDeadline orders items without a deadline after every dated one, oldest
// first: due = noDeadline + created (Unix ms), far beyond any real date.
const (
	noDeadline    = int64(1) << 50
	noDeadlineSQL = "1125899906842624"
)

// record is one item with the columns derived from its model.
type record struct {
	kind          Kind
	id            string
	at            time.Time // what the pane sorts by
	created       time.Time
	updated       time.Time
	needs         bool
	deadline      time.Time // zero: none
	nmID          int64
	article       string
	rating        int
	chatID        string
	title         string
	snippet       string
	body          string // the searchable text, folded (foldText)
	shown         string // body as written, for the passage that says why an item matched
	data          []byte
	keepChatState bool // chats: needs/deadline come from the events
}

func (r *record) due() int64 {
	if !r.deadline.IsZero() {
		return ms(r.deadline)
	}
	return noDeadline + ms(r.created)
}

// foldText makes search insensitive to ё/е, which Russian writes
// interchangeably and the unicode61 tokenizer keeps apart, and drops
// invisible characters (zero-width spaces and joiners, bidi controls,
// presentation selectors), which unicode61 treats as separators: a
// zero-width space inside a word would split it in two. Indexed text and
// queries both go through it. (ui/safe.Ignorable is the same set; store
// must not import ui.)
var foldText = strings.NewReplacer(foldPairs()...).Replace

func foldPairs() []string {
	pairs := []string{"ё", "е", "Ё", "Е"}
	drop := func(from, to rune) {
		for r := from; r <= to; r++ {
			pairs = append(pairs, string(r), "")
		}
	}
	drop(0x200b, 0x200f) // ZWSP, ZWNJ, ZWJ, LRM, RLM
	drop(0x202a, 0x202e) // bidi embeddings and overrides
	drop(0x2060, 0x2064) // word joiner, invisible operators
	drop(0x2066, 0x2069) // bidi isolates
	drop(0xfe0e, 0xfe0f) // text/emoji presentation
	drop(0xfeff, 0xfeff) // BOM / ZWNBSP
	drop(0x00ad, 0x00ad) // soft hyphen
	return pairs
}

func joinText(parts ...string) string { return foldText(joinParts(parts...)) }

// joinParts is joinText as written: ё, and the characters foldText
// drops, kept.
func joinParts(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			if b.Len() > 0 {
				b.WriteString(" \u2022 ")
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

func productText(p models.WBProductDetails) string {
	return joinParts(p.ProductName, p.SupplierArticle, p.BrandName, strconv.FormatInt(p.NmID, 10))
}

func questionRecord(q models.Question) (record, error) {
	data, err := json.Marshal(q)
	if err != nil {
		return record{}, err
	}
	r := record{
		kind: KindQuestion, id: q.ID, at: q.CreatedDate.Time, created: q.CreatedDate.Time, updated: q.CreatedDate.Time,
		needs: !q.Answered(), nmID: q.ProductDetails.NmID, article: q.ProductDetails.SupplierArticle,
		title: q.ProductDetails.ProductName, snippet: q.Text, data: data,
	}
	answer := ""
	if q.Answer != nil {
		answer = q.Answer.Text
		if q.Answer.CreateDate.After(r.updated) {
			r.updated = q.Answer.CreateDate.Time
		}
	}
	r.shown = joinParts(q.Text, answer, productText(q.ProductDetails))
	r.body = foldText(r.shown)
	return r, nil
}

func feedbackRecord(f models.Feedback) (record, error) {
	data, err := json.Marshal(f)
	if err != nil {
		return record{}, err
	}
	r := record{
		kind: KindFeedback, id: f.ID, at: f.CreatedDate.Time, created: f.CreatedDate.Time, updated: f.CreatedDate.Time,
		needs: !f.Answered(), nmID: f.ProductDetails.NmID, article: f.ProductDetails.SupplierArticle,
		rating: f.ProductValuation, title: f.ProductDetails.ProductName,
		snippet: firstNonEmpty(f.Text, f.Cons, f.Pros), data: data,
	}
	r.deadline = models.FeedbackDeadline(f).At
	answer := ""
	if f.Answer != nil {
		answer = f.Answer.Text
	}
	r.shown = joinParts(f.Text, f.Pros, f.Cons, f.UserName, answer, productText(f.ProductDetails), strings.Join(f.Bables, " "))
	r.body = foldText(r.shown)
	return r, nil
}

func chatRecord(c models.Chat) (record, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return record{}, err
	}
	r := record{kind: KindChat, id: c.ChatID, chatID: c.ChatID, title: c.ClientName, data: data, keepChatState: true}
	if c.LastMessage != nil {
		r.at = c.LastMessage.AddTimestamp.Time()
		r.snippet = c.LastMessage.Text
	}
	if c.GoodCard != nil {
		r.nmID = c.GoodCard.NmID
	}
	// The chat list no longer dates the order: the chat counts from its
	// newest message.
	r.created = r.at
	r.updated = r.at
	r.shown = joinParts(c.ClientName)
	r.body = foldText(r.shown)
	return r, nil
}

// claimRecord: archived claims (answered or closed) never need action,
// whatever actions they still offer.
func claimRecord(c models.Claim, archive bool) (record, error) {
	data, err := json.Marshal(storedClaim{Claim: c, Archive: archive})
	if err != nil {
		return record{}, err
	}
	r := record{
		kind: KindClaim, id: c.ID, at: c.Dt.Time, created: c.Dt.Time, updated: c.DtUpdate.Time,
		needs: !archive && c.Answerable(), nmID: c.NmID, title: c.ImtName, snippet: c.UserComment, data: data,
	}
	if r.updated.IsZero() {
		r.updated = r.created
	}
	r.deadline = models.ClaimDeadline(c, archive).At
	r.shown = joinParts(c.UserComment, c.WBComment, c.ImtName, c.SRID, strconv.FormatInt(c.NmID, 10))
	r.body = foldText(r.shown)
	return r, nil
}

// storedClaim remembers which list a claim came from: the claim itself
// does not say whether it is archived.
type storedClaim struct {
	models.Claim
	Archive bool `json:"sellerinbox_archive"`
}

func returnRecord(y models.YMReturn) (record, error) {
	data, err := json.Marshal(y)
	if err != nil {
		return record{}, err
	}
	r := record{
		kind: KindReturn, id: strconv.FormatInt(y.ID, 10), at: y.CreationDate.Time, created: y.CreationDate.Time,
		updated: y.UpdateDate.Time, needs: y.AwaitsDecision(), data: data,
	}
	// A return is dated by its creation, as its row's age counts from it
	// and Market's cabinet lists it: its update date moves with every
	// change of status, which left the list in no order a row showed.
	if r.updated.IsZero() {
		r.updated = r.created
	}
	if r.at.IsZero() {
		r.at = r.updated
	}
	// Market documents no decision deadline: the return has none (its
	// age shows) and follows the dated items in the inbox.
	r.deadline = models.ReturnDeadline(y).At
	var skus, comments []string
	for _, it := range y.Items {
		skus = append(skus, it.ShopSku)
		for _, d := range it.Decisions {
			comments = append(comments, d.Comment)
		}
	}
	if len(skus) > 0 {
		r.article = skus[0]
	}
	kind := "Return"
	if y.ReturnType == models.YMReturnTypeUnredeemed {
		kind = "Non-purchase"
	}
	r.title = fmt.Sprintf("%s %d, order %d: %s", kind, y.ID, y.OrderID, strings.Join(skus, ", "))
	r.snippet = firstNonEmpty(comments...)
	r.shown = joinParts(strconv.FormatInt(y.ID, 10), strconv.FormatInt(y.OrderID, 10), strings.Join(skus, " "), strings.Join(comments, " "))
	r.body = foldText(r.shown)
	return r, nil
}

// searchBody derives the searchable text of a stored item from its JSON.
func searchBody(kind Kind, data []byte) (string, error) {
	r, err := deriveRecord(kind, data)
	return r.body, err
}

// shownBody is searchBody as written, for the passage of a match.
func shownBody(kind Kind, data []byte) (string, error) {
	r, err := deriveRecord(kind, data)
	return r.shown, err
}

func deriveRecord(kind Kind, data []byte) (record, error) {
	var r record
	var err error
	switch kind {
	case KindQuestion:
		var v models.Question
		if err = json.Unmarshal(data, &v); err == nil {
			r, err = questionRecord(v)
		}
	case KindFeedback:
		var v models.Feedback
		if err = json.Unmarshal(data, &v); err == nil {
			r, err = feedbackRecord(v)
		}
	case KindChat:
		var v models.Chat
		if err = json.Unmarshal(data, &v); err == nil {
			r, err = chatRecord(v)
		}
	case KindClaim:
		var v storedClaim
		if err = json.Unmarshal(data, &v); err == nil {
			r, err = claimRecord(v.Claim, v.Archive)
		}
	case KindReturn:
		var v models.YMReturn
		if err = json.Unmarshal(data, &v); err == nil {
			r, err = returnRecord(v)
		}
	default:
		return r, fmt.Errorf("unknown kind %q", kind)
	}
	return r, err
}

func eventBody(data []byte) (string, error) {
	text, err := eventShown(data)
	return foldText(text), err
}

// eventShown is eventBody as written.
func eventShown(data []byte) (string, error) {
	var e models.ChatEvent
	if err := json.Unmarshal(data, &e); err != nil {
		return "", err
	}
	return joinParts(e.Text(), e.ClientName), nil
}
