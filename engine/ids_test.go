package engine_test

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// Response ids made later sort after earlier ones (so that the store's
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
	// Within one millisecond the order is random; across the sleeps it is
	// the order of making.
	for i := 100; i < len(ids); i += 100 {
		if ids[i-100] >= ids[i] {
			t.Fatalf("id %q made after %q sorts before it", ids[i], ids[i-100])
		}
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	if sorted[0][:9] != ids[0][:9] {
		t.Fatalf("the smallest id %q does not begin with the first millisecond's prefix of %q", sorted[0], ids[0])
	}
}
