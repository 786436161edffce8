package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

const surveyYAML = `
id: needs-2027
title: {cs: "Průzkum potřeb", sk: "Prieskum potrieb", en: "Needs survey"}
audience: resident
segments: [municipality]
pages:
  - title: "O vás"
    questions:
      - id: municipality
        type: choice
        text: "Obec"
        required: true
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: hrusovany, label: "Hrušovany"}
          - {value: other, label: "Jiná"}
      - id: services_missing
        type: multi
        text: "Co chybí?"
        options:
          - {value: day_care, label: "Denní stacionář", tags: [seniors]}
          - {value: transport, label: "Doprava"}
      - id: quality
        type: scale
        text: "Spokojenost"
        tags: [seniors]
        min: 1
        max: 5
      - id: remarks
        type: text
        text: "Poznámky"
        tags: [families]
`

// mustSurvey creates the survey and submits the responses given as JSON.
func (f *fixture) mustSurvey(tb testing.TB, responses ...string) {
	tb.Helper()
	ctx := context.Background()
	_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(surveyYAML), "yaml")
	mustNil(tb, err)
	for _, r := range responses {
		var raw map[string]json.RawMessage
		mustNil(tb, json.Unmarshal([]byte(r), &raw))
		_, err := f.SubmitResponse(ctx, "needs-2027", raw, "")
		mustNil(tb, err)
	}
}

var sampleResponses = []string{
	`{"municipality":"znojmo","services_missing":["day_care","transport"],"quality":5,"remarks":"Málo míst."}`,
	`{"municipality":"znojmo","services_missing":["day_care"],"quality":4}`,
	`{"municipality":"znojmo","quality":4}`,
	`{"municipality":"hrusovany","services_missing":["transport"],"quality":1,"remarks":"Bus."}`,
}

func option(tb testing.TB, qr engine.QuestionResult, value string) int {
	tb.Helper()
	for _, o := range qr.Options {
		if o.Value == value {
			return o.Count
		}
	}
	tb.Fatalf("question %s has no option %q in %+v", qr.ID, value, qr.Options)
	return 0
}

func question(tb testing.TB, r *engine.Results, id string) engine.QuestionResult {
	tb.Helper()
	for _, q := range r.Questions {
		if q.ID == id {
			return q
		}
	}
	tb.Fatalf("results lack question %s", id)
	return engine.QuestionResult{}
}

func TestEngine_QuestionnaireResults(t *testing.T) {
	f := mustOpen(t)
	f.mustSurvey(t, sampleResponses...)
	ctx := context.Background()

	t.Run("Overall", func(t *testing.T) {
		r, err := f.QuestionnaireResults(ctx, f.member, "needs-2027", engine.ResultsQuery{})
		mustNil(t, err)
		if r.Total != 4 {
			t.Fatalf("total: got %d, want 4", r.Total)
		}
		m := question(t, r, "municipality")
		if m.Answered != 4 || option(t, m, "znojmo") != 3 || option(t, m, "hrusovany") != 1 || option(t, m, "other") != 0 {
			t.Errorf("municipality: %+v", m)
		}
		sm := question(t, r, "services_missing")
		if sm.Answered != 3 || option(t, sm, "day_care") != 2 || option(t, sm, "transport") != 2 {
			t.Errorf("services_missing: %+v", sm)
		}
		q := question(t, r, "quality")
		if q.Answered != 4 || len(q.Options) != 3 || q.Options[0].Value != "1" || q.Options[2].Value != "5" {
			t.Errorf("quality options: %+v", q.Options)
		}
		// 1, 4, 4, 5: mean 3.5, median (4+4)/2 = 4
		if *q.Mean != 3.5 || *q.Median != 4 || *q.Min != 1 || *q.Max != 5 {
			t.Errorf("quality stats: mean %v median %v min %v max %v", *q.Mean, *q.Median, *q.Min, *q.Max)
		}
		rm := question(t, r, "remarks")
		if rm.Answered != 2 || rm.Options != nil || rm.Mean != nil {
			t.Errorf("remarks: %+v", rm)
		}
	})
	t.Run("Segment", func(t *testing.T) {
		r, err := f.QuestionnaireResults(ctx, f.coordinator, "needs-2027", engine.ResultsQuery{Segment: "municipality"})
		mustNil(t, err)
		q := question(t, r, "quality")
		if len(q.Segments) != 2 || q.Segments[0].Value != "znojmo" || q.Segments[1].Value != "hrusovany" {
			t.Fatalf("segments: %+v", q.Segments)
		}
		z := q.Segments[0]
		// 5, 4, 4: mean 13/3, median 4
		if z.Total != 3 || z.Answered != 3 || *z.Median != 4 || fmt.Sprintf("%.4f", *z.Mean) != "4.3333" {
			t.Errorf("znojmo: %+v", z)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		r, err := f.QuestionnaireResults(ctx, f.coordinator, "needs-2027", engine.ResultsQuery{Filters: []engine.Filter{
			{Question: "services_missing", Value: "day_care"}, {Question: "quality", Value: "4.0"},
		}})
		mustNil(t, err)
		if r.Total != 1 {
			t.Errorf("total with two filters: got %d, want 1", r.Total)
		}
	})
	for name, rq := range map[string]engine.ResultsQuery{
		"ErrSegmentNotChoice": {Segment: "quality"},
		"ErrSegmentUnknown":   {Segment: "nope"},
		"ErrFilterUnknown":    {Filters: []engine.Filter{{Question: "nope", Value: "x"}}},
		"ErrFilterOption":     {Filters: []engine.Filter{{Question: "municipality", Value: "brno"}}},
		"ErrFilterNotANumber": {Filters: []engine.Filter{{Question: "quality", Value: "good"}}},
		"ErrFilterOnFreeText": {Filters: []engine.Filter{{Question: "remarks", Value: "x"}}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.QuestionnaireResults(ctx, f.coordinator, "needs-2027", rq)
			wantCode(t, err, engine.EINVALID)
		})
	}
	t.Run("ErrUnauthorized", func(t *testing.T) {
		_, err := f.QuestionnaireResults(ctx, nil, "needs-2027", engine.ResultsQuery{})
		wantCode(t, err, engine.EUNAUTHORIZED)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.QuestionnaireResults(ctx, f.member, "nope", engine.ResultsQuery{})
		wantCode(t, err, engine.ENOTFOUND)
	})
}

func TestEngine_GroupResults(t *testing.T) {
	f := mustOpen(t)
	f.mustSurvey(t, sampleResponses...)
	ctx := context.Background()
	_, err := f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "seniors", Name: "Senioři", Tags: []string{"seniors"}})
	mustNil(t, err)
	_, err = f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "families", Name: "Rodiny", Tags: []string{"families"}})
	mustNil(t, err)
	_, err = f.AddGroupMember(ctx, f.coordinator, "seniors", f.member.Email)
	mustNil(t, err)

	r, err := f.GroupResults(ctx, f.member, "seniors", "needs-2027", engine.ResultsQuery{})
	mustNil(t, err)
	var ids []string
	for _, q := range r.Questions {
		ids = append(ids, q.ID)
	}
	// services_missing by an option's tag, quality by its own tag.
	if fmt.Sprint(ids) != "[services_missing quality]" || r.Total != 4 {
		t.Errorf("seniors see %v of %d responses", ids, r.Total)
	}
	_, err = f.GroupResults(ctx, f.member, "families", "needs-2027", engine.ResultsQuery{})
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = f.GroupResults(ctx, f.coordinator, "families", "needs-2027", engine.ResultsQuery{})
	mustNil(t, err)
	_, err = f.GroupResults(ctx, f.coordinator, "nope", "needs-2027", engine.ResultsQuery{})
	wantCode(t, err, engine.ENOTFOUND)
	_, err = f.AddGroupMember(ctx, f.coordinator, "seniors", "nobody@example.cz")
	wantCode(t, err, engine.ENOTFOUND)
	_, err = f.AddGroupMember(ctx, f.member, "seniors", f.member.Email)
	wantCode(t, err, engine.EFORBIDDEN)
}
