package storetest

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// BenchmarkResponses is how many responses BenchmarkCountAnswers counts.
const BenchmarkResponses = 100_000

// BenchmarkCountAnswers counts BenchmarkResponses generated responses of
// about six answers (choice, choice, multi, scale, number, text; 5.4
// answered on average, 11.6 codes) without
// and with a filter, and broken down by a 110-value segment (the
// municipalities of a large microregion) without and with a filter. Call
// it from a backend's Benchmark function; loading takes a few seconds.
func BenchmarkCountAnswers(b *testing.B, newStore func(tb testing.TB) engine.Store) {
	st := newStore(b)
	const id = "bench"
	q := &engine.Questionnaire{ID: id, Definition: genDefinition(id, 110), CreatedAt: time.Now(), CreatedBy: "bench"}
	if err := st.CreateQuestionnaire(ctx, q); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	rs := generate(id, BenchmarkResponses, 110, 1)
	load(b, st, rs)
	var answers, codes int
	for _, r := range rs {
		answers, codes = answers+len(r.Answers), codes+len(r.Codes)
	}
	b.Logf("loaded %d responses (%.1f answers, %.1f codes each) in %v", len(rs),
		float64(answers)/float64(len(rs)), float64(codes)/float64(len(rs)), time.Since(start).Round(time.Millisecond))

	for _, c := range []struct {
		name string
		q    engine.CountQuery
	}{
		{"NoFilter", engine.CountQuery{}},
		{"Filter", engine.CountQuery{Filters: []string{"vek=66-80"}}},
		{"Segment110", engine.CountQuery{Segment: "obec"}},
		{"Segment110+Filter", engine.CountQuery{Segment: "obec", Filters: []string{"vek=66-80"}}},
	} {
		c.q.Questionnaire = id
		want := expectCounts(rs, c.q)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				got, err := st.CountAnswers(ctx, c.q)
				if err != nil {
					b.Fatal(err)
				}
				if got.Total != want.Total || len(got.Segments) != len(want.Segments) {
					b.Fatalf("counted %d responses in %d segments, want %d in %d", got.Total, len(got.Segments), want.Total, len(want.Segments))
				}
			}
		})
	}
}

// BenchmarkCreateResponse stores one response per operation of about 200
// bytes of answers, from one goroutine ("Sequential": every submission
// waits for its own commit) and from 16 goroutines per CPU ("Parallel":
// submissions arriving together, as under load). It reports responses/s.
func BenchmarkCreateResponse(b *testing.B, newStore func(tb testing.TB) engine.Store) {
	const id = "bench"
	template := generate(id, 1000, 110, 2)
	setup := func(b *testing.B) engine.Store {
		st := newStore(b)
		q := &engine.Questionnaire{ID: id, Definition: genDefinition(id, 110), CreatedAt: time.Now(), CreatedBy: "bench"}
		if err := st.CreateQuestionnaire(ctx, q); err != nil {
			b.Fatal(err)
		}
		return st
	}
	var seq atomic.Int64
	next := func() *engine.Response {
		n := seq.Add(1)
		r := *template[n%int64(len(template))]
		r.ID, r.SubmissionKey = fmt.Sprintf("r-%d", n), fmt.Sprintf("sk-%d", n)
		return &r
	}
	b.Run("Sequential", func(b *testing.B) {
		st := setup(b)
		b.ReportAllocs()
		start := time.Now()
		for b.Loop() {
			if err := st.CreateResponse(ctx, next()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "responses/s")
	})
	b.Run("Parallel", func(b *testing.B) {
		st := setup(b)
		b.ReportAllocs()
		b.SetParallelism(16)
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := st.CreateResponse(ctx, next()); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "responses/s")
	})
}
