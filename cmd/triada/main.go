// Command triada serves Triada, the survey and public consultation engine
// for community planning of social services, and manages it from the
// command line. Run "triada help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/triada-kpss/triada/engine"
)

// version is set at build time: go build -ldflags "-X main.version=v1.0.0".
var version string

// Exit codes.
const (
	exitOK       = 0
	exitFailure  = 1 // the command failed; forms check found problems
	exitUsage    = 2 // the command line, the configuration or the input is wrong
	exitNotFound = 3 // what the command names does not exist
	exitConflict = 4 // it exists already, or is in the wrong state
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the program at once
	}()
	os.Exit(Execute(ctx, os.Args[1:], Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}

// Env is what a command reads and writes besides its arguments.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// Execute runs the command that args name and returns its exit code.
// Errors are written to env.Stderr as one clear message, never a trace.
func Execute(ctx context.Context, args []string, env Env) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(env.Stderr, "triada: internal error (please report it): %v\n", p)
			code = exitFailure
		}
	}()
	if len(args) == 0 {
		printUsage(env.Stderr)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		err = serve(ctx, rest, env)
	case "user":
		err = subcommand(ctx, "user", rest, env, map[string]command{"add": userAdd})
	case "token":
		err = subcommand(ctx, "token", rest, env, map[string]command{"create": tokenCreate})
	case "forms":
		err = subcommand(ctx, "forms", rest, env, map[string]command{"check": formsCheck})
	case "invite":
		err = subcommand(ctx, "invite", rest, env, map[string]command{"create": inviteCreate})
	case "demo":
		err = demoLoad(ctx, rest, env)
	case "backup":
		err = backup(ctx, rest, env)
	case "export":
		err = exportResponses(ctx, rest, env)
	case "version", "--version", "-version":
		fmt.Fprintln(env.Stdout, versionString())
	case "help", "-h", "-help", "--help":
		err = help(rest, env)
	default:
		err = usageErrorf("unknown command %q", cmd)
	}
	return report(env.Stderr, err)
}

// command is one subcommand.
type command func(ctx context.Context, args []string, env Env) error

// subcommand runs the command of group named by args[0].
func subcommand(ctx context.Context, group string, args []string, env Env, cmds map[string]command) error {
	if len(args) == 0 {
		return usageErrorf("%q needs a subcommand; run: triada help %s", group, group)
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		return usageErrorf("unknown command %q; run: triada help %s", group+" "+args[0], group)
	}
	return cmd(ctx, args[1:], env)
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errShown is a usage error the flag package has written already.
var errShown = errors.New("usage shown")

// errFailed ends a command that has reported its findings (forms check).
var errFailed = errors.New("failed")

// report writes err for a person and returns the exit code it means.
func report(w io.Writer, err error) int {
	var ue *usageError
	var ee *engine.Error
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errShown):
		return exitUsage
	case errors.Is(err, errFailed):
		return exitFailure
	case errors.As(err, &ue):
		// One line per problem (Validate joins them).
		fmt.Fprintf(w, "triada: %s\n", strings.ReplaceAll(ue.msg, "\n", "\ntriada: "))
		return exitUsage
	case errors.As(err, &ee):
		fmt.Fprintf(w, "triada: %s\n", ee.Message)
		for _, f := range ee.Fields {
			fmt.Fprintf(w, "  %s: %s\n", f.Field, f.Message)
		}
	default:
		fmt.Fprintf(w, "triada: %v\n", err)
	}
	switch engine.ErrorCode(err) {
	case engine.EINVALID:
		return exitUsage
	case engine.ENOTFOUND:
		return exitNotFound
	case engine.ECONFLICT:
		return exitConflict
	}
	return exitFailure
}

// newFlagSet returns a flag set for a command that reports its own usage.
func newFlagSet(name string, env Env, usage func(io.Writer)) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { usage(env.Stderr) }
	return fs
}

// parseFlags parses args with fs and turns the flag package's errors into
// errShown (it has printed them) and extra arguments into a usage error.
func parseFlags(fs *flag.FlagSet, args []string, positional bool) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errShown
	}
	if !positional && fs.NArg() > 0 {
		return usageErrorf("unexpected argument %q; run: triada help %s", fs.Arg(0), fs.Name())
	}
	return nil
}

// loadConfig reads the environment, then the flags of the scope and the
// command's own (added by the caller to fs), and validates the result.
func loadConfig(fs *flag.FlagSet, args []string, scope optionScope, env Env) (Config, error) {
	cfg, err := LoadConfig(env.Getenv)
	if err != nil {
		return cfg, &usageError{err.Error()}
	}
	cfg.registerFlags(fs, scope)
	if err := parseFlags(fs, args, false); err != nil {
		return cfg, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, &usageError{err.Error()}
	}
	return cfg, nil
}

// serve runs the web app and the API until SIGINT or SIGTERM.
func serve(ctx context.Context, args []string, env Env) error {
	fs := newFlagSet("serve", env, serveUsage)
	cfg, err := loadConfig(fs, args, scopeServe, env)
	if err != nil {
		return err
	}
	logger := newLogger(env.Stderr, cfg)
	logger.Info("starting Triada", "version", versionString(), "config", cfg)
	m := NewMain(cfg, logger)
	if err := m.Run(ctx); err != nil {
		_ = m.Close()
		return err
	}
	select {
	case <-ctx.Done():
		logger.Info("stopping: finishing the requests in flight", "timeout", cfg.ShutdownTimeout.String())
	case err := <-m.Err():
		_ = m.Close()
		return fmt.Errorf("the server stopped: %w", err)
	}
	if err := m.Close(); err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
}

// versionString names the build: the version set at build time, else the
// module's, with the commit when the build recorded one.
func versionString() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok {
		v = info.Main.Version
	}
	if ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return fmt.Sprintf("triada %s %s", v, runtime.Version())
}
