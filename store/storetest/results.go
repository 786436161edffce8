package storetest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// results checks the whole path a report takes, engine over the store,
// against a count made here from the generated answers themselves (not
// their codes): answered, every option's count, mean and median, and
// the codes of the text answers, with filters and a segment.
func (s *suite) results(t *testing.T) {
	t.Run("Results", func(t *testing.T) {
		s.skipIfAsked(t)
		st := s.newStore(t)
		d := s.loadAnswers(t, st)
		eng := engine.New(st, engine.Options{})
		actor := &engine.User{ID: "u-coordinator", Role: engine.RoleCoordinator}
		for _, rq := range []engine.ResultsQuery{
			{},
			{Filters: []engine.Filter{{Question: "vek", Value: "66-80"}}},
			{Filters: []engine.Filter{{Question: "sluzby", Value: "s3"}, {Question: "deti", Value: "2.5"}}},
			{Segment: "obec"},
			{Segment: "obec", Filters: []engine.Filter{{Question: "spokojenost", Value: "4"}}},
			{AnyOf: [][]engine.Filter{{{Question: "vek", Value: "66-80"}, {Question: "vek", Value: "nad-80"}}}},
			{Segment: "obec", Filters: []engine.Filter{{Question: "sluzby", Value: "s1"}},
				AnyOf: [][]engine.Filter{{{Question: "vek", Value: "do-25"}, {Question: "vek", Value: "26-45"}}, {{Question: "spokojenost", Value: "5"}}}},
		} {
			t.Run(fmt.Sprintf("%s/%v/%v", rq.Segment, rq.Filters, rq.AnyOf), func(t *testing.T) {
				got, err := eng.QuestionnaireResults(ctx, actor, d.survey, rq)
				noErr(t, "QuestionnaireResults", err)
				want := expectResults(d, rq)
				if want["total"] == "0" {
					t.Fatal("the generated data match nothing: fix the case")
				}
				wantEqual(t, "results", flattenResults(got), want)
			})
		}
	})
}

// flattenResults writes the figures of results as "question/segment/what"
// -> value, the way expectResults does.
func flattenResults(r *engine.Results) map[string]string {
	out := map[string]string{"total": fmt.Sprint(r.Total)}
	put := func(prefix string, st engine.Stats) {
		out[prefix+"answered"] = fmt.Sprint(st.Answered)
		for _, o := range st.Options {
			if o.Count > 0 {
				out[prefix+"option="+o.Value] = fmt.Sprint(o.Count)
			}
		}
		if st.Mean != nil {
			out[prefix+"mean"] = fmt.Sprintf("%.9f", *st.Mean)
			out[prefix+"median"] = fmt.Sprintf("%.9f", *st.Median)
		}
		for _, c := range st.Codes {
			out[prefix+"code="+c.Value] = fmt.Sprint(c.Count)
		}
	}
	for _, q := range r.Questions {
		put(q.ID+"//", q.Stats)
		for _, sg := range q.Segments {
			out["segment/"+sg.Value] = fmt.Sprint(sg.Total)
			put(q.ID+"/"+sg.Value+"/", sg.Stats)
		}
	}
	return out
}

// expectResults counts the generated answers of the survey for rq.
func expectResults(d *answersData, rq engine.ResultsQuery) map[string]string {
	codings := map[string][]string{}
	for _, c := range d.codings {
		codings[c.ResponseID] = c.Codes
	}
	holds := func(a forms.Answers, f engine.Filter) bool {
		switch v := a[f.Question].(type) {
		case string:
			return v == f.Value
		case []string:
			return slices.Contains(v, f.Value)
		case float64:
			return forms.FormatNumber(v) == f.Value
		}
		return false
	}
	matches := func(a forms.Answers) bool {
		for _, f := range rq.Filters {
			if !holds(a, f) {
				return false
			}
		}
		for _, set := range rq.AnyOf {
			if !slices.ContainsFunc(set, func(f engine.Filter) bool { return holds(a, f) }) {
				return false
			}
		}
		return true
	}
	type tally struct {
		answered int
		counts   map[string]int
		numbers  []float64
	}
	tallies := map[string]*tally{}
	at := func(key string) *tally {
		if tallies[key] == nil {
			tallies[key] = &tally{counts: map[string]int{}}
		}
		return tallies[key]
	}
	out := map[string]string{}
	total := 0
	segTotals := map[string]int{}
	for _, r := range d.rs {
		if r.QuestionnaireID != d.survey || !matches(r.Answers) {
			continue
		}
		total++
		segs := []string{""}
		if rq.Segment != "" {
			if v, ok := r.Answers[rq.Segment].(string); ok {
				segs = append(segs, v)
				segTotals[v]++
			}
		}
		for qid, v := range r.Answers {
			for _, sg := range segs {
				t := at(qid + "/" + sg + "/")
				t.answered++
				switch v := v.(type) {
				case string:
					if qid == "poznamka" {
						for _, c := range codings[r.ID] {
							t.counts["code="+c]++
						}
					} else {
						t.counts["option="+v]++
					}
				case []string:
					for _, o := range v {
						t.counts["option="+o]++
					}
				case float64:
					t.counts["option="+forms.FormatNumber(v)]++
					t.numbers = append(t.numbers, v)
				}
			}
		}
	}
	out["total"] = fmt.Sprint(total)
	for v, n := range segTotals {
		out["segment/"+v] = fmt.Sprint(n)
	}
	for key, t := range tallies {
		out[key+"answered"] = fmt.Sprint(t.answered)
		for k, n := range t.counts {
			out[key+k] = fmt.Sprint(n)
		}
		if len(t.numbers) > 0 {
			sort.Float64s(t.numbers)
			sum := 0.0
			for _, x := range t.numbers {
				sum += x
			}
			n := len(t.numbers)
			median := t.numbers[n/2]
			if n%2 == 0 {
				median = (t.numbers[n/2-1] + t.numbers[n/2]) / 2
			}
			out[key+"mean"] = fmt.Sprintf("%.9f", sum/float64(n))
			out[key+"median"] = fmt.Sprintf("%.9f", median)
		}
	}
	// Every question is listed, answered or not, in the report.
	for _, q := range genDefinition(d.survey, 7).Questions() {
		if _, ok := out[q.ID+"//answered"]; !ok {
			out[q.ID+"//answered"] = "0"
		}
	}
	for key := range out {
		if strings.HasPrefix(key, "segment/") {
			v := strings.TrimPrefix(key, "segment/")
			for _, q := range genDefinition(d.survey, 7).Questions() {
				if _, ok := out[q.ID+"/"+v+"/answered"]; !ok {
					out[q.ID+"/"+v+"/answered"] = "0"
				}
			}
		}
	}
	return out
}
