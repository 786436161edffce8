package forms_test

import (
	"encoding/json"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

func TestCondition_Met(t *testing.T) {
	leaf := func(q string, set func(*forms.Condition)) forms.Condition {
		c := forms.Condition{Question: q}
		set(&c)
		return c
	}
	equals := func(q string, v any) forms.Condition {
		return leaf(q, func(c *forms.Condition) { c.Equals = v })
	}
	includes := func(q, v string) forms.Condition {
		return leaf(q, func(c *forms.Condition) { c.Includes = v })
	}
	in := func(q string, v ...any) forms.Condition {
		return leaf(q, func(c *forms.Condition) { c.In = v })
	}
	answers := forms.Answers{
		"place":    "other",
		"one":      "1",
		"services": []string{"day_care", "home"},
		"single":   []string{"home"},
		"stored":   []any{"meals"}, // as a store reads a multi answer back
		"quality":  3.0,
		"count":    json.Number("4"),
		"nothing":  nil,
	}
	tests := []struct {
		name string
		c    *forms.Condition
		want bool
	}{
		{"Nil", nil, true},
		{"Empty", &forms.Condition{}, true},
		{"EqualsChoice", ptr(equals("place", "other")), true},
		{"EqualsChoiceOther", ptr(equals("place", "znojmo")), false},
		{"EqualsChoiceNumber", ptr(equals("one", 1.0)), true},
		{"EqualsUnanswered", ptr(equals("missing", "other")), false},
		{"EqualsNull", ptr(equals("nothing", "other")), false},
		{"EqualsScale", ptr(equals("quality", 3.0)), true},
		{"EqualsScaleInt", ptr(equals("quality", 3)), true},
		{"EqualsScaleString", ptr(equals("quality", "3")), true},
		{"EqualsScaleOther", ptr(equals("quality", 4.0)), false},
		{"EqualsJSONNumber", ptr(equals("count", 4.0)), true},
		{"EqualsMultiOnly", ptr(equals("single", "home")), true},
		{"EqualsMultiAmongOthers", ptr(equals("services", "home")), false},
		{"EqualsWrongKind", ptr(equals("place", true)), false},
		{"Includes", ptr(includes("services", "home")), true},
		{"IncludesNot", ptr(includes("services", "meals")), false},
		{"IncludesStored", ptr(includes("stored", "meals")), true},
		{"IncludesOnChoice", ptr(includes("place", "other")), false},
		{"InChoice", ptr(in("place", "znojmo", "other")), true},
		{"InChoiceNot", ptr(in("place", "znojmo")), false},
		{"InMulti", ptr(in("services", "meals", "home")), true},
		{"InMultiNot", ptr(in("services", "meals")), false},
		{"InScale", ptr(in("quality", 1.0, 3.0)), true},
		{"InScaleNot", ptr(in("quality", 1.0, 2.0)), false},
		{"QuestionAlone", &forms.Condition{Question: "place"}, false},
		{"All", &forms.Condition{All: []forms.Condition{equals("place", "other"), includes("services", "home")}}, true},
		{"AllOneFails", &forms.Condition{All: []forms.Condition{equals("place", "other"), includes("services", "meals")}}, false},
		{"Any", &forms.Condition{Any: []forms.Condition{equals("place", "znojmo"), includes("services", "home")}}, true},
		{"AnyNone", &forms.Condition{Any: []forms.Condition{equals("place", "znojmo"), includes("services", "meals")}}, false},
		{"AnyEmpty", &forms.Condition{Any: []forms.Condition{}}, false},
		{"Nested", &forms.Condition{Any: []forms.Condition{
			equals("place", "znojmo"),
			{All: []forms.Condition{in("quality", 3.0), includes("services", "day_care")}},
		}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Met(answers); got != tt.want {
				t.Errorf("Met = %v, want %v", got, tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestDefinition_Visible(t *testing.T) {
	def := MustParseFile(t, "testdata/survey.yaml")
	tests := []struct {
		name    string
		answers forms.Answers
		shown   []string // of days, chain, why_other
	}{
		{"NoAnswers", forms.Answers{}, nil},
		{"DayCare", forms.Answers{"services": []string{"day_care"}}, []string{"days"}},
		{"Chain", forms.Answers{"services": []string{"day_care"}, "days": 2.0}, []string{"days", "chain"}},
		// days is answered but hidden, so the condition on it is not met.
		{"ChainOnHidden", forms.Answers{"services": []string{"home"}, "days": 2.0}, nil},
		{"Other", forms.Answers{"place": "other"}, []string{"why_other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var shown []string
			for _, id := range []string{"days", "chain", "why_other"} {
				if def.Visible(def.Question(id), tt.answers) {
					shown = append(shown, id)
				}
			}
			if !equalStrings(shown, tt.shown) {
				t.Errorf("shown %v, want %v", shown, tt.shown)
			}
			for _, id := range []string{"place", "quality", "story"} {
				if !def.Visible(def.Question(id), tt.answers) {
					t.Errorf("%s hidden", id)
				}
			}
		})
	}
}

func TestDefinition_VisibleAnswers(t *testing.T) {
	def := MustParseFile(t, "testdata/survey.yaml")
	got := def.VisibleAnswers(forms.Answers{"place": "znojmo", "services": []string{"home"}, "days": 2.0, "chain": "a", "unknown": "x"})
	want := forms.Answers{"place": "znojmo", "services": []string{"home"}}
	if len(got) != len(want) || got["place"] != "znojmo" || got["services"] == nil {
		t.Errorf("got %v, want %v", got, want)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
