package panes

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The list's width on the two screens the issue measured: a whole
// 80-column screen, and the list column of a 120-column one (the Split
// gives the list half of it by default; TestListWidthsMeasured checks
// that).
var rowWidths = []struct {
	screen, list int
}{{80, 80}, {120, 60}}

// rowCells checks a row is exactly width cells and returns it unstyled.
func rowCells(t *testing.T, what, row string, width int) string {
	t.Helper()
	plain := ansi.Strip(row)
	if w := ansi.StringWidth(plain); w != width {
		t.Errorf("%s: %d cells, want %d: %q", what, w, width, plain)
	}
	return plain
}

// prefixCells is the start of s, at most n cells, uncut graphemes.
func prefixCells(s string, n int) string { return ansi.Truncate(s, n, "") }

// TestListWidthsMeasured: at 120 columns the list column is the 60 cells
// the row tests below use.
func TestListWidthsMeasured(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	for _, w := range rowWidths {
		p := rcReturns(t, d, i18n.RU, w.screen, 40)
		first := ansi.Strip(strings.Split(p.View(), "\n")[0])
		got := w.screen
		if i := strings.Index(first, "│"); i >= 0 {
			got = ansi.StringWidth(first[:i])
		}
		if got != w.list {
			t.Errorf("%d columns: the list is %d cells wide, the tests assume %d", w.screen, got, w.list)
		}
	}
}

// TestRowsNeverCutMoney: at 80 and 120 columns, in both languages, every
// returns and claims row of the sandbox shows its whole amount (it showed
// "4 1" for "4 180 ₽" at 120 columns in Russian); the status gives way.
func TestRowsNeverCutMoney(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	st := rcEnv(i18n.RU).Styles
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, w := range rowWidths {
			rp := rcReturns(t, d, lang, w.screen, 40)
			amountEnd := -1 // every row keeps the same columns, whatever its text
			for _, it := range rp.Items() {
				row := rowCells(t, "return "+it.id, retRow(it, "", rp.acts.marker(it.id, it.waiting), w.list, false, st), w.list)
				amount := strings.TrimSpace(it.amount)
				i := strings.Index(row, amount)
				if i < 0 {
					t.Fatalf("%s %d columns: return %s lost its amount %q: %q", lang, w.screen, it.id, amount, row)
				}
				if end := ansi.StringWidth(row[:i] + amount); amountEnd < 0 {
					amountEnd = end
				} else if end != amountEnd {
					t.Fatalf("%s %d columns: return %s's amount ends at cell %d, the first row's at %d: %q", lang, w.screen, it.id, end, amountEnd, row)
				}
				if !strings.Contains(row, strings.TrimSpace(it.dueCol)) {
					t.Fatalf("%s %d columns: return %s lost its age %q: %q", lang, w.screen, it.id, it.dueCol, row)
				}
			}
			cp := rcClaims(t, d, lang, w.screen, 40)
			for _, it := range cp.Items() {
				row := rowCells(t, "claim "+it.c.ID, claimRow(it, "  ", w.list, false, st), w.list)
				if amount := strings.TrimSpace(it.price); !strings.Contains(row, amount) {
					t.Fatalf("%s %d columns: claim %s lost its amount %q: %q", lang, w.screen, it.c.ID, amount, row)
				}
			}
		}
	}
}

// TestReturnRowGivesWayToMoney: the numbers of the issue in a row the
// width of a 120-column screen's list: the status is cut or dropped, the
// amount and the age stay.
func TestReturnRowGivesWayToMoney(t *testing.T) {
	st := rcEnv(i18n.RU).Styles
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		tr := i18n.New(lang)
		for _, v := range []float64{4180, 17760, 1234567.5} {
			r := models.YMReturn{ID: 31000889, OrderID: 7, CreationDate: models.Time{Time: rcFixedNow.Add(-50 * time.Hour)},
				UpdateDate:   models.Time{Time: rcFixedNow.Add(-time.Hour)},
				RefundStatus: "PREMODERATION_DECISION_WAITING", ReturnType: models.YMReturnTypeReturn,
				Amount: &models.YMAmount{Value: v, CurrencyID: models.YMRouble},
				Items:  []models.YMReturnItem{{ShopSku: "CHEHOL-IP15", Count: 1}, {ShopSku: "KREM-RUK-75", Count: 1}}}
			it := newRetItem(r, tr, rcFixedNow)
			for _, w := range rowWidths {
				row := rowCells(t, "return", retRow(it, "", "● ", w.list, false, st), w.list)
				if money := moneyShort(v, "RUR", tr); !strings.Contains(row, money) {
					t.Errorf("%s %d columns: %q lacks %q", lang, w.screen, row, money)
				}
				if age := tr.Get("due.ago", tr.Get("inbox.d", 2)); !strings.Contains(row, age) {
					t.Errorf("%s %d columns: %q lacks the age %q", lang, w.screen, row, age)
				}
				if !strings.Contains(row, "CHEHOL") {
					t.Errorf("%s %d columns: %q lost the SKU", lang, w.screen, row)
				}
			}
		}
	}
}

// TestRowsShowTheBuyersWords: questions and feedbacks lead with the
// buyer's text (12 characters of a question showed at 120 columns, and no
// feedback text), then the product; the text is cut with an ellipsis and
// rows stay exactly as wide as the list, emoji and Cyrillic alike.
func TestRowsShowTheBuyersWords(t *testing.T) {
	st := wbTestEnv(i18n.EN).Styles
	question := "Здравствуйте! Продаёте оптом? Нужно 50 штук 👍 к пятнице, успеете отправить?"
	product := models.WBProductDetails{NmID: 152330981, ProductName: "Сковорода с антипригарным покрытием 28 см"}
	q := models.Question{ID: "q1", Text: question, CreatedDate: models.Time{Time: wbFixedNow.Add(-3 * 24 * time.Hour)}, ProductDetails: product}
	fbText := "Качество ужасное, развалилось через неделю 😡 деньги на ветер"
	f := models.Feedback{ID: "f1", Text: fbText, UserName: "Елена", ProductValuation: 1,
		CreatedDate: models.Time{Time: wbFixedNow.Add(-2 * time.Hour)}, ProductDetails: product}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		tr := i18n.New(lang)
		for _, w := range rowWidths {
			name := fmt.Sprintf("%s %d columns", lang, w.screen)
			qr := rowCells(t, name+" question", questionsRow(newQuestionRow(q, wbFixedNow, tr), w.list, false, st), w.list)
			if want := prefixCells(question, 24); !strings.Contains(qr, want) {
				t.Errorf("%s: question row %q lacks %q", name, qr, want)
			}
			if age := tr.Get("due.ago", tr.Get("inbox.d", 3)); !strings.Contains(qr, age) {
				t.Errorf("%s: question row %q lacks its age %q", name, qr, age)
			}
			if !strings.HasSuffix(strings.TrimRight(qr, " "), "…") && !strings.Contains(qr, product.ProductName) {
				t.Errorf("%s: question row cut without an ellipsis: %q", name, qr)
			}
			if i, j := strings.Index(qr, "Здравствуйте"), strings.Index(qr, "Сковорода"); j >= 0 && j < i {
				t.Errorf("%s: the product comes before the question: %q", name, qr)
			}
			fr := rowCells(t, name+" feedback", feedbacksRow(newFeedbackRow(f, wbFixedNow, tr), w.list, false, st), w.list)
			if want := prefixCells(fbText, 20); !strings.Contains(fr, want) {
				t.Errorf("%s: feedback row %q lacks %q", name, fr, want)
			}
			if left := tr.Get("inbox.d", 29); !strings.Contains(fr, left) {
				t.Errorf("%s: feedback row %q lacks the time left %q", name, fr, left)
			}
		}
	}
}

// TestClaimRowShowsTheComment: a claim's row shows the buyer's comment,
// not "Under review" repeated on every row; a decided claim says how.
func TestClaimRowShowsTheComment(t *testing.T) {
	st := rcEnv(i18n.EN).Styles
	comment := "Не работает левый наушник, прошу заменить"
	c := models.Claim{ID: "c1", Dt: models.Time{Time: rcFixedNow.Add(-13*24*time.Hour - 2*time.Hour)}, Price: 3990, CurrencyCode: "643",
		ImtName: "Наушники беспроводные TWS Pro", UserComment: comment, Actions: []models.ClaimAction{models.ClaimApprove1}}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		tr := i18n.New(lang)
		for _, w := range rowWidths {
			name := fmt.Sprintf("%s %d columns", lang, w.screen)
			row := rowCells(t, name, claimRow(newClaimItem(c, true, tr, rcFixedNow), "● ", w.list, false, st), w.list)
			if want := prefixCells(comment, 20); !strings.Contains(row, want) {
				t.Errorf("%s: %q lacks the comment %q", name, row, want)
			}
			if pending := tr.Label("wb.claim_status_short", "0"); strings.Contains(row, pending) {
				t.Errorf("%s: %q repeats %q", name, row, pending)
			}
			// 14 days from dt: 22 hours left, urgent
			if left := tr.Get("inbox.h", 22); !strings.Contains(row, left) {
				t.Errorf("%s: %q lacks the time left %q", name, row, left)
			}
			decided := c
			decided.Status = models.ClaimRejected
			if row := ansi.Strip(claimRow(newClaimItem(decided, false, tr, rcFixedNow), "  ", w.list, false, st)); !strings.Contains(row,
				"["+tr.Label("wb.claim_status_short", "1")+"] ") {
				t.Errorf("%s: a rejected claim does not say so: %q", name, row)
			}
		}
	}
}
