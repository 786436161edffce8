package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// survey2023 shares ids with the 2027 survey: municipality (an option
// only 2023 had, "other" missing), quality (the same scale),
// services_missing (a choice then: not comparable) and remarks (text).
const survey2023 = `
id: needs-2023
title: "Průzkum potřeb 2023"
audience: resident
pages:
  - questions:
      - id: municipality
        type: choice
        text: "Obec"
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: hrusovany, label: "Hrušovany"}
          - {value: dyje, label: "Dyje"}
      - id: services_missing
        type: choice
        text: "Co chybí nejvíc?"
        options:
          - {value: day_care, label: "Denní stacionář"}
          - {value: transport, label: "Doprava"}
      - id: quality
        type: scale
        text: "Spokojenost"
        min: 1
        max: 5
      - id: remarks
        type: text
        text: "Poznámky"
      - id: only_2023
        type: number
        text: "Jen 2023"
`

func TestEngine_CompareResults(t *testing.T) {
	f := mustOpen(t)
	f.mustSurvey(t, sampleResponses...)
	ctx := context.Background()
	_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(survey2023), "yaml")
	mustNil(t, err)
	for _, r := range []string{
		`{"municipality":"znojmo","quality":2}`,
		`{"municipality":"dyje","quality":3,"remarks":"x"}`,
		`{"municipality":"dyje","quality":2}`,
		`{"municipality":"hrusovany"}`,
	} {
		var raw map[string]json.RawMessage
		mustNil(t, json.Unmarshal([]byte(r), &raw))
		_, err := f.SubmitResponse(ctx, "needs-2023", raw, "")
		mustNil(t, err)
	}

	cmp, err := f.CompareResults(ctx, f.member, "needs-2027", "needs-2023", nil)
	mustNil(t, err)
	if cmp.Total != 4 || cmp.WithTotal != 4 || len(cmp.Questions) != 2 || len(cmp.Skipped) != 2 {
		t.Fatalf("comparison: %+v", cmp)
	}
	if fmt.Sprint(cmp.Skipped[0].ID, " ", cmp.Skipped[1].ID) != "services_missing remarks" {
		t.Errorf("skipped: %+v", cmp.Skipped)
	}
	m := cmp.Questions[0]
	// 2027: znojmo 3, hrusovany 1, other 0 of 4; 2023: znojmo 1, hrusovany 1, dyje 2 of 4.
	want := []string{"znojmo 3 1 50 both", "hrusovany 1 1 0 both", "other 0 0 0 this", "dyje 0 2 -50 with"}
	if len(m.Options) != len(want) {
		t.Fatalf("municipality options: %+v", m.Options)
	}
	for i, o := range m.Options {
		if got := fmt.Sprintf("%s %d %d %.0f %s", o.Value, o.Count, o.WithCount, o.Change, o.In); got != want[i] {
			t.Errorf("option %d: got %q, want %q", i, got, want[i])
		}
	}
	q := cmp.Questions[1]
	// 2027: 1, 4, 4, 5 (mean 3.5); 2023: 2, 3, 2 (mean 7/3).
	if q.ID != "quality" || q.Answered != 4 || q.WithAnswered != 3 || math.Abs(*q.MeanChange-(3.5-7.0/3)) > 1e-9 {
		t.Errorf("quality: %+v", q)
	}
	var values []string
	for _, o := range q.Options {
		values = append(values, o.Value+":"+o.In)
	}
	if fmt.Sprint(values) != "[1:this 2:with 3:with 4:this 5:this]" {
		t.Errorf("quality values in numeric order: %v", values)
	}

	filtered, err := f.CompareResults(ctx, f.coordinator, "needs-2027", "needs-2023", []engine.Filter{{Question: "municipality", Value: "znojmo"}})
	mustNil(t, err)
	if filtered.Total != 3 || filtered.WithTotal != 1 {
		t.Errorf("filtered totals: %d and %d", filtered.Total, filtered.WithTotal)
	}

	for name, c := range map[string]struct {
		with    string
		filters []engine.Filter
		actor   *engine.User
		code    string
	}{
		"ErrNoWith":         {"", nil, f.member, engine.EINVALID},
		"ErrSelf":           {"needs-2027", nil, f.member, engine.EINVALID},
		"ErrUnknownWith":    {"nope", nil, f.member, engine.ENOTFOUND},
		"ErrFilterOnlyHere": {"needs-2023", []engine.Filter{{Question: "municipality", Value: "other"}}, f.member, engine.EINVALID},
		"ErrUnauthorized":   {"needs-2023", nil, nil, engine.EUNAUTHORIZED},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.CompareResults(ctx, c.actor, "needs-2027", c.with, c.filters)
			wantCode(t, err, c.code)
		})
	}
	t.Run("ErrNothingShared", func(t *testing.T) {
		_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte("id: other\ntitle: x\naudience: resident\npages:\n  - questions:\n      - {id: q, type: text, text: x}\n"), "yaml")
		mustNil(t, err)
		_, err = f.CompareResults(ctx, f.member, "needs-2027", "other", nil)
		wantCode(t, err, engine.EINVALID)
	})
}
