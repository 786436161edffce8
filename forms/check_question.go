package forms

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// question checks the question at position pos.
func (c *checker) question(pos int) {
	q, path := c.questions[pos], c.paths[pos]
	idPath := keyPath(path, "id")
	switch {
	case q.ID == "":
		c.ps.errorf(idPath, "a question needs an \"id\"")
	case !questionIDPattern.MatchString(q.ID) || len(q.ID) > maxIDLength:
		c.ps.errorf(idPath, "the question id %q may hold only lower-case letters a-z, digits and underscores, at most %d", q.ID, maxIDLength)
	case c.order[q.ID] != pos:
		first := c.ps.lineOf(keyPath(c.paths[c.order[q.ID]], "id"))
		c.ps.errorf(idPath, "the question id %q is already used%s; ids must be unique in the questionnaire", q.ID, onLine(first))
	}
	typePath := keyPath(path, "type")
	switch q.Type {
	case TypeChoice, TypeMulti, TypeScale, TypeNumber, TypeText:
	case "":
		c.ps.errorf(typePath, "a question needs a \"type\": choice, multi, scale, number or text")
	default:
		c.ps.errorf(typePath, "unknown question type %q; use choice, multi, scale, number or text", q.Type)
	}
	if q.Text.IsZero() {
		// CONTRACT's own example leaves text out; a question without one
		// still works (pages show its id), so this only warns.
		c.ps.warnf(keyPath(path, "text"), "question %q has no \"text\"; people would see its id instead", q.ID)
	} else {
		c.text(keyPath(path, "text"), q.Text, false)
	}
	c.text(keyPath(path, "help"), q.Help, false)
	c.tags(keyPath(path, "tags"), q.Tags)
	if q.ShowIf != nil {
		c.condition(q.ShowIf, keyPath(path, "show_if"), pos)
	}
	if !knownType(q.Type) {
		return // what the other keys may hold depends on the type
	}
	c.options(q, path)
	c.bounds(q, path)
	switch {
	case q.MaxLength != 0 && q.Type != TypeText:
		c.ps.errorf(keyPath(path, "max_length"), "\"max_length\" is only for text questions")
	case q.MaxLength < 0 || q.MaxLength > maxMaxLength:
		c.ps.errorf(keyPath(path, "max_length"), "\"max_length\" must be a whole number from 1 to %d", maxMaxLength)
	}
	if q.Integer && q.Type != TypeNumber {
		c.ps.errorf(keyPath(path, "integer"), "\"integer\" is only for number questions (scale answers are always whole)")
	}
}

func knownType(t string) bool {
	switch t {
	case TypeChoice, TypeMulti, TypeScale, TypeNumber, TypeText:
		return true
	}
	return false
}

// onLine words a line reference for a message, or nothing without a line.
func onLine(line int) Phrase {
	if line == 0 {
		return Phrasef("")
	}
	return Phrasef(" on line %d", line)
}

// options checks the options of a question.
func (c *checker) options(q *Question, path string) {
	path = keyPath(path, "options")
	switch {
	case !q.HasOptions():
		if len(q.Options) > 0 {
			c.ps.errorf(path, "\"options\" are only for choice and multi questions, not %s", q.Type)
		}
		return
	case q.Type == TypeChoice && len(q.Options) < 2:
		c.ps.errorf(path, "a choice question needs at least two \"options\"")
	case q.Type == TypeMulti && len(q.Options) < 1:
		c.ps.errorf(path, "a multi question needs at least one option in \"options\"")
	}
	seen := map[string]bool{}
	for i := range q.Options {
		o := &q.Options[i]
		optPath := itemPath(path, i)
		valuePath := keyPath(optPath, "value")
		switch {
		case o.Value == "":
			c.ps.errorf(valuePath, "an option needs a \"value\"")
		case !validOptionValue(o.Value):
			c.ps.errorf(valuePath, "the option value %q may not hold \"=\" or control characters, nor be longer than %d characters", o.Value, maxValueLength)
		case seen[o.Value]:
			c.ps.errorf(valuePath, "the option value %q is used twice in this question", o.Value)
		}
		seen[o.Value] = true
		c.text(keyPath(optPath, "label"), o.Label, true)
		c.tags(keyPath(optPath, "tags"), o.Tags)
	}
}

// validOptionValue reports whether an option value can be part of an
// answer code "qid=value".
func validOptionValue(v string) bool {
	return utf8.ValidString(v) && utf8.RuneCountInString(v) <= maxValueLength &&
		!strings.ContainsFunc(v, func(r rune) bool { return r == '=' || unicode.IsControl(r) })
}

// bounds checks min and max.
func (c *checker) bounds(q *Question, path string) {
	minPath, maxPath := keyPath(path, "min"), keyPath(path, "max")
	if !q.IsNumeric() {
		if q.Min != nil {
			c.ps.errorf(minPath, "\"min\" is only for scale and number questions")
		}
		if q.Max != nil {
			c.ps.errorf(maxPath, "\"max\" is only for scale and number questions")
		}
		return
	}
	for _, b := range []struct {
		path string
		v    *float64
	}{{minPath, q.Min}, {maxPath, q.Max}} {
		if b.v != nil && (math.IsNaN(*b.v) || math.IsInf(*b.v, 0)) {
			c.ps.errorf(b.path, "%q must be a finite number", lastKey(b.path))
			return
		}
	}
	if q.Type == TypeNumber {
		if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			c.ps.errorf(maxPath, "\"max\" (%s) must not be less than \"min\" (%s)", FormatNumber(*q.Max), FormatNumber(*q.Min))
		}
		return
	}
	switch {
	case q.Min == nil:
		c.ps.errorf(minPath, "a scale needs both \"min\" and \"max\"")
	case q.Max == nil:
		c.ps.errorf(maxPath, "a scale needs both \"min\" and \"max\"")
	case *q.Min != math.Trunc(*q.Min):
		c.ps.errorf(minPath, "\"min\" of a scale must be a whole number")
	case *q.Max != math.Trunc(*q.Max):
		c.ps.errorf(maxPath, "\"max\" of a scale must be a whole number")
	case *q.Min >= *q.Max:
		c.ps.errorf(maxPath, "\"max\" (%s) of a scale must be greater than \"min\" (%s)", FormatNumber(*q.Max), FormatNumber(*q.Min))
	case *q.Max-*q.Min > maxScaleSteps:
		c.ps.errorf(maxPath, "a scale may span at most %d from \"min\" to \"max\"; use a number question for more", maxScaleSteps)
	}
}
