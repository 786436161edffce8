package forms

import (
	"slices"
	"strconv"
)

// Met reports whether the answers meet the condition. A nil condition, or
// one with no form set, is always met. {question, equals} is met by a
// choice answer equal to the value, a scale or number answer equal to the
// number, or a multi answer that chose that one option and no other;
// {question, includes} by a multi answer that chose the option;
// {question, in} by a choice, scale or number answer equal to one of the
// values, or a multi answer that chose at least one of them; {all} when
// every condition is met and {any} when one is. A question not answered
// meets no condition on it.
//
// Met looks at the answers as given; Visible also ignores answers to
// questions that are themselves hidden.
func (c *Condition) Met(a Answers) bool {
	switch {
	case c == nil:
		return true
	case c.All != nil:
		for i := range c.All {
			if !c.All[i].Met(a) {
				return false
			}
		}
		return true
	case c.Any != nil:
		for i := range c.Any {
			if c.Any[i].Met(a) {
				return true
			}
		}
		return false
	case c.Question == "":
		return true
	}
	answer, ok := a[c.Question]
	if !ok || answer == nil {
		return false
	}
	chosen, isMulti := asStrings(answer)
	switch {
	case c.Includes != "":
		return isMulti && slices.Contains(chosen, c.Includes)
	case c.Equals != nil && isMulti:
		return len(chosen) == 1 && sameValue(chosen[0], c.Equals)
	case c.Equals != nil:
		return sameValue(answer, c.Equals)
	case isMulti:
		for _, s := range chosen {
			if slices.ContainsFunc(c.In, func(want any) bool { return sameValue(s, want) }) {
				return true
			}
		}
		return false
	}
	return slices.ContainsFunc(c.In, func(want any) bool { return sameValue(answer, want) })
}

// sameValue compares one answer value with a condition value: strings as
// strings, numbers as numbers, and a string with a number by the number's
// FormatNumber form or the string's numeric value.
func sameValue(answer, want any) bool {
	if s, ok := answer.(string); ok {
		if w, ok := want.(string); ok {
			return s == w
		}
		if w, ok := asNumber(want); ok {
			return s == FormatNumber(w)
		}
		return false
	}
	f, ok := asNumber(answer)
	if !ok {
		return false
	}
	if w, ok := asNumber(want); ok {
		return f == w
	}
	if w, ok := want.(string); ok {
		n, err := strconv.ParseFloat(w, 64)
		return err == nil && n == f
	}
	return false
}

// Visible reports whether the question is shown given the answers: its
// show_if is met by the answers to the questions shown before it. An
// answer to a hidden question counts as not given, so a condition on a
// hidden question is not met. A nil question is not visible.
func (def *Definition) Visible(q *Question, a Answers) bool {
	if q == nil {
		return false
	}
	shown := Answers{}
	for _, x := range def.Questions() {
		met := x.ShowIf.Met(shown)
		if x == q || x.ID == q.ID {
			return met
		}
		if v, ok := a[x.ID]; ok && met {
			shown[x.ID] = v
		}
	}
	return q.ShowIf.Met(shown)
}

// VisibleAnswers returns the answers to the questions that the answers
// show, in a new map: answers to hidden and unknown questions are left
// out.
func (def *Definition) VisibleAnswers(a Answers) Answers {
	shown := Answers{}
	for _, x := range def.Questions() {
		if v, ok := a[x.ID]; ok && x.ShowIf.Met(shown) {
			shown[x.ID] = v
		}
	}
	return shown
}
