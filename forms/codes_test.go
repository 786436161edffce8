package forms_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

func TestDefinition_Codes(t *testing.T) {
	def := MustParseFile(t, "testdata/survey.yaml")
	tests := []struct {
		name    string
		answers forms.Answers
		want    []string
	}{
		{"None", forms.Answers{}, nil},
		{"EveryType",
			forms.Answers{"story": "long text", "quality": 4.0, "services": []string{"day_care", "meals"}, "place": "other", "cost": 1234567.5, "debt": -0.25},
			[]string{"place", "place=other", "services", "services=day_care", "services=meals", "quality", "quality=4",
				"cost", "cost=1234567.5", "debt", "debt=-0.25", "story"}},
		{"StoredForms", forms.Answers{"services": []any{"home"}, "quality": 2, "cost": int64(7)},
			[]string{"services", "services=home", "quality", "quality=2", "cost", "cost=7"}},
		{"NegativeZero", forms.Answers{"cost": math.Copysign(0, -1)}, []string{"cost", "cost=0"}},
		{"NotAnswers", forms.Answers{"place": "", "services": []string{}, "quality": "x", "story": 5, "cost": nil, "unknown": "x"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := def.Codes(tt.answers); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDefinition_Codes_Validated checks that validated answers give codes
// that ParseCode reads back.
func TestDefinition_Codes_Validated(t *testing.T) {
	def := MustParseFile(t, "testdata/survey.yaml")
	answers, errs := def.ValidateAnswers(MustRaw(t, `{"place": "1", "quality": 5, "services": ["home", "day_care"], "days": 0, "remarks": "ok"}`))
	if errs != nil {
		t.Fatal(errs)
	}
	var got [][3]any
	for _, code := range def.Codes(answers) {
		qid, value, hasValue := forms.ParseCode(code)
		got = append(got, [3]any{qid, value, hasValue})
	}
	want := [][3]any{
		{"place", "", false}, {"place", "1", true},
		{"services", "", false}, {"services", "day_care", true}, {"services", "home", true},
		{"quality", "", false}, {"quality", "5", true},
		{"days", "", false}, {"days", "0", true},
		{"remarks", "", false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		code, qid, value string
		hasValue         bool
	}{
		{"quality", "quality", "", false},
		{"quality=3", "quality", "3", true},
		{"note=", "note", "", true},
		{"x=a=b", "x", "a=b", true},
	}
	for _, tt := range tests {
		qid, value, hasValue := forms.ParseCode(tt.code)
		if qid != tt.qid || value != tt.value || hasValue != tt.hasValue {
			t.Errorf("ParseCode(%q) = %q, %q, %v", tt.code, qid, value, hasValue)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{3, "3"},
		{2.5, "2.5"},
		{-0.25, "-0.25"},
		{0.1, "0.1"},
		{math.Copysign(0, -1), "0"},
		{1e21, "1000000000000000000000"},
		{1e-7, "0.0000001"},
	}
	for _, tt := range tests {
		if got := forms.FormatNumber(tt.f); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}
