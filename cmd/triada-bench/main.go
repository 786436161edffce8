// Command triada-bench measures results at scale: it stores 10,000, then
// 100,000 (and with -million 1,000,000) generated responses to a needs
// survey with a 110-value municipality question straight into a store,
// and after each step times the reports a working group asks for — the
// overall report, the 110-way breakdown by municipality, a filtered
// report and both — through engine.Engine.QuestionnaireResults, the path
// the API and the pages take. It prints each report's time and the peak
// memory it took, and the rate of the bulk insertion; then the time and
// the memory of exporting every response as CSV, XLSX and JSON
// (-skip-exports leaves them out).
//
//	triada-bench [-million] [-mongodb-uri URI]
//
// The embedded store is measured in a temporary folder (or -data-dir);
// MongoDB too when -mongodb-uri is given, in a database of its own that
// is dropped at the end. docs/performance.md shows the figures measured.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/store/mongo"
	"github.com/triada-kpss/triada/store/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errUsage) {
			fmt.Fprintf(os.Stderr, "triada-bench: %v\n", err)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

// config is what triada-bench is told.
type config struct {
	sizes          []int
	dataDir        string
	keep           bool
	mongoURI       string
	mongoDB        string
	mongoTimeout   time.Duration
	skipSQLite     bool
	skipExports    bool
	writers        int
	repeat         int
	municipalities int
	seed           uint64
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("triada-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &config{}
	sizes := fs.String("sizes", "10000,100000", "numbers of responses to report on, in order: the database grows from one to the next")
	million := fs.Bool("million", false, "also report on 1,000,000 responses (about 1 GiB of disk for SQLite and several minutes)")
	fs.StringVar(&c.dataDir, "data-dir", "", "folder for the embedded database (default: a temporary folder, removed at the end)")
	fs.BoolVar(&c.keep, "keep", false, "keep the embedded database of -data-dir")
	fs.StringVar(&c.mongoURI, "mongodb-uri", os.Getenv("TRIADA_BENCH_MONGODB_URI"), "also measure MongoDB at this URI (default $TRIADA_BENCH_MONGODB_URI)")
	fs.StringVar(&c.mongoDB, "mongodb-db", "", "MongoDB database to fill, dropped at the end (default triada_bench_ and a random suffix)")
	fs.DurationVar(&c.mongoTimeout, "mongodb-timeout", mongo.DefaultTimeout, "bound of each MongoDB call (a report is one call)")
	fs.BoolVar(&c.skipSQLite, "skip-sqlite", false, "measure MongoDB only")
	fs.BoolVar(&c.skipExports, "skip-exports", false, "do not measure the exports (CSV, XLSX, JSON of every response)")
	fs.IntVar(&c.writers, "writers", 64, "goroutines storing responses at once")
	fs.IntVar(&c.repeat, "repeat", 5, "runs of each report; the minimum and the median are printed")
	fs.IntVar(&c.municipalities, "municipalities", 110, "options of the municipality question (the breakdown)")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the generated answers")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errUsage
	}
	for s := range strings.SplitSeq(*sizes, ",") {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), "_", ""))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "triada-bench: -sizes: %q is not a positive number\n", s)
			return nil, errUsage
		}
		c.sizes = append(c.sizes, n)
	}
	if *million {
		c.sizes = append(c.sizes, 1_000_000)
	}
	if !slices.IsSorted(c.sizes) {
		fmt.Fprintln(stderr, "triada-bench: -sizes must grow")
		return nil, errUsage
	}
	if c.writers < 1 || c.repeat < 1 || c.municipalities < 2 {
		fmt.Fprintln(stderr, "triada-bench: -writers and -repeat must be at least 1, -municipalities at least 2")
		return nil, errUsage
	}
	if c.skipSQLite && c.mongoURI == "" {
		fmt.Fprintln(stderr, "triada-bench: -skip-sqlite needs -mongodb-uri")
		return nil, errUsage
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "machine: %d CPUs (GOMAXPROCS %d), %s, %s/%s\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	var all []*sizeReport
	if !c.skipSQLite {
		reports, err := benchSQLite(ctx, c, stdout)
		if err != nil {
			return err
		}
		all = append(all, reports...)
	}
	if c.mongoURI != "" {
		reports, err := benchMongo(ctx, c, stdout)
		if err != nil {
			return err
		}
		all = append(all, reports...)
	}
	printSummary(stdout, all)
	return nil
}

func benchSQLite(ctx context.Context, c *config, w io.Writer) ([]*sizeReport, error) {
	dir := c.dataDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "triada-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	} else if !c.keep {
		defer func() {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(filepath.Join(dir, "triada.db"+suffix))
			}
		}()
	}
	path := filepath.Join(dir, "triada.db")
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("%s exists; give an empty -data-dir", path)
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	size := func() string {
		var total int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(path + suffix); err == nil {
				total += fi.Size()
			}
		}
		return fmt.Sprintf("database %s", mib(total))
	}
	return benchStore(ctx, c, w, "sqlite", st, size)
}

func benchMongo(ctx context.Context, c *config, w io.Writer) ([]*sizeReport, error) {
	db := c.mongoDB
	if db == "" {
		db = "triada_bench_" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	}
	st, err := mongo.Open(ctx, c.mongoURI, db, mongo.WithTimeout(c.mongoTimeout))
	if err != nil {
		return nil, err
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := st.Database().Drop(dctx); err != nil {
			fmt.Fprintf(w, "mongodb: dropping database %s: %v\n", db, err)
		}
		_ = st.Close()
	}()
	fmt.Fprintf(w, "mongodb: database %s (dropped at the end)\n", db)
	return benchStore(ctx, c, w, "mongodb", st, func() string { return "" })
}

// benchStore fills st step by step to each size and reports at each.
func benchStore(ctx context.Context, c *config, w io.Writer, name string, st engine.Store, diskSize func() string) ([]*sizeReport, error) {
	eng := engine.New(st, engine.Options{})
	actor := &engine.User{ID: "bench", Email: "bench@triada.test", Role: engine.RoleCoordinator}
	const qid = "bench"
	def, err := createSurvey(ctx, eng, actor, qid, c.municipalities)
	if err != nil {
		return nil, err
	}
	pool, err := newResponsePool(def, c.seed, 10_000)
	if err != nil {
		return nil, err
	}
	var reports []*sizeReport
	stored := 0
	for _, n := range c.sizes {
		ins, err := insert(ctx, st, pool, qid, stored, n-stored, c.writers)
		if err != nil {
			return nil, err
		}
		stored = n
		fmt.Fprintf(w, "%-7s stored %d more responses (now %d) in %s: %.0f/s with %d writers; %s\n",
			name, ins.n, n, ins.took.Round(time.Millisecond), ins.rate(), c.writers, diskSize())
		sr := &sizeReport{store: name, responses: n, insertRate: ins.rate()}
		for _, rq := range reportQueries(def) {
			m, err := measureReport(ctx, eng, actor, qid, rq.query, c.repeat, n, rq.wantAll)
			if err != nil {
				return nil, fmt.Errorf("%s, %d responses, %s: %w", name, n, rq.name, err)
			}
			m.name = rq.name
			sr.reports = append(sr.reports, m)
			fmt.Fprintf(w, "%-7s %9d responses  %-28s %s\n", name, n, rq.name, m)
		}
		if !c.skipExports {
			if err := measureExports(ctx, eng, actor, qid, name, n, w); err != nil {
				return nil, err
			}
		}
		reports = append(reports, sr)
	}
	return reports, nil
}
