package engine_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/store/sqlite"
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// fixture is an engine over a fresh SQLite store with a coordinator, a
// member and an admin.
type fixture struct {
	*engine.Engine
	clock                      *clock
	admin, coordinator, member *engine.User
}

func mustOpen(tb testing.TB) *fixture {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "triada.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	clk := &clock{now: time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC)}
	f := &fixture{Engine: engine.New(st, engine.Options{Now: clk.Now}), clock: clk}
	f.admin = f.mustUser(tb, "admin@example.cz", engine.RoleAdmin)
	f.coordinator = f.mustUser(tb, "coordinator@example.cz", engine.RoleCoordinator)
	f.member = f.mustUser(tb, "member@example.cz", engine.RoleMember)
	return f
}

func (f *fixture) mustUser(tb testing.TB, email string, role engine.Role) *engine.User {
	tb.Helper()
	u, err := f.AddUser(context.Background(), email, role, "", "correct horse battery")
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// wantCode fails unless err carries the engine error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := engine.ErrorCode(err); got != code {
		tb.Fatalf("error code: got %q (%v), want %q", got, err, code)
	}
}

func mustNil(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
