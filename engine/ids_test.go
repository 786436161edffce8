package engine_test

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// Response ids made later sort after earlier ones, even within one
// millisecond, (so that the store's
// index grows at its end) and are still unique and URL-safe.
func TestNewResponseIDSortsByTime(t *testing.T) {
	valid := regexp.MustCompile(`^[2-7a-z]{26}$`)
	var ids []string
	seen := map[string]bool{}
	for range 5 {
		for range 100 {
			id := engine.NewResponseID()
			if !valid.MatchString(id) {
				t.Fatalf("id %q is not 26 characters of [2-7a-z]", id)
			}
			if seen[id] {
				t.Fatalf("id %q made twice", id)
			}
			seen[id] = true
			ids = append(ids, id)
		}
		time.Sleep(2 * time.Millisecond)
	}
	// Even within one millisecond, every id sorts after the one made
	// before it.
	if !slices.IsSorted(ids) {
		for i := 1; i < len(ids); i++ {
			if ids[i-1] >= ids[i] {
				t.Fatalf("id %q made after %q sorts before it", ids[i], ids[i-1])
			}
		}
	}
}
