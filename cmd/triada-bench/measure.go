package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// reportQuery is one report a working group asks for.
type reportQuery struct {
	name    string
	query   engine.ResultsQuery
	wantAll bool // counts every response
}

// reportQueries are the overall report, the breakdown by the
// municipality question (one segment per municipality), a report filtered
// by age and the filtered breakdown.
func reportQueries(def *forms.Definition) []reportQuery {
	segment := "obec"
	ways := len(def.Question(segment).Options)
	filter := []engine.Filter{{Question: "vek", Value: "66-80"}}
	return []reportQuery{
		{name: "overall", wantAll: true},
		{name: fmt.Sprintf("by municipality (%d-way)", ways), query: engine.ResultsQuery{Segment: segment}, wantAll: true},
		{name: "filtered (vek=66-80)", query: engine.ResultsQuery{Filters: filter}},
		{name: fmt.Sprintf("filtered, %d-way", ways), query: engine.ResultsQuery{Segment: segment, Filters: filter}},
	}
}

// measurement is how one report performed over several runs.
type measurement struct {
	name     string
	min, med time.Duration
	// allocated is what one run allocated; peakHeap the most the Go heap
	// grew above its level before the run while the garbage collector ran
	// nearly all the time (GOGC=5), so that it follows the memory the
	// report holds at once rather than the garbage it leaves; peakRSS the
	// most the resident set grew in that run (SQLite's page cache and
	// sorting memory are outside the Go heap).
	allocated, peakHeap, peakRSS uint64
	total                        int
}

func (m *measurement) String() string {
	return fmt.Sprintf("min %8s  median %8s   holds +%-9s RSS +%-9s allocates %s",
		m.min.Round(10*time.Microsecond), m.med.Round(10*time.Microsecond),
		mib(int64(m.peakHeap)), mib(int64(m.peakRSS)), mib(int64(m.allocated)))
}

// measureReport times the report repeat times, each after a garbage
// collection, then runs it once more with the collector set tight and
// memory sampled every millisecond.
func measureReport(ctx context.Context, eng *engine.Engine, actor *engine.User, qid string, rq engine.ResultsQuery, repeat, responses int, wantAll bool) (*measurement, error) {
	m := &measurement{}
	check := func(res *engine.Results) error {
		if wantAll && res.Total != responses {
			return fmt.Errorf("the report counts %d responses, not %d", res.Total, responses)
		}
		if rq.Segment != "" && res.Total > 0 && len(res.Questions) > 0 && len(res.Questions[0].Segments) == 0 {
			return fmt.Errorf("the breakdown has no segments")
		}
		return nil
	}
	var times []time.Duration
	for range repeat {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		res, err := eng.QuestionnaireResults(ctx, actor, qid, rq)
		took := time.Since(start)
		if err != nil {
			return nil, err
		}
		if err := check(res); err != nil {
			return nil, err
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		m.allocated = after.TotalAlloc - before.TotalAlloc
		m.total = res.Total
		times = append(times, took)
	}
	slices.Sort(times)
	m.min, m.med = times[0], times[len(times)/2]

	old := debug.SetGCPercent(5)
	runtime.GC()
	s := startSampler()
	res, err := eng.QuestionnaireResults(ctx, actor, qid, rq)
	g := s.stop()
	debug.SetGCPercent(old)
	if err != nil {
		return nil, err
	}
	if err := check(res); err != nil {
		return nil, err
	}
	m.peakHeap, m.peakRSS = g.heap, g.rss
	return m, nil
}

// sampler follows memory while a report runs.
type sampler struct {
	stopc  chan struct{}
	wg     sync.WaitGroup
	buf    []metrics.Sample
	before memSample
	peak   memSample
}

type memSample struct{ heap, rss uint64 }

// growth is the most the heap and the resident set grew over their
// level before.
type growth struct{ heap, rss uint64 }

func (s *sampler) read() memSample {
	metrics.Read(s.buf)
	return memSample{heap: s.buf[0].Value.Uint64(), rss: residentBytes()}
}

func startSampler() *sampler {
	s := &sampler{stopc: make(chan struct{}), buf: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	s.before = s.read()
	s.peak = s.before
	s.wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-s.stopc:
				return
			case <-t.C:
				x := s.read()
				s.peak.heap, s.peak.rss = max(s.peak.heap, x.heap), max(s.peak.rss, x.rss)
			}
		}
	})
	return s
}

func (s *sampler) stop() growth {
	close(s.stopc)
	s.wg.Wait()
	last := s.read()
	s.peak.heap, s.peak.rss = max(s.peak.heap, last.heap), max(s.peak.rss, last.rss)
	return growth{heap: over(s.peak.heap, s.before.heap), rss: over(s.peak.rss, s.before.rss)}
}

// over is how much a exceeds b, 0 if it does not.
func over(a, b uint64) uint64 {
	if a < b {
		return 0
	}
	return a - b
}

var pageSize = uint64(os.Getpagesize())

// residentBytes reads this process's resident set from /proc (Linux), 0
// elsewhere. It counts what the Go heap does not: SQLite's page cache.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * pageSize
}

func mib(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
