package forms

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTextLength is the most characters a text answer may have when its
// question sets no max_length.
const MaxTextLength = 10_000

// Messages of answer field errors.
const (
	msgRequired        = "This question is required."
	msgUnknownQuestion = "Unknown question."
	msgChooseOne       = "Choose one of the offered options."
	msgChooseOffered   = "Choose only from the offered options."
	msgChooseOnce      = "Choose each option only once."
	msgText            = "Answer with text."
)

// ValidateAnswers checks raw answers, keyed by question id, against the
// definition and returns them clean: a choice answer as the option value
// (string), a multi answer as the chosen values in option order
// ([]string), a scale or number answer as a float64, a text answer
// trimmed, without control characters other than tabs and line breaks.
//
// JSON null, an empty string and an empty list count as not answered.
// Questions are taken in order, and an answer to a question that the
// valid answers before it hide is dropped without an error; a required
// question must be answered only when it is shown.
//
// It returns one FieldError per bad answer, Field being the question id
// and Message a sentence for the person answering, in questionnaire order
// and then, for ids the questionnaire does not have, sorted by id. The
// returned Answers hold every valid answer to a shown question, even when
// there are errors.
func (def *Definition) ValidateAnswers(raw map[string]json.RawMessage) (Answers, []FieldError) {
	answers := Answers{}
	var errs []FieldError
	known := map[string]bool{}
	for _, q := range def.Questions() {
		known[q.ID] = true
		if !q.ShowIf.Met(answers) {
			continue
		}
		v, msg := q.parseAnswer(raw[q.ID])
		switch {
		case msg != "":
			errs = append(errs, FieldError{Field: q.ID, Message: msg})
		case v != nil:
			answers[q.ID] = v
		case q.Required:
			errs = append(errs, FieldError{Field: q.ID, Message: msgRequired})
		}
	}
	var unknown []string
	for id := range raw {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		errs = append(errs, FieldError{Field: id, Message: msgUnknownQuestion})
	}
	return answers, errs
}

// parseAnswer reads one raw answer. It returns the clean value, or nil
// when the question is not answered, or a message when the answer is bad.
func (q *Question) parseAnswer(raw json.RawMessage) (any, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, ""
	}
	switch q.Type {
	case TypeChoice:
		var s string
		if json.Unmarshal(raw, &s) != nil || (s != "" && q.Option(s) == nil) {
			return nil, msgChooseOne
		}
		if s == "" {
			return nil, ""
		}
		return s, ""
	case TypeMulti:
		return q.parseMulti(raw)
	case TypeScale, TypeNumber:
		var f float64
		if json.Unmarshal(raw, &f) != nil || !q.inRange(f) {
			return nil, q.numberMessage()
		}
		return f + 0, "" // + 0 turns -0 into 0
	case TypeText:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, msgText
		}
		s = cleanText(s)
		limit := MaxTextLength
		if q.MaxLength > 0 {
			limit = q.MaxLength
		}
		if utf8.RuneCountInString(s) > limit {
			return nil, "Use at most " + strconv.Itoa(limit) + " characters."
		}
		if s == "" {
			return nil, ""
		}
		return s, ""
	}
	return nil, "This question cannot be answered."
}

func (q *Question) parseMulti(raw json.RawMessage) (any, string) {
	var chosen []string
	if json.Unmarshal(raw, &chosen) != nil {
		return nil, msgChooseOffered
	}
	if len(chosen) == 0 {
		return nil, ""
	}
	seen := map[string]bool{}
	for _, s := range chosen {
		if q.Option(s) == nil {
			return nil, msgChooseOffered
		}
		if seen[s] {
			return nil, msgChooseOnce
		}
		seen[s] = true
	}
	out := make([]string, 0, len(chosen))
	for _, o := range q.Options {
		if seen[o.Value] {
			out = append(out, o.Value)
		}
	}
	return out, ""
}

// inRange reports whether f is an answer the scale or number question
// takes.
func (q *Question) inRange(f float64) bool {
	whole := q.Type == TypeScale || q.Integer
	return !(whole && f != math.Trunc(f)) &&
		(q.Min == nil || f >= *q.Min) && (q.Max == nil || f <= *q.Max)
}

// numberMessage tells what a scale or number question takes.
func (q *Question) numberMessage() string {
	kind := "a number"
	if q.Type == TypeScale || q.Integer {
		kind = "a whole number"
	}
	switch {
	case q.Min != nil && q.Max != nil:
		return "Enter " + kind + " from " + FormatNumber(*q.Min) + " to " + FormatNumber(*q.Max) + "."
	case q.Min != nil:
		return "Enter " + kind + " of at least " + FormatNumber(*q.Min) + "."
	case q.Max != nil:
		return "Enter " + kind + " of at most " + FormatNumber(*q.Max) + "."
	}
	return "Enter " + kind + "."
}

// cleanText trims a text answer and drops control characters other than
// tabs and line breaks.
func cleanText(s string) string {
	if strings.ContainsFunc(s, isStrayControl) {
		s = strings.Map(func(r rune) rune {
			if isStrayControl(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

func isStrayControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}
