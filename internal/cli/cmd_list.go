package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// run prints one pane without the TUI: for scripts, and as an
// end-to-end exercise of the API layer.
func (f *listCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	pane := f.Pane
	if f.Timeout <= 0 {
		usageError(env.Stderr, "sellerinbox list", "list", "--timeout must be positive")
		return 2
	}
	if f.Answered && f.Archive {
		usageError(env.Stderr, "sellerinbox list", "list", "--answered and --archive do not go together")
		return 2
	}
	// The deadline is for the marketplaces, not for opening the profile:
	// a database upgrade cut short by it would fail every later run too.
	s, err := openSession(ctx, env, app.Options{Profile: f.Profile})
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox list: %s\n", safe.Line(err.Error()))
		return 1
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	items, rows, err := fetchPane(ctx, s, pane, f)
	if err != nil {
		msg := safe.Line(err.Error())
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = fmt.Sprintf("gave up after %s (change with --timeout): %s", f.Timeout, msg)
		}
		fmt.Fprintf(env.Stderr, "sellerinbox list %s: %s\n", pane, msg)
		return 1
	}
	if f.JSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(items); err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox list: %s\n", safe.Line(err.Error()))
			return 1
		}
		if _, err := env.Stdout.Write(escapeInvisible(buf.Bytes())); err != nil {
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	for _, r := range rows {
		for i := range r {
			r[i] = safe.Truncate(safe.Line(r[i]), 60)
		}
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	_ = tw.Flush()
	return 0
}

var (
	errNoYM = errors.New("no Yandex Market token: run `sellerinbox login ym` or set SELLERINBOX_YM_TOKEN and SELLERINBOX_YM_CAMPAIGN")
	errNoWB = errors.New("no Wildberries token: run `sellerinbox login wb` or set SELLERINBOX_WB_TOKEN")
)

// fetchPane returns the pane's models (for JSON) and table rows with a
// header row first.
func fetchPane(ctx context.Context, s *app.Session, pane string, f *listCmd) (any, [][]string, error) {
	o := syncer.ListOptions{Answered: f.Answered, Archive: f.Archive}
	var items any
	var err error
	switch {
	case f.Offline && pane == "chats":
		cs, looks, err := syncer.StoredChats(ctx, s.Store(), o)
		if err != nil {
			return nil, nil, err
		}
		return nonNil(cs), chatRows(cs, looks), nil
	case f.Offline:
		items, err = syncer.Stored(ctx, s.Store(), store.Pane(pane), o)
	case pane == "returns" && s.YM() == nil:
		return nil, nil, errNoYM
	case pane == "returns":
		items, err = syncer.ListReturns(ctx, s.YM(), o)
	case s.WB() == nil:
		return nil, nil, errNoWB
	case pane == "questions":
		items, err = syncer.ListQuestions(ctx, s.WB(), o)
	case pane == "feedbacks":
		items, err = syncer.ListFeedbacks(ctx, s.WB(), o)
	case pane == "chats":
		cs, looks, err := syncer.ListChats(ctx, s.WB(), o)
		if err != nil {
			return nil, nil, err
		}
		return nonNil(cs), chatRows(cs, looks), nil
	default:
		items, err = syncer.ListClaims(ctx, s.WB(), o)
	}
	if err != nil {
		return nil, nil, err
	}
	switch x := items.(type) {
	case []models.YMReturn:
		return nonNil(x), returnRows(x), nil
	case []models.Question:
		return nonNil(x), questionRows(x), nil
	case []models.Feedback:
		return nonNil(x), feedbackRows(x), nil
	default:
		cs := items.([]models.Claim)
		return nonNil(cs), claimRows(cs), nil
	}
}

func day(t models.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Moscow).Format("2006-01-02 15:04")
}

func returnRows(out []models.YMReturn) [][]string {
	rows := [][]string{{"RETURN", "ORDER", "UPDATED", "TYPE", "REFUND STATUS", "AMOUNT", "ITEMS"}}
	for _, r := range out {
		amount := ""
		if a, ok := r.Total(); ok {
			amount = strconv.FormatFloat(a.Value, 'f', 2, 64) + " " + string(a.CurrencyID)
		}
		skus := make([]string, 0, len(r.Items))
		for _, it := range r.Items {
			skus = append(skus, fmt.Sprintf("%s×%d", it.ShopSku, it.Count))
		}
		rows = append(rows, []string{strconv.FormatInt(r.ID, 10), strconv.FormatInt(r.OrderID, 10), day(r.UpdateDate),
			string(r.ReturnType), string(r.RefundStatus), amount, strings.Join(skus, ", ")})
	}
	return rows
}

func questionRows(out []models.Question) [][]string {
	rows := [][]string{{"ID", "CREATED", "NMID", "PRODUCT", "QUESTION"}}
	for _, q := range out {
		rows = append(rows, []string{q.ID, day(q.CreatedDate), strconv.FormatInt(q.ProductDetails.NmID, 10), q.ProductDetails.ProductName, q.Text})
	}
	return rows
}

func feedbackRows(out []models.Feedback) [][]string {
	rows := [][]string{{"ID", "CREATED", "RATING", "BUYER", "PRODUCT", "TEXT"}}
	for _, fb := range out {
		rows = append(rows, []string{fb.ID, day(fb.CreatedDate), strings.Repeat("★", max(0, min(5, fb.ProductValuation))),
			fb.UserName, fb.ProductDetails.ProductName, fb.Text})
	}
	return rows
}

// chatRows shows why each chat needs a look (looks[i] is out[i]'s): the
// events feed decides "needs an answer", and a chat it cannot vouch for
// is listed as needing a look, with the reason.
func chatRows(out []models.Chat, looks []models.ChatLook) [][]string {
	rows := [][]string{{"CHAT", "LAST", "BUYER", "WHY", "LAST MESSAGE"}}
	for i, ch := range out {
		when, text := "", ""
		if ch.LastMessage != nil {
			when = ch.LastMessage.AddTimestamp.Time().In(models.Moscow).Format(time.DateTime)
			text = ch.LastMessage.Text
		}
		rows = append(rows, []string{ch.ChatID, when, ch.ClientName, chatLookReason(looks[i]), text})
	}
	return rows
}

// chatLookReason says in the table why a chat needs a look.
func chatLookReason(l models.ChatLook) string {
	switch l {
	case models.ChatLookWaiting:
		return "buyer waiting"
	case models.ChatLookUnseen:
		return "last message not in the events feed"
	case models.ChatLookUnknownSender:
		return "last sender unknown"
	}
	return "-"
}

func claimRows(out []models.Claim) [][]string {
	rows := [][]string{{"CLAIM", "CREATED", "NMID", "PRODUCT", "PRICE", "ACTIONS", "COMMENT"}}
	for _, cl := range out {
		acts := make([]string, 0, len(cl.Actions))
		for _, a := range cl.Actions {
			acts = append(acts, string(a))
		}
		rows = append(rows, []string{cl.ID, day(cl.Dt), strconv.FormatInt(cl.NmID, 10), cl.ImtName,
			strconv.FormatFloat(cl.Price, 'f', -1, 64), strings.Join(acts, ","), cl.UserComment})
	}
	return rows
}

// nonNil makes an empty result print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
