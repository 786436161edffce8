package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/triada-kpss/triada/internal/crashtest"
)

// crashCommand is "triada-load crash": the long version of
// internal/crashtest's TestKill9.
func crashCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("triada-load crash", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("binary", "", `the triada program (default: built from this module with "go build")`)
	dataDir := fs.String("data-dir", "", "the server's data folder, empty or absent (default: a temporary folder, removed after a successful run)")
	rounds := fs.Int("rounds", 10, "how many times to kill -9 the server under load and restart it")
	clients := fs.Int("clients", 32, "concurrent clients")
	loadMin := fs.Duration("load-min", time.Second, "shortest load before a kill")
	loadMax := fs.Duration("load-max", 5*time.Second, "longest load before a kill")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rounds < 1 || *clients < 1 || *loadMin <= 0 || *loadMax < *loadMin {
		fmt.Fprintln(stderr, "triada-load crash: -rounds and -clients must be at least 1, and 0 < -load-min ≤ -load-max")
		return errUsage
	}
	tmp, err := os.MkdirTemp("", "triada-crash-")
	if err != nil {
		return err
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(tmp)
		}
	}()
	if *bin == "" {
		*bin = filepath.Join(tmp, "triada")
		fmt.Fprintln(stdout, "building cmd/triada")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", *bin, "github.com/triada-kpss/triada/cmd/triada")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %w\n%s", err, out)
		}
	}
	if *dataDir == "" {
		*dataDir = filepath.Join(tmp, "data")
	}
	rep, err := crashtest.Run(ctx, crashtest.Config{
		Binary: *bin, DataDir: *dataDir, Rounds: *rounds, Clients: *clients, LoadMin: *loadMin, LoadMax: *loadMax,
		Logf: func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) },
	})
	if err != nil {
		return err
	}
	if !rep.OK() {
		keep = true
		fmt.Fprintf(stdout, "FAILED: %v\nthe database is kept in %s\n", rep, *dataDir)
		return errFailed
	}
	fmt.Fprintf(stdout, "OK: %v\n", rep)
	return nil
}
