package mongo_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/store/mongo"
)

// benchResponses is how many responses BenchmarkCountAnswersMongo counts,
// unless TRIADA_BENCH_RESPONSES says otherwise. storetest's
// BenchmarkCountAnswers counts 100,000, which mongo-compat (it scans every
// document in Go for each query) takes a long time over.
const benchResponses = 20_000

// BenchmarkCountAnswersMongo counts generated responses of six answers
// (choice of 110 municipalities, choice, multi, scale, number, text) the
// ways storetest.BenchmarkCountAnswers does: without and with a filter,
// and broken down by the 110-value segment without and with a filter.
//
//	TRIADA_TEST_MONGODB_URI=mongodb://127.0.0.1:27018/ go test ./store/mongo/ -run '^$' -bench CountAnswersMongo -benchtime 3x
func BenchmarkCountAnswersMongo(b *testing.B) {
	n := benchResponses
	if v := os.Getenv("TRIADA_BENCH_RESPONSES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("TRIADA_BENCH_RESPONSES=%q is not a positive number", v)
		}
	}
	// mongo-compat scans the collection for every query, and a segment
	// takes one query per value: give it time.
	st := mustOpen(b, mongo.WithTimeout(time.Hour))
	ctx := context.Background()
	q := &engine.Questionnaire{ID: "bench", Definition: &forms.Definition{ID: "bench", Title: forms.Plain("Bench")},
		CreatedAt: time.Now(), CreatedBy: "bench"}
	if err := st.CreateQuestionnaire(ctx, q); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	rs := benchGenerate("bench", n)
	benchLoad(b, st, rs)
	b.Logf("loaded %d responses in %v", n, time.Since(start).Round(time.Millisecond))

	for _, c := range []struct {
		name string
		q    engine.CountQuery
	}{
		{"NoFilter", engine.CountQuery{}},
		{"Filter", engine.CountQuery{Filters: []string{"vek=66-80"}}},
		{"Segment110", engine.CountQuery{Segment: "obec"}},
		{"Segment110+Filter", engine.CountQuery{Segment: "obec", Filters: []string{"vek=66-80"}}},
	} {
		c.q.Questionnaire = "bench"
		total, segments := benchExpect(rs, c.q)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				got, err := st.CountAnswers(ctx, c.q)
				if err != nil {
					b.Fatal(err)
				}
				if got.Total != total || len(got.Segments) != segments {
					b.Fatalf("counted %d responses in %d segments, want %d in %d", got.Total, len(got.Segments), total, segments)
				}
			}
			b.ReportMetric(float64(n), "responses")
		})
	}
}

// benchGenerate returns n responses with their codes, the same each run.
func benchGenerate(questionnaire string, n int) []*engine.Response {
	rng := rand.New(rand.NewPCG(1, 2))
	ages := []string{"do-25", "26-45", "46-65", "66-80", "nad-80"}
	out := make([]*engine.Response, n)
	for i := range out {
		a := forms.Answers{}
		var codes []string
		answer := func(p float64, q string, v any, values ...string) {
			if rng.Float64() >= p {
				return
			}
			a[q], codes = v, append(codes, q)
			for _, v := range values {
				codes = append(codes, q+"="+v)
			}
		}
		obec := fmt.Sprintf("obec-%03d", rng.IntN(110))
		answer(0.95, "obec", obec, obec)
		age := ages[rng.IntN(len(ages))]
		answer(0.9, "vek", age, age)
		var picked []string
		for s := range 8 {
			if rng.Float64() < 0.25 {
				picked = append(picked, fmt.Sprint("s", s))
			}
		}
		if len(picked) > 0 {
			answer(1, "sluzby", picked, picked...)
		}
		score := float64(1 + rng.IntN(5))
		answer(0.8, "spokojenost", score, forms.FormatNumber(score))
		kids := float64(rng.IntN(5))
		answer(0.6, "deti", kids, forms.FormatNumber(kids))
		answer(0.3, "poznamka", "text text text")
		out[i] = &engine.Response{ID: fmt.Sprintf("%s-%06d", questionnaire, i), QuestionnaireID: questionnaire,
			Answers: a, Codes: codes, CreatedAt: time.Date(2027, 3, 1, 8, 0, i, 0, time.UTC)}
	}
	return out
}

// benchExpect returns the total and the number of segments q counts.
func benchExpect(rs []*engine.Response, q engine.CountQuery) (total, segments int) {
	seen := map[string]bool{}
	for _, r := range rs {
		if !containsAll(r.Codes, q.Filters) {
			continue
		}
		total++
		for _, c := range r.Codes {
			if q.Segment != "" && strings.HasPrefix(c, q.Segment+"=") {
				seen[c] = true
			}
		}
	}
	return total, len(seen)
}

func containsAll(codes, filters []string) bool {
	for _, f := range filters {
		if !slices.Contains(codes, f) {
			return false
		}
	}
	return true
}

// benchLoad stores rs with 16 concurrent writers.
func benchLoad(b *testing.B, st engine.Store, rs []*engine.Response) {
	b.Helper()
	const writers = 16
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := w; i < len(rs) && errs[w] == nil; i += writers {
				errs[w] = st.CreateResponse(context.Background(), rs[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
}
