package memo

import (
	"errors"
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	c := New[int, string](2)
	calls := 0
	get := func(k int) string {
		v, _ := c.Get(k, func() (string, error) { calls++; return string(rune('a' + k)), nil })
		return v
	}
	if get(0) != "a" || get(0) != "a" || calls != 1 {
		t.Errorf("a kept value was made again (%d calls)", calls)
	}
	get(1)
	get(2) // full: starts again
	if get(0); calls != 4 {
		t.Errorf("calls = %d, want 4 after the cache filled", calls)
	}
	if _, err := c.Get(9, func() (string, error) { return "", errors.New("no") }); err == nil {
		t.Error("error lost")
	}
	if _, err := c.Get(9, func() (string, error) { return "ok", nil }); err != nil {
		t.Error("an error was kept")
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() { defer wg.Done(); get(i % 3) }()
	}
	wg.Wait()
}
