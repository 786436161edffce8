package engine

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/triada-kpss/triada/forms"
)

// numberPattern is a number as people type it: digits with an optional
// sign and a decimal point or comma, after spaces are removed.
var numberPattern = regexp.MustCompile(`^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$`)

// ParseNumber reads a number typed into a form: "12", "-3", "2,5" (a
// decimal comma, as Czech and Slovak write it), "2.5" and "1 000"
// (spaces, also no-break ones, between thousands). It reports false for
// anything else, including exponents, infinities and hexadecimal.
func ParseNumber(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\t':
			return -1
		}
		return r
	}, s)
	if !numberPattern.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// RawAnswers turns form values, as a draft keeps them, into the raw
// answers that forms.Definition.ValidateAnswers checks: a choice or text
// answer as a string, a multi answer as a list of strings, a scale or
// number answer as a number, or as the string typed when it is not one,
// so that validation reports it. Empty values count as not answered;
// values for questions the definition does not have are left out.
func RawAnswers(def *forms.Definition, values map[string][]string) map[string]json.RawMessage {
	raw := map[string]json.RawMessage{}
	for _, q := range def.Questions() {
		vs := nonEmpty(values[q.ID])
		if len(vs) == 0 {
			continue
		}
		var v any = vs[0]
		switch q.Type {
		case forms.TypeMulti:
			v = vs
		case forms.TypeScale, forms.TypeNumber:
			if f, ok := ParseNumber(vs[0]); ok {
				v = f
			}
		}
		b, err := json.Marshal(v)
		if err != nil {
			continue // strings, lists of strings and finite numbers always marshal
		}
		raw[q.ID] = b
	}
	return raw
}

// nonEmpty returns the values that hold more than white space.
func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// DraftAnswers validates the values of a whole draft: it returns the
// valid answers to the questions they show and the problems, one per
// question, in questionnaire order.
func DraftAnswers(def *forms.Definition, values map[string][]string) (forms.Answers, []FieldError) {
	return def.ValidateAnswers(RawAnswers(def, values))
}

// PageErrors returns the problems with the answers to the questions of
// page p (0-based) that the values show.
func PageErrors(def *forms.Definition, values map[string][]string, p int) []FieldError {
	if p < 0 || p >= len(def.Pages) {
		return nil
	}
	_, errs := DraftAnswers(def, values)
	var out []FieldError
	for _, fe := range errs {
		if PageOf(def, fe.Field) == p {
			out = append(out, fe)
		}
	}
	return out
}

// PageOf returns the 0-based page of the question with the id, or -1.
func PageOf(def *forms.Definition, questionID string) int {
	for i := range def.Pages {
		for j := range def.Pages[i].Questions {
			if def.Pages[i].Questions[j].ID == questionID {
				return i
			}
		}
	}
	return -1
}

// PageShown reports whether page p has a question that the answers show;
// a page whose every question is hidden is skipped.
func PageShown(def *forms.Definition, a forms.Answers, p int) bool {
	if p < 0 || p >= len(def.Pages) {
		return false
	}
	for j := range def.Pages[p].Questions {
		if def.Visible(&def.Pages[p].Questions[j], a) {
			return true
		}
	}
	return false
}

// NextPage returns the first page after p that the answers show, or -1.
func NextPage(def *forms.Definition, a forms.Answers, p int) int {
	for i := p + 1; i < len(def.Pages); i++ {
		if PageShown(def, a, i) {
			return i
		}
	}
	return -1
}

// PreviousPage returns the last page before p that the answers show, or
// -1 when p is the first shown.
func PreviousPage(def *forms.Definition, a forms.Answers, p int) int {
	for i := min(p, len(def.Pages)) - 1; i >= 0; i-- {
		if PageShown(def, a, i) {
			return i
		}
	}
	return -1
}

// FurthestPage returns the last page a person may open: the first page
// holding a problem with the values (every page before it is answered
// well), or the last page shown when there is none. Pages past it would
// skip a required or invalid answer.
func FurthestPage(def *forms.Definition, values map[string][]string) int {
	a, errs := DraftAnswers(def, values)
	first := -1
	for _, fe := range errs {
		if p := PageOf(def, fe.Field); p >= 0 && (first < 0 || p < first) {
			first = p
		}
	}
	if first >= 0 {
		return first
	}
	last := PreviousPage(def, a, len(def.Pages))
	return max(last, 0)
}
