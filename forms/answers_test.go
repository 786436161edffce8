package forms_test

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

// MustRaw decodes a JSON object of answers.
func MustRaw(tb testing.TB, s string) map[string]json.RawMessage {
	tb.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		tb.Fatalf("%s: %v", s, err)
	}
	return raw
}

func TestDefinition_ValidateAnswers(t *testing.T) {
	def := MustParseFile(t, "testdata/survey.yaml")
	// base answers the two questions that are always required.
	const base = `"place": "znojmo", "quality": 3`
	tests := []struct {
		name string
		raw  string
		want forms.Answers
		errs []forms.FieldError
	}{
		{"Minimal", base, forms.Answers{"place": "znojmo", "quality": 3.0}, nil},
		{"Everything", `"place": "other", "why_other": " far \n", "services": ["meals", "day_care"], "quality": 5, "days": 2, "chain": "b",
			"cost": -12.5, "share": 0.5, "debt": -1, "remarks": "0123456789", "story": "Ünïcödé"`,
			forms.Answers{"place": "other", "why_other": "far", "services": []string{"day_care", "meals"}, "quality": 5.0, "days": 2.0, "chain": "b",
				"cost": -12.5, "share": 0.5, "debt": -1.0, "remarks": "0123456789", "story": "Ünïcödé"}, nil},
		{"NumericOptionValue", `"place": "1", "quality": 1`, forms.Answers{"place": "1", "quality": 1.0}, nil},
		{"WholeFloat", base + `, "cost": 3.0, "services": ["day_care"], "days": 1e1`,
			forms.Answers{"place": "znojmo", "quality": 3.0, "cost": 3.0, "services": []string{"day_care"}, "days": 10.0}, nil},
		{"NegativeZero", base + `, "cost": -0`, forms.Answers{"place": "znojmo", "quality": 3.0, "cost": 0.0}, nil},
		{"NullEmptyNotAnswered", base + `, "services": [], "cost": null, "story": "  \t ", "remarks": ""`,
			forms.Answers{"place": "znojmo", "quality": 3.0}, nil},
		{"TextControlCharacters", base + `, "story": "a\u0000b\u0007\tc\r\nd"`,
			forms.Answers{"place": "znojmo", "quality": 3.0, "story": "ab\tc\r\nd"}, nil},
		{"TextLengthInCharacters", base + `, "remarks": "žžžžžžžžžž"`,
			forms.Answers{"place": "znojmo", "quality": 3.0, "remarks": "žžžžžžžžžž"}, nil},

		{"ErrRequired", `"quality": null`, forms.Answers{}, []forms.FieldError{
			{Field: "place", Message: "This question is required."},
			{Field: "quality", Message: "This question is required."}}},
		{"ErrRequiredWhenShown", `"place": "other", "quality": 2, "services": ["day_care"]`,
			forms.Answers{"place": "other", "quality": 2.0, "services": []string{"day_care"}}, []forms.FieldError{
				{Field: "days", Message: "This question is required."},
				{Field: "why_other", Message: "This question is required."}}},
		{"ErrUnknownQuestion", base + `, "zeta": 1, "alpha": "x"`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "alpha", Message: "Unknown question."},
			{Field: "zeta", Message: "Unknown question."}}},
		{"ErrChoiceUnknownOption", `"place": "brno", "quality": 3`, forms.Answers{"quality": 3.0}, []forms.FieldError{
			{Field: "place", Message: "Choose one of the offered options."}}},
		{"ErrChoiceNumber", `"place": 1, "quality": 3`, forms.Answers{"quality": 3.0}, []forms.FieldError{
			{Field: "place", Message: "Choose one of the offered options."}}},
		{"ErrChoiceList", `"place": ["znojmo"], "quality": 3`, forms.Answers{"quality": 3.0}, []forms.FieldError{
			{Field: "place", Message: "Choose one of the offered options."}}},
		{"ErrMultiUnknown", base + `, "services": ["home", "spa"]`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "services", Message: "Choose only from the offered options."}}},
		{"ErrMultiString", base + `, "services": "home"`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "services", Message: "Choose only from the offered options."}}},
		{"ErrMultiTwice", base + `, "services": ["home", "home"]`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "services", Message: "Choose each option only once."}}},
		{"ErrScaleRange", `"place": "znojmo", "quality": 6`, forms.Answers{"place": "znojmo"}, []forms.FieldError{
			{Field: "quality", Message: "Enter a whole number from 1 to 5."}}},
		{"ErrScaleFraction", `"place": "znojmo", "quality": 2.5`, forms.Answers{"place": "znojmo"}, []forms.FieldError{
			{Field: "quality", Message: "Enter a whole number from 1 to 5."}}},
		{"ErrScaleString", `"place": "znojmo", "quality": "3"`, forms.Answers{"place": "znojmo"}, []forms.FieldError{
			{Field: "quality", Message: "Enter a whole number from 1 to 5."}}},
		{"ErrNumberInteger", base + `, "services": ["day_care"], "days": 1.5`,
			forms.Answers{"place": "znojmo", "quality": 3.0, "services": []string{"day_care"}}, []forms.FieldError{
				{Field: "days", Message: "Enter a whole number from 0 to 3650."}}},
		{"ErrNumberBounds", base + `, "cost": true, "share": 0.25, "debt": 0.1`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "cost", Message: "Enter a number."},
			{Field: "share", Message: "Enter a number of at least 0.5."},
			{Field: "debt", Message: "Enter a number of at most 0."}}},
		{"ErrNumberTooLarge", base + `, "cost": 1e400`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "cost", Message: "Enter a number."}}},
		{"ErrText", base + `, "story": 5, "remarks": "01234567890"`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "remarks", Message: "Use at most 10 characters."},
			{Field: "story", Message: "Answer with text."}}},
		{"ErrTextHardCap", base + `, "story": "` + strings.Repeat("x", forms.MaxTextLength+1) + `"`, forms.Answers{"place": "znojmo", "quality": 3.0}, []forms.FieldError{
			{Field: "story", Message: "Use at most 10000 characters."}}},

		// Answers to hidden questions are dropped, bad or not.
		{"HiddenDropped", base + `, "days": 2, "chain": "a", "why_other": "x"`, forms.Answers{"place": "znojmo", "quality": 3.0}, nil},
		{"HiddenBadDropped", base + `, "days": "many", "chain": 7`, forms.Answers{"place": "znojmo", "quality": 3.0}, nil},
		// chain depends on days; days hidden, so chain is hidden too.
		{"HiddenChain", base + `, "services": ["home"], "days": 2, "chain": "a"`,
			forms.Answers{"place": "znojmo", "quality": 3.0, "services": []string{"home"}}, nil},
		// A bad answer counts as not given when later conditions are met.
		{"ErrHidesLater", base + `, "services": ["day_care"], "days": -1, "chain": "a"`,
			forms.Answers{"place": "znojmo", "quality": 3.0, "services": []string{"day_care"}}, []forms.FieldError{
				{Field: "days", Message: "Enter a whole number from 0 to 3650."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := def.ValidateAnswers(MustRaw(t, "{"+tt.raw+"}"))
			if !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("errors\n got %v\nwant %v", errs, tt.errs)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("answers\n got %#v\nwant %#v", got, tt.want)
			}
			if f, ok := got["cost"].(float64); ok && math.Signbit(f) != (f < 0) {
				t.Errorf("cost %v keeps the sign of -0", f)
			}
		})
	}
}

func TestDefinition_ValidateAnswers_Empty(t *testing.T) {
	def := MustParse(t, minimalYAML)
	got, errs := def.ValidateAnswers(nil)
	if got == nil || len(got) != 0 || errs != nil {
		t.Errorf("got %v, %v", got, errs)
	}
}
