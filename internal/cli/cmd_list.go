package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// listPanes are the panes `sellerinbox list` knows.
var listPanes = []string{"returns", "questions", "feedbacks", "chats", "claims"}

type listFlags struct {
	json, answered, archive bool
	profile                 string
	timeout                 time.Duration
}

// defaultListTimeout bounds a whole `list` run: a server that trickles its
// answer must not keep a script waiting for minutes.
const defaultListTimeout = 60 * time.Second

// runList prints one pane without the TUI: for scripts, and as an
// end-to-end exercise of the API layer.
func runList(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var f listFlags
	fs.BoolVar(&f.json, "json", false, "print one JSON array of the pane's models (times in RFC 3339)")
	fs.BoolVar(&f.answered, "answered", false, "what was answered or decided instead of what needs action")
	fs.BoolVar(&f.archive, "archive", false, "the archive (feedbacks, claims; all returns)")
	fs.StringVar(&f.profile, "profile", "", "profile to use")
	fs.DurationVar(&f.timeout, "timeout", defaultListTimeout, "give up after this long (e.g. 30s, 5m)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: sellerinbox list <%s> [--json] [--answered] [--archive]\n", strings.Join(listPanes, "|"))
		fs.PrintDefaults()
	}
	// The pane may stand before or after the flags.
	var pane string
	rest := args
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		pane, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	if pane == "" && fs.NArg() > 0 {
		pane = fs.Arg(0)
	}
	if !slices.Contains(listPanes, pane) {
		fs.Usage()
		return 2
	}
	if f.timeout <= 0 {
		fmt.Fprintln(env.Stderr, "sellerinbox list: --timeout must be positive")
		return 2
	}
	if f.answered && f.archive {
		fmt.Fprintln(env.Stderr, "sellerinbox list: --answered and --archive do not go together")
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	s, err := openSession(ctx, env, app.Options{Profile: f.profile})
	if err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox list: %s\n", safe.Line(err.Error()))
		return 1
	}
	defer s.Close()
	items, rows, err := fetchPane(ctx, s, pane, f)
	if err != nil {
		msg := safe.Line(err.Error())
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = fmt.Sprintf("gave up after %s (change with --timeout): %s", f.timeout, msg)
		}
		fmt.Fprintf(env.Stderr, "sellerinbox list %s: %s\n", pane, msg)
		return 1
	}
	if f.json {
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
func fetchPane(ctx context.Context, s *app.Session, pane string, f listFlags) (any, [][]string, error) {
	if pane == "returns" {
		if s.YM() == nil {
			return nil, nil, errNoYM
		}
		return listReturns(ctx, s.YM(), f)
	}
	if s.WB() == nil {
		return nil, nil, errNoWB
	}
	switch pane {
	case "questions":
		return listQuestions(ctx, s.WB(), f)
	case "feedbacks":
		return listFeedbacks(ctx, s.WB(), f)
	case "chats":
		return listChats(ctx, s.WB(), f)
	default:
		return listClaims(ctx, s.WB(), f)
	}
}

func day(t models.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Moscow).Format("2006-01-02 15:04")
}

func listReturns(ctx context.Context, c *ym.Client, f listFlags) (any, [][]string, error) {
	all, err := c.AllReturns(ctx, ym.ReturnsQuery{Limit: ym.MaxReturnsLimit})
	if err != nil {
		return nil, nil, err
	}
	out := make([]models.YMReturn, 0, len(all))
	for _, r := range all {
		switch {
		case f.archive:
			out = append(out, r)
		case f.answered && !r.AwaitsDecision():
			out = append(out, r)
		case !f.answered && r.AwaitsDecision():
			out = append(out, r)
		}
	}
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
	return out, rows, nil
}

func listQuestions(ctx context.Context, c *wb.Client, f listFlags) (any, [][]string, error) {
	if f.archive {
		return nil, nil, errors.New("questions have no archive; use --answered")
	}
	const take = 1000
	var out []models.Question
	for skip := 0; skip+take <= wb.MaxQuestionsWindow; skip += take {
		page, err := c.Questions(ctx, wb.QuestionsQuery{IsAnswered: f.answered, Take: take, Skip: skip})
		if err != nil {
			return nil, nil, err
		}
		out = append(out, page.Questions...)
		if len(page.Questions) < take {
			break
		}
	}
	rows := [][]string{{"ID", "CREATED", "NMID", "PRODUCT", "QUESTION"}}
	for _, q := range out {
		rows = append(rows, []string{q.ID, day(q.CreatedDate), strconv.FormatInt(q.ProductDetails.NmID, 10), q.ProductDetails.ProductName, q.Text})
	}
	return nonNil(out), rows, nil
}

func listFeedbacks(ctx context.Context, c *wb.Client, f listFlags) (any, [][]string, error) {
	take := wb.MaxFeedbacksTake
	var out []models.Feedback
	for skip := 0; skip <= wb.MaxFeedbacksSkip; skip += take {
		var page []models.Feedback
		if f.archive {
			p, err := c.FeedbacksArchive(ctx, wb.ArchiveQuery{Take: take, Skip: skip})
			if err != nil {
				return nil, nil, err
			}
			page = p
		} else {
			p, err := c.Feedbacks(ctx, wb.FeedbacksQuery{IsAnswered: f.answered, Take: take, Skip: skip})
			if err != nil {
				return nil, nil, err
			}
			page = p.Feedbacks
		}
		out = append(out, page...)
		if len(page) < take {
			break
		}
	}
	rows := [][]string{{"ID", "CREATED", "RATING", "BUYER", "PRODUCT", "TEXT"}}
	for _, fb := range out {
		rows = append(rows, []string{fb.ID, day(fb.CreatedDate), strings.Repeat("★", max(0, min(5, fb.ProductValuation))),
			fb.UserName, fb.ProductDetails.ProductName, fb.Text})
	}
	return nonNil(out), rows, nil
}

// listChats decides "needs an answer" from the events feed, and never
// hides a chat the feed cannot vouch for: one whose last message is newer
// than its events (or has none), or whose last sender is unknown, is
// listed as needing a look, with the reason.
func listChats(ctx context.Context, c *wb.Client, f listFlags) (any, [][]string, error) {
	chats, err := c.Chats(ctx)
	if err != nil {
		return nil, nil, err
	}
	events, _, err := c.AllEvents(ctx, 0)
	if err != nil {
		return nil, nil, err
	}
	byChat := map[string][]models.ChatEvent{}
	for _, e := range events {
		byChat[e.ChatID] = append(byChat[e.ChatID], e)
	}
	out := make([]models.Chat, 0, len(chats))
	looks := make([]models.ChatLook, 0, len(chats))
	for _, ch := range chats {
		look := models.ChatNeedsLook(ch, byChat[ch.ChatID])
		if f.archive || look.NeedsLook() != f.answered {
			out = append(out, ch)
			looks = append(looks, look)
		}
	}
	rows := [][]string{{"CHAT", "LAST", "BUYER", "WHY", "LAST MESSAGE"}}
	for i, ch := range out {
		when, text := "", ""
		if ch.LastMessage != nil {
			when = ch.LastMessage.AddTimestamp.Time().In(models.Moscow).Format(time.DateTime)
			text = ch.LastMessage.Text
		}
		rows = append(rows, []string{ch.ChatID, when, ch.ClientName, chatLookReason(looks[i]), text})
	}
	return out, rows, nil
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

func listClaims(ctx context.Context, c *wb.Client, f listFlags) (any, [][]string, error) {
	out, err := c.AllClaims(ctx, f.archive || f.answered)
	if err != nil {
		return nil, nil, err
	}
	rows := [][]string{{"CLAIM", "CREATED", "NMID", "PRODUCT", "PRICE", "ACTIONS", "COMMENT"}}
	for _, cl := range out {
		acts := make([]string, 0, len(cl.Actions))
		for _, a := range cl.Actions {
			acts = append(acts, string(a))
		}
		rows = append(rows, []string{cl.ID, day(cl.Dt), strconv.FormatInt(cl.NmID, 10), cl.ImtName,
			strconv.FormatFloat(cl.Price, 'f', -1, 64), strings.Join(acts, ","), cl.UserComment})
	}
	return nonNil(out), rows, nil
}

// nonNil makes an empty result print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
