// Command triada-load puts a running Triada server under load through its
// JSON API and reports throughput and latency against a baseline: the same
// requests to a minimal Gin handler that only decodes them. It then checks
// that the server stored exactly the responses it acknowledged.
//
//	triada-load [run] [flags]   load a server (see -h)
//	triada-load crash [flags]   kill -9 a server under load, restart it, count
//	triada-load serve [flags]   serve Triada (-discard: without storing) for run
//
// docs/performance.md shows the commands and the figures measured.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(execute(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// errFailed ends a command that has reported why.
var errFailed = errors.New("failed")

// execute runs the command args name and returns the exit code: 0, 1 when
// a check failed or the load could not run, 2 for a usage error.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = runCommand(ctx, args, stdout, stderr)
	case "crash":
		err = crashCommand(ctx, args, stdout, stderr)
	case "serve":
		err = serveCommand(ctx, args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "triada-load: unknown command %q\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errFailed):
		return 1
	}
	fmt.Fprintf(stderr, "triada-load: %v\n", err)
	return 1
}

const usage = `Usage:
  triada-load [run] [flags]   submit responses to a server's JSON API as fast as it
                              takes them; compare with a minimal Gin handler;
                              check that what was acknowledged is stored
  triada-load crash [flags]   start "triada serve", kill -9 it under load, restart
                              it and check that every acknowledged response is stored
  triada-load serve [flags]   serve Triada on a new embedded database until
                              interrupted; -discard acknowledges responses without
                              storing them, for "run -discard": the server's ceiling
Run "triada-load run -h" (crash -h, serve -h) for the flags.
`

// errUsage is a usage error the flag package has reported.
var errUsage = errors.New("usage")

// parse parses args with fs, mapping its errors to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	return nil
}
