package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/triada-kpss/triada/internal/loadgen"
)

// runConfig is what "triada-load run" is told.
type runConfig struct {
	url, token, questionnaire string
	consultation              string
	create                    bool
	municipalities            int
	clients                   int
	duration                  time.Duration
	count                     int
	timeout                   time.Duration
	baseline                  bool
	slice                     time.Duration
	path                      string
	idempotencyKeys           bool
	bodies                    int
	seed                      uint64
	serverPID                 int
	inProcess, discard        bool
	cpuProfile, trace         string
}

func runFlags(fs *flag.FlagSet) *runConfig {
	c := &runConfig{}
	fs.StringVar(&c.url, "url", "http://127.0.0.1:8080", "the server's address")
	fs.StringVar(&c.token, "token", os.Getenv("TRIADA_LOAD_TOKEN"), "an API token of a coordinator or admin, to create the questionnaire and count what is stored (default $TRIADA_LOAD_TOKEN)")
	fs.StringVar(&c.questionnaire, "questionnaire", "load-test", "the questionnaire to answer")
	fs.StringVar(&c.consultation, "consultation", "load-test", "with -path comments, the consultation to comment on")
	fs.BoolVar(&c.create, "create", false, "create the questionnaire first (the load survey, see -municipalities), or with -path comments the consultation (open for a day); needs -token; an existing one is used as it is")
	fs.IntVar(&c.municipalities, "municipalities", 110, "options of the municipality question of a created questionnaire")
	fs.IntVar(&c.clients, "clients", 32, "concurrent clients, each sending its next request when the last is answered")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "how long each load runs (0: until -count)")
	fs.IntVar(&c.count, "count", 0, "stop each load after this many requests (0: no limit)")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "timeout of one request")
	fs.BoolVar(&c.baseline, "baseline", true, "also load a minimal Gin handler that only decodes the body, and print the ratio")
	fs.DurationVar(&c.slice, "slice", time.Second, "with -baseline and -duration (no -count), alternate between the baseline and the server in slices this long, so that both meet the same background load of a shared machine (0: the baseline first, then the server)")
	fs.StringVar(&c.path, "path", "api", `what is submitted, how: "api" (responses: POST /api/v1/questionnaires/ID/responses), "form" (the HTML pages /q/ID/page/N, as a browser: a GET and a POST per page; the server must not limit submissions per address), or "comments" (POST /api/v1/consultations/ID/comments: the last day of a comment period; each comment queues a receipt e-mail)`)
	fs.BoolVar(&c.idempotencyKeys, "idempotency-keys", false, "send a unique Idempotency-Key header with each response")
	fs.IntVar(&c.bodies, "bodies", 2000, "distinct generated responses, sent in turn")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the generated answers")
	fs.IntVar(&c.serverPID, "server-pid", 0, "process id of the server, to report its memory (resident set) before, during and after the load")
	fs.BoolVar(&c.inProcess, "in-process", false, "serve Triada's handler from this process, on a new embedded database in a temporary folder, instead of -url (for profiling: see -cpuprofile)")
	fs.BoolVar(&c.discard, "discard", false, "the server acknowledges responses without storing them, so nothing is checked as stored: with -in-process, serve it so; without, the server at -url is \"triada-load serve -discard\" (what the server achieves without the store's part: an upper bound)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of this process during the load to the file")
	fs.StringVar(&c.trace, "trace", "", "write an execution trace of this process during the load to the file (go tool trace: how long each goroutine, the store's writer too, waited for a CPU, a lock or a system call)")
	return c
}

// runCommand is "triada-load run".
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("triada-load run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := runFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case c.clients < 1, c.bodies < 1:
		fmt.Fprintln(stderr, "triada-load: -clients and -bodies must be at least 1")
		return errUsage
	case c.duration <= 0 && c.count <= 0:
		fmt.Fprintln(stderr, "triada-load: give -duration or -count")
		return errUsage
	case c.path != "api" && c.path != "form" && c.path != "comments":
		fmt.Fprintf(stderr, "triada-load: -path is api, form or comments, not %q\n", c.path)
		return errUsage
	case c.create && c.token == "" && !c.inProcess:
		fmt.Fprintln(stderr, "triada-load: -create needs -token (or $TRIADA_LOAD_TOKEN): an API token of a coordinator")
		return errUsage
	}
	out := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }

	if c.inProcess {
		srv, err := startInProcess(ctx, "127.0.0.1:0", c.discard)
		if err != nil {
			return err
		}
		defer srv.Close()
		c.url, c.token, c.create, c.serverPID = srv.URL, srv.Token, true, os.Getpid()
		out("in-process server %s on %s", c.url, srv.Path)
	}

	client := loadgen.NewHTTPClient(c.clients, c.timeout)
	api := &loadgen.API{Base: c.url, Token: c.token, Client: client}
	w, err := prepareWorkload(ctx, c, api, client, out)
	if err != nil {
		return err
	}
	size := 0
	for _, b := range w.bodies {
		size += len(b)
	}
	out("machine: %d CPUs (GOMAXPROCS %d), %s; %d distinct bodies of %d bytes on average",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), len(w.bodies), size/len(w.bodies))
	opts := loadgen.Options{Clients: c.clients, Duration: c.duration, Count: c.count}
	out("load: %d clients, %s", c.clients, bound(opts))

	target := w.target
	var baseTarget loadgen.Target
	if c.baseline {
		b, err := loadgen.StartBaseline()
		if err != nil {
			return err
		}
		defer b.Close()
		baseTarget = loadgen.NewAPITarget(client, w.baseURL(b), w.bodies, c.idempotencyKeys)
	}
	before := -1
	if c.token != "" {
		if before, err = w.count(ctx); err != nil {
			return err
		}
	}
	watch := watchServer(c.serverPID)
	stopProfile, err := startCapture(c.cpuProfile, pprof.StartCPUProfile, pprof.StopCPUProfile)
	if err != nil {
		return err
	}
	stopTrace, err := startCapture(c.trace, trace.Start, trace.Stop)
	if err != nil {
		stopProfile()
		return err
	}
	base, res := &loadgen.Result{}, &loadgen.Result{}
	switch {
	case baseTarget != nil && c.slice > 0 && c.duration > 0 && c.count == 0:
		out("alternating baseline and server every %s", c.slice)
		for res.Elapsed < c.duration && ctx.Err() == nil {
			o := opts
			o.Duration = min(c.slice, c.duration-res.Elapsed)
			base.Add(loadgen.Run(ctx, baseTarget, o))
			res.Add(loadgen.Run(ctx, target, o))
		}
	case baseTarget != nil:
		base = loadgen.Run(ctx, baseTarget, opts)
		res = loadgen.Run(ctx, target, opts)
	default:
		base = nil
		res = loadgen.Run(ctx, target, opts)
	}
	stopProfile()
	stopTrace()
	serverReport, serverCPU := watch()
	if base != nil {
		out("baseline  %s", base.Summary())
	}
	out("triada    %s", res.Summary())
	for _, e := range res.Errors {
		out("  error: %s", e)
	}

	if base != nil && base.Rate() > 0 {
		ratio := res.Rate() / base.Rate()
		out("ratio     triada/baseline throughput %.2f (%s)", ratio, w.verdict(ratio >= 0.5, "target ≥ 0.50"))
	}
	p99 := res.Percentile(99)
	out("p99       %s (%s)", p99.Round(10*time.Microsecond), w.verdict(p99 > 0 && p99 < 50*time.Millisecond, "target < 50ms"))
	if serverReport != "" {
		out("server    %s", serverReport)
		if serverCPU > 0 && res.Acked > 0 && !c.inProcess {
			out("server    CPU %.2fs (%.2f of %d cores while loaded), %.0fµs per acknowledged response",
				serverCPU.Seconds(), serverCPU.Seconds()/res.Elapsed.Seconds(), runtime.NumCPU(),
				float64(serverCPU.Microseconds())/float64(res.Acked))
		}
	}
	if c.discard {
		out("stored    not checked: with -discard the server acknowledges every response without storing it")
		return nil
	}
	return checkStored(ctx, w, before, res, out)
}

// bound describes when a load stops.
func bound(o loadgen.Options) string {
	switch {
	case o.Duration > 0 && o.Count > 0:
		return fmt.Sprintf("%s or %d requests, whichever comes first", o.Duration, o.Count)
	case o.Count > 0:
		return fmt.Sprintf("%d requests", o.Count)
	}
	return o.Duration.String()
}

// verdict says whether the named target is met; the issue sets targets
// for survey responses only.
func (w *workload) verdict(met bool, name string) string {
	switch {
	case !w.targets:
		return "the targets are set for survey responses"
	case met:
		return name + ": met"
	}
	return name + ": MISSED"
}

// checkStored compares the responses (or comments) stored during the load
// (the count after it, less before) with those acknowledged. Every
// acknowledged response must be stored; beyond them, at most those whose
// outcome is unknown (no answer, or a 5xx) may be.
func checkStored(ctx context.Context, w *workload, before int, res *loadgen.Result, out func(string, ...any)) error {
	if before < 0 {
		out("stored    not checked: give -token to count the stored responses")
		return nil
	}
	after, err := w.count(ctx)
	if err != nil {
		return err
	}
	stored := after - before
	unknown := res.Unknown
	for code, n := range res.Rejected {
		if code >= 500 {
			unknown += n
		}
	}
	switch {
	case stored == res.Acked:
		out("stored    %s %d → %d: %d stored = %d acknowledged: OK", w.counter, before, after, stored, res.Acked)
		return nil
	case stored > res.Acked && stored <= res.Acked+unknown:
		out("stored    %s %d → %d: %d stored, %d acknowledged and %d of unknown outcome: OK", w.counter, before, after, stored, res.Acked, unknown)
		return nil
	}
	out("stored    %s %d → %d: %d stored, but %d acknowledged (and %d of unknown outcome): FAILED", w.counter, before, after, stored, res.Acked, unknown)
	out("          (another client sending meanwhile would explain more stored than sent)")
	return errFailed
}

// startCapture starts a recording into file, if one is named — a CPU
// profile (pprof.StartCPUProfile, pprof.StopCPUProfile) or an execution
// trace (trace.Start, trace.Stop) — and returns what stops it.
func startCapture(file string, start func(io.Writer) error, stop func()) (func(), error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		stop()
		f.Close()
	}, nil
}
