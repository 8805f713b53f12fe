package photo

import (
	"container/list"
	"sync"
)

// lru is a mutex-guarded least-recently-used map bounded by entry count and
// by a cost (bytes) budget; an entry costlier than the whole budget is not
// kept at all.
type lru[K comparable, V any] struct {
	mu       sync.Mutex
	maxCount int
	maxCost  int64
	cost     int64
	order    *list.List // front = most recent
	items    map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	key  K
	val  V
	cost int64
}

func newLRU[K comparable, V any](maxCount int, maxCost int64) *lru[K, V] {
	return &lru[K, V]{maxCount: maxCount, maxCost: maxCost, order: list.New(), items: map[K]*list.Element{}}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruEntry[K, V]).val, true
	}
	var zero V
	return zero, false
}

func (c *lru[K, V]) put(k K, v V, cost int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.remove(e)
	}
	if cost > c.maxCost || c.maxCount <= 0 {
		return
	}
	c.items[k] = c.order.PushFront(&lruEntry[K, V]{key: k, val: v, cost: cost})
	c.cost += cost
	for c.cost > c.maxCost || c.order.Len() > c.maxCount {
		c.remove(c.order.Back())
	}
}

func (c *lru[K, V]) remove(e *list.Element) {
	ent := e.Value.(*lruEntry[K, V])
	c.order.Remove(e)
	delete(c.items, ent.key)
	c.cost -= ent.cost
}

func (c *lru[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
