package storetest

import (
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func (s *suite) counting(t *testing.T) {
	t.Run("CountAnswers", func(t *testing.T) {
		s.skipIfAsked(t)
		st := s.newStore(t)
		// The survey counted, and a second questionnaire whose responses
		// hold the same codes and must never be counted with it.
		const survey, other = "survey", "other"
		for _, id := range []string{survey, other} {
			q := &engine.Questionnaire{ID: id, Definition: genDefinition(id, 7), CreatedAt: at(1, 9), CreatedBy: "u-admin"}
			noErr(t, "CreateQuestionnaire", st.CreateQuestionnaire(ctx, q))
		}
		rs := append(generate(survey, 3000, 7, 42), generate(other, 300, 7, 43)...)
		load(t, st, rs)

		cases := []struct {
			name string
			q    engine.CountQuery
		}{
			{"NoFilter", engine.CountQuery{}},
			{"OneFilter", engine.CountQuery{Filters: []string{"vek=66-80"}}},
			{"FilterOnMulti", engine.CountQuery{Filters: []string{"sluzby=s3"}}},
			{"FilterOnNumber", engine.CountQuery{Filters: []string{"deti=2.5"}}},
			// "deti=2" is a prefix of "deti=2.5", which must not match it.
			{"FilterOnNumberPrefix", engine.CountQuery{Filters: []string{"deti=2"}}},
			{"FilterOnMarker", engine.CountQuery{Filters: []string{"poznamka"}}},
			{"TwoFilters", engine.CountQuery{Filters: []string{"vek=66-80", "sluzby=s2"}}},
			{"ThreeFilters", engine.CountQuery{Filters: []string{"sluzby=s1", "sluzby=s2", "spokojenost=5"}}},
			{"FilterMatchingNothing", engine.CountQuery{Filters: []string{"vek=200"}}},
			{"FilterIsNotAPrefix", engine.CountQuery{Filters: []string{"obec=obec-00"}}},
			{"Segment", engine.CountQuery{Segment: "obec"}},
			{"SegmentAndFilter", engine.CountQuery{Segment: "obec", Filters: []string{"sluzby=s1"}}},
			{"SegmentAndTwoFilters", engine.CountQuery{Segment: "obec", Filters: []string{"sluzby=s1", "spokojenost=4"}}},
			{"SegmentNobodyAnswers", engine.CountQuery{Segment: "nic"}},
			// OR within a set (the report pages' options of one question),
			// AND between sets and with Filters.
			{"AnyOfOneSet", engine.CountQuery{AnyOf: [][]string{{"vek=66-80", "vek=nad-80"}}}},
			{"AnyOfOnMulti", engine.CountQuery{AnyOf: [][]string{{"sluzby=s1", "sluzby=s2"}}}},
			{"AnyOfTwoSets", engine.CountQuery{AnyOf: [][]string{{"vek=66-80", "vek=nad-80"}, {"spokojenost=1", "spokojenost=2"}}}},
			{"AnyOfAndFilter", engine.CountQuery{Filters: []string{"sluzby=s3"}, AnyOf: [][]string{{"vek=do-25", "vek=26-45"}}}},
			{"AnyOfIsNotAPrefix", engine.CountQuery{AnyOf: [][]string{{"deti=2", "obec=obec-00"}}}},
			{"AnyOfEmptySetIgnored", engine.CountQuery{AnyOf: [][]string{{}, {"vek=66-80"}}}},
			{"SegmentAndAnyOf", engine.CountQuery{Segment: "obec", Filters: []string{"sluzby=s1"}, AnyOf: [][]string{{"vek=66-80", "vek=nad-80"}}}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s.skipIfAsked(t)
				c.q.Questionnaire = survey
				want := expectCounts(rs, c.q)
				if want.Total == 0 && !strings.HasPrefix(c.name, "Filter") {
					t.Fatalf("the generated data match nothing: fix the case")
				}
				got, err := st.CountAnswers(ctx, c.q)
				noErr(t, "CountAnswers", err)
				wantCounts(t, got, want)
			})
		}

		t.Run("UnknownQuestionnaire", func(t *testing.T) {
			s.skipIfAsked(t)
			for _, q := range []engine.CountQuery{
				{Questionnaire: "nope"},
				{Questionnaire: "nope", Segment: "obec", Filters: []string{"vek=66-80"}},
			} {
				got, err := st.CountAnswers(ctx, q)
				noErr(t, "CountAnswers", err)
				wantCounts(t, got, expectCounts(nil, q))
			}
		})

		s.test(t, "DoesNotChangeTheQuery", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r1", "q1")))
			q := engine.CountQuery{Questionnaire: "q1", Filters: []string{"obec=slany", "vek=67"}, Segment: "obec"}
			got, err := st.CountAnswers(ctx, q)
			noErr(t, "CountAnswers", err)
			if got.Total != 1 || got.Segments["slany"] == nil || got.Segments["slany"].Codes["sluzby=poradna"] != 1 {
				t.Fatalf("counts of one response: %+v", got)
			}
			wantEqual(t, "query", q, engine.CountQuery{Questionnaire: "q1", Filters: []string{"obec=slany", "vek=67"}, Segment: "obec"})
		})
	})
}

// wantCounts compares counts; Segments must be nil without a segment, and
// a segment value no matching response holds must not be listed.
func wantCounts(t *testing.T, got, want *engine.Counts) {
	t.Helper()
	if got == nil {
		t.Fatal("CountAnswers returned nil counts")
	}
	if want.Segments == nil && len(got.Segments) > 0 {
		t.Fatalf("Segments: got %d values, want nil", len(got.Segments))
	}
	for v, sc := range got.Segments {
		if sc == nil || sc.Total == 0 {
			t.Fatalf("segment %q listed with no responses", v)
		}
	}
	if got.Total != want.Total {
		t.Fatalf("Total: got %d, want %d", got.Total, want.Total)
	}
	wantEqual(t, "counts", got, want)
}
