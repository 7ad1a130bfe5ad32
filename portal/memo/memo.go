// Package memo keeps values that never change for their key — a parsed plan version, a page
// rendered from one — so that they are worked out once. It holds at most a set number; when
// full it starts again empty, which is crude but right for a small, hot working set.
package memo

import "sync"

// Cache is a bounded map safe for concurrent use.
type Cache[K comparable, V any] struct {
	mu  sync.Mutex
	max int
	m   map[K]V
}

// New returns a cache of at most max values.
func New[K comparable, V any](max int) *Cache[K, V] {
	return &Cache[K, V]{max: max, m: make(map[K]V)}
}

// Get returns the value for key, making it with make when it is not kept yet. Errors are
// not kept.
func (c *Cache[K, V]) Get(key K, make func() (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := make()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = v
	c.mu.Unlock()
	return v, nil
}
