package crashtest_test

import (
	"context"
	"flag"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/triada-kpss/triada/internal/crashtest"
)

// The defaults keep the test under a minute; docs/performance.md gives
// the long run ("triada-load crash").
var (
	rounds  = flag.Int("crash.rounds", 2, "kill -9 rounds")
	clients = flag.Int("crash.clients", 8, "concurrent clients")
	load    = flag.Duration("crash.load", time.Second, "longest load before each kill")
)

// MustBuild compiles cmd/triada into a temporary folder.
func MustBuild(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "triada")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/triada-kpss/triada/cmd/triada")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKill9 starts "triada serve", kills it with SIGKILL under load from
// several clients, restarts it, and wants every acknowledged response
// stored, and no more than were sent.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server; skipped with -short")
	}
	bin := MustBuild(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second+time.Duration(*rounds)*(*load+5*time.Second))
	defer cancel()
	rep, err := crashtest.Run(ctx, crashtest.Config{
		Binary: bin, DataDir: t.TempDir(), Rounds: *rounds, Clients: *clients,
		LoadMin: *load / 4, LoadMax: *load, Logf: t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep)
	if !rep.OK() {
		t.Errorf("lost or invented responses: %v", rep)
	}
	if rep.Acked == 0 {
		t.Error("no response was acknowledged: the load did not run")
	}
}
