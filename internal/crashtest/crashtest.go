// Package crashtest checks that Triada loses no acknowledged response when
// its process dies: it starts "triada serve" on the embedded store, puts it
// under load, kills it with SIGKILL mid-load, restarts it, and compares
// what was acknowledged with what is stored. Its test runs a short version
// in "go test ./..."; "triada-load crash" runs a long one.
package crashtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/triada-kpss/triada/internal/loadgen"
	"github.com/triada-kpss/triada/store/sqlite"
)

// Config is one crash run.
type Config struct {
	Binary  string // the triada program
	DataDir string // its TRIADA_DATA_DIR, empty or absent at first
	Rounds  int    // how many times to kill -9 it under load and restart it
	Clients int    // concurrent clients of the load
	// Each round's load runs for a random time from LoadMin to LoadMax
	// (and until a response was acknowledged) before the kill.
	LoadMin, LoadMax time.Duration
	// Logf, when set, receives a line per step.
	Logf func(format string, args ...any)
}

// Report is what a crash run found.
type Report struct {
	Rounds    int
	Attempted int      // requests sent (acknowledged, refused, or cut off by the kill)
	Acked     int      // answered 201 with an id
	Stored    int      // responses in the database at the end
	Missing   []string // acknowledged ids not found in the database
}

// OK reports whether every acknowledged response is stored and nothing
// beyond what was sent.
func (r *Report) OK() bool {
	return len(r.Missing) == 0 && r.Stored >= r.Acked && r.Stored <= r.Attempted
}

func (r *Report) String() string {
	s := fmt.Sprintf("%d kill -9 rounds: %d requests sent, %d acknowledged, %d stored, %d acknowledged but missing",
		r.Rounds, r.Attempted, r.Acked, r.Stored, len(r.Missing))
	if len(r.Missing) > 0 {
		s += fmt.Sprintf(" (first: %s)", r.Missing[0])
	}
	return s
}

// questionnaire is the id the load answers.
const questionnaire = "crash-test"

// Run carries out the crash run c describes. It returns an error when the
// run could not be carried out; what it found is in the Report.
func Run(ctx context.Context, c Config) (*Report, error) {
	if c.Binary == "" || c.DataDir == "" || c.Rounds < 1 || c.Clients < 1 || c.LoadMax < c.LoadMin {
		return nil, errors.New("crashtest: incomplete configuration")
	}
	logf := c.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	env := serverEnv(c.DataDir)
	const email = "crash@triada.test"
	if _, err := runCLI(ctx, c.Binary, env, "crash test password\n", "user", "add", "--email", email, "--role", "coordinator"); err != nil {
		return nil, err
	}
	out, err := runCLI(ctx, c.Binary, env, "", "token", "create", "--email", email)
	if err != nil {
		return nil, err
	}
	token := strings.TrimSpace(out)

	srv, err := startServer(ctx, c.Binary, env)
	if err != nil {
		return nil, err
	}
	defer func() {
		if srv != nil {
			srv.kill()
		}
	}()
	client := loadgen.NewHTTPClient(c.Clients, 10*time.Second)
	api := &loadgen.API{Base: srv.url, Token: token, Client: client}
	if err := api.CreateQuestionnaire(ctx, loadgen.SurveyJSON(questionnaire, 110)); err != nil {
		return nil, err
	}
	bodies, err := loadgen.NewGenerator(loadgen.Survey(questionnaire, 110), rand.Uint64()).Bodies(500)
	if err != nil {
		return nil, err
	}

	rep := &Report{}
	var mu sync.Mutex
	var acked []string
	onAck := func(id string) {
		mu.Lock()
		acked = append(acked, id)
		mu.Unlock()
	}
	ackedSoFar := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(acked)
	}
	for round := 1; round <= c.Rounds; round++ {
		// Load, and kill -9 the server in the middle of it.
		before := ackedSoFar()
		target := loadgen.NewAPITarget(client, api.ResponsesURL(questionnaire), bodies, false)
		loadCtx, stopLoad := context.WithCancel(ctx)
		done := make(chan *loadgen.Result, 1)
		go func() { done <- loadgen.Run(loadCtx, target, loadgen.Options{Clients: c.Clients, OnAck: onAck}) }()
		wait := c.LoadMin + rand.N(c.LoadMax-c.LoadMin+1)
		deadline := time.Now().Add(wait)
		for time.Now().Before(deadline) || ackedSoFar() == before {
			if time.Since(deadline) > 10*time.Second || ctx.Err() != nil {
				stopLoad()
				<-done
				return nil, fmt.Errorf("crashtest: round %d: no response acknowledged in %s of load (%w)", round, wait+10*time.Second, context.Cause(ctx))
			}
			time.Sleep(5 * time.Millisecond)
		}
		srv.kill()
		stopLoad()
		res := <-done
		client.CloseIdleConnections()
		rep.Rounds, rep.Attempted = round, rep.Attempted+res.Attempted
		logf("round %d: killed the server (kill -9) after %s of load: %d sent, %d acknowledged, %d cut off or refused",
			round, wait.Round(time.Millisecond), res.Attempted, res.Acked, res.Failed())

		// Restart it and count.
		if srv, err = startServer(ctx, c.Binary, env); err != nil {
			return nil, fmt.Errorf("crashtest: restart after round %d: %w", round, err)
		}
		api.Base = srv.url
		total, err := api.ResultsTotal(ctx, questionnaire)
		if err != nil {
			return nil, err
		}
		rep.Acked, rep.Stored = ackedSoFar(), total
		logf("round %d: restarted; results total %d (acknowledged so far %d, sent %d)", round, total, rep.Acked, rep.Attempted)
		if !rep.OK() {
			break
		}
	}

	// Stop the server cleanly, then look every acknowledged id up.
	if err := srv.stop(); err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(c.DataDir, "triada.db")) // cmd/triada's file in TRIADA_DATA_DIR
	if err != nil {
		return nil, err
	}
	defer st.Close()
	for _, id := range acked {
		if _, err := st.FindResponse(ctx, id); err != nil {
			rep.Missing = append(rep.Missing, id)
		}
	}
	logf("looked up %d acknowledged ids in the database: %d missing", len(acked), len(rep.Missing))
	return rep, nil
}

// serverEnv is this process's environment without TRIADA_* variables,
// with the data folder set and the server on a free loopback port.
func serverEnv(dataDir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TRIADA_") {
			env = append(env, kv)
		}
	}
	return append(env, "TRIADA_DATA_DIR="+dataDir, "TRIADA_ADDR=127.0.0.1:0", "TRIADA_LOG_FORMAT=text", "TRIADA_LOG_LEVEL=info")
}

// runCLI runs a triada command with stdin and returns its standard output.
func runCLI(ctx context.Context, bin string, env []string, stdin string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("crashtest: triada %s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out), nil
}

// server is a running "triada serve".
type server struct {
	cmd    *exec.Cmd
	url    string
	exited chan struct{} // closed when the process has ended and its logs are read
	err    error         // Wait's error, once exited is closed
}

var listening = regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)/`)

// startServer starts "triada serve" and waits until it logs the address
// it listens on.
func startServer(ctx context.Context, bin string, env []string) (*server, error) {
	cmd := exec.Command(bin, "serve")
	cmd.Env = env
	dieWithParent(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, exited: make(chan struct{})}
	urls := make(chan string, 1)
	var tail []string // the last lines, to show when it does not start
	var tailMu sync.Mutex
	go func() {
		r := bufio.NewReader(stderr)
		for {
			line, err := r.ReadString('\n')
			if m := listening.FindStringSubmatch(line); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
			tailMu.Lock()
			if tail = append(tail, line); len(tail) > 20 {
				tail = tail[1:]
			}
			tailMu.Unlock()
			if err != nil { // io.EOF when the process ends
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		s.err = cmd.Wait()
		close(s.exited)
	}()
	select {
	case s.url = <-urls:
		return s, nil
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.kill()
	case <-ctx.Done():
		s.kill()
	}
	tailMu.Lock()
	defer tailMu.Unlock()
	return nil, fmt.Errorf("crashtest: triada serve did not start: %v\n%s", s.err, strings.Join(tail, ""))
}

// kill ends the process with SIGKILL, as a crash or the OOM killer does,
// and waits for it; it does nothing once the process has ended.
func (s *server) kill() {
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// stop ends the process with SIGTERM and waits for it to exit cleanly.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.kill()
		return errors.New("crashtest: triada serve did not stop within 30s of SIGTERM")
	}
	if s.err != nil {
		return fmt.Errorf("crashtest: triada serve after SIGTERM: %w", s.err)
	}
	return nil
}
