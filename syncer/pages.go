package syncer

import (
	"context"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
)

// Page sources: one page of one kind from its marketplace. They are the
// only place where items are listed from the marketplaces: the Syncer
// reads through them, and so does `sellerinbox list`.

// Page is one page of items and where the next one starts.
type Page[T any] struct {
	Items []T
	// Next is what the query's After takes to read the following page;
	// "" after the last page.
	Next string
	// Unanswered and Answered are the seller's totals over all dates
	// (questions and feedbacks); Total is the list's size (claims); -1
	// when the page does not say.
	Unanswered, Answered, Total int
}

// FQQuery selects a page of questions or feedbacks, newest first.
type FQQuery struct {
	Answered bool
	// Archive reads the feedback archive (feedbacks only; no dates).
	Archive bool
	Take    int       // 0: the largest page the API gives
	After   string    // a previous page's Next: how many to skip
	From    time.Time // creation date bounds; zero is open
	To      time.Time
}

func skipOf(after string) int {
	n, _ := strconv.Atoi(after)
	return max(n, 0)
}

// nextSkip is the next page's After when the page was full and the API
// allows skipping past it.
func nextSkip(skip, got, take, maxSkip int) string {
	if got < take || skip+got > maxSkip {
		return ""
	}
	return strconv.Itoa(skip + got)
}

// Questions reads one page of questions.
func Questions(ctx context.Context, c *wb.Client, q FQQuery) (Page[models.Question], error) {
	skip := skipOf(q.After)
	take := q.Take
	if take <= 0 {
		take = wb.MaxQuestionsWindow
	}
	take = min(take, wb.MaxQuestionsWindow-skip)
	if take <= 0 {
		return Page[models.Question]{Total: -1}, nil
	}
	p, err := c.Questions(ctx, wb.QuestionsQuery{IsAnswered: q.Answered, Take: take, Skip: skip,
		Order: wb.DateDesc, DateFrom: q.From, DateTo: q.To})
	if err != nil {
		return Page[models.Question]{}, err
	}
	return Page[models.Question]{Items: p.Questions, Next: nextSkip(skip, len(p.Questions), take, wb.MaxQuestionsWindow-1),
		Unanswered: p.CountUnanswered, Answered: p.CountArchive, Total: -1}, nil
}

// Feedbacks reads one page of feedbacks (or of the archive).
func Feedbacks(ctx context.Context, c *wb.Client, q FQQuery) (Page[models.Feedback], error) {
	skip := skipOf(q.After)
	take := q.Take
	if take <= 0 {
		take = wb.MaxFeedbacksTake
	}
	if q.Archive {
		fs, err := c.FeedbacksArchive(ctx, wb.ArchiveQuery{Take: take, Skip: skip, Order: wb.DateDesc})
		if err != nil {
			return Page[models.Feedback]{}, err
		}
		return Page[models.Feedback]{Items: fs, Next: nextSkip(skip, len(fs), take, wb.MaxFeedbacksSkip),
			Unanswered: -1, Answered: -1, Total: -1}, nil
	}
	p, err := c.Feedbacks(ctx, wb.FeedbacksQuery{IsAnswered: q.Answered, Take: take, Skip: skip,
		Order: wb.DateDesc, DateFrom: q.From, DateTo: q.To})
	if err != nil {
		return Page[models.Feedback]{}, err
	}
	return Page[models.Feedback]{Items: p.Feedbacks, Next: nextSkip(skip, len(p.Feedbacks), take, wb.MaxFeedbacksSkip),
		Unanswered: p.CountUnanswered, Answered: p.CountArchive, Total: -1}, nil
}

// Claims reads one page of the active (archive false) or archived claims
// with the largest page; After is an offset.
func Claims(ctx context.Context, c *wb.Client, archive bool, after string) (Page[models.Claim], error) {
	off := skipOf(after)
	p, err := c.Claims(ctx, wb.ClaimsQuery{IsArchive: archive, Limit: wb.ClaimsMaxLimit, Offset: off})
	if err != nil {
		return Page[models.Claim]{}, err
	}
	next := ""
	if read := off + len(p.Claims); len(p.Claims) == wb.ClaimsMaxLimit && read < p.Total {
		next = strconv.Itoa(read)
	}
	return Page[models.Claim]{Items: p.Claims, Next: next, Unanswered: -1, Answered: -1, Total: p.Total}, nil
}

// Returns reads one page of YM returns updated since from (zero: all);
// After is a page token.
func Returns(ctx context.Context, c *ym.Client, from time.Time, after string) (Page[models.YMReturn], error) {
	p, err := c.GetReturns(ctx, ym.ReturnsQuery{Limit: ym.MaxReturnsLimit, PageToken: after, FromDate: from})
	if err != nil {
		return Page[models.YMReturn]{}, err
	}
	next := p.NextPageToken
	if next == after {
		next = "" // the same token again would loop forever
	}
	return Page[models.YMReturn]{Items: p.Returns, Next: next, Unanswered: -1, Answered: -1, Total: -1}, nil
}

// Chats reads the chat list, which comes whole in one page. A partial
// list (the answer's "errors") comes with its error.
func Chats(ctx context.Context, c *wb.Client) (Page[models.Chat], error) {
	cs, err := c.Chats(ctx)
	return Page[models.Chat]{Items: cs, Unanswered: -1, Answered: -1, Total: -1}, err
}

// ChatEvents reads one page of the events feed after the cursor (Unix ms,
// 0 from the oldest the feed keeps). Next is "" at the feed's end; Cursor
// is where to read from later either way.
func ChatEvents(ctx context.Context, c *wb.Client, cursor int64) (EventsPage, error) {
	p, err := c.Events(ctx, cursor)
	return EventsPage{Page: Page[models.ChatEvent]{Items: p.Events, Unanswered: -1, Answered: -1, Total: -1},
		Cursor: p.Next, Done: p.Done()}, err
}

// EventsPage is a page of the chat events feed.
type EventsPage struct {
	Page[models.ChatEvent]
	Cursor int64 // where the next read starts
	Done   bool  // the feed has nothing newer
}
