package ui

import (
	"fmt"
	"testing"

	"charm.land/bubbles/v2/list"
)

// stockItem adapts the benchmark's items to the stock bubbles list.
type stockItem struct{ testItem }

func (s stockItem) Title() string       { return s.Buyer + " — " + s.Product }
func (s stockItem) Description() string { return s.Text }
func (s stockItem) FilterValue() string { return s.Buyer + " " + s.Product + " " + s.Text }

// BenchmarkStockListKeypress is the reference for the README's ratio: the
// same cursor-down and render through charm.land/bubbles/v2/list with its
// defaults (dot paginator, fuzzy filter), at the same 120x40.
func BenchmarkStockListKeypress(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			src := items(n)
			li := make([]list.Item, len(src))
			for i, it := range src {
				li[i] = stockItem{it}
			}
			m := list.New(li, list.NewDefaultDelegate(), 120, 38)
			down, top := keyMsg("j"), keyMsg("g")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				msg := down
				if m.Index() == n-1 {
					msg = top
				}
				m, _ = m.Update(msg)
				_ = m.View()
			}
		})
	}
}
