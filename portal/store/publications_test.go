package store

import (
	"context"
	"errors"
	"testing"
)

// TestUnpublishHidesUntilPublishedAgain: taking a publication down leaves the family nothing,
// keeps the history, and a new publication shows again.
func TestUnpublishHidesUntilPublishedAgain(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	importOne(t, s, incoming(t, "one", planJSON("C-1", "PL-1", "First words.", "")))
	importOne(t, s, incoming(t, "two", planJSON("C-1", "PL-1", "Second words.", "")))
	if err := s.Unpublish(ctx, "test", "C-1", "nothing yet"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unpublish before any publication: %v", err)
	}
	if err := s.Publish(ctx, "test", "C-1", "PL-1", 1); err != nil {
		t.Fatal(err)
	}
	published := func() int {
		t.Helper()
		_, v, err := s.PublishedDocument(ctx, "C-1")
		if errors.Is(err, ErrNotFound) {
			return 0
		}
		if err != nil {
			t.Fatal(err)
		}
		return v.Version
	}
	if got := published(); got != 1 {
		t.Fatalf("published version %d, want 1", got)
	}
	if err := s.Unpublish(ctx, "test", "C-1", "wrong family address"); err != nil {
		t.Fatal(err)
	}
	if got := published(); got != 0 {
		t.Errorf("after unpublishing, the family sees version %d", got)
	}
	if err := s.Unpublish(ctx, "test", "C-1", "twice"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unpublish twice: %v", err)
	}
	if err := s.Publish(ctx, "test", "C-1", "PL-1", 2); err != nil {
		t.Fatal(err)
	}
	if got := published(); got != 2 {
		t.Errorf("published again: version %d, want 2", got)
	}
	trail, _ := s.AuditTrail(ctx, "child:C-1", 20)
	n := 0
	for _, e := range trail {
		if e.Action == ActionUnpublish && e.Detail == "wrong family address" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d unpublications in the audit trail, want 1", n)
	}
}
