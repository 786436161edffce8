package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/store/sqlite"
	"github.com/triada-kpss/triada/store/storetest"
)

// mustOpen opens a fresh store in a temporary folder, closed at cleanup.
func mustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "data", "triada.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Error(err)
		}
	})
	return st
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) engine.Store { return mustOpen(t) })
}

func BenchmarkCountAnswers(b *testing.B) {
	storetest.BenchmarkCountAnswers(b, func(tb testing.TB) engine.Store { return mustOpen(tb) })
}

func BenchmarkCreateResponse(b *testing.B) {
	storetest.BenchmarkCreateResponse(b, func(tb testing.TB) engine.Store { return mustOpen(tb) })
}
