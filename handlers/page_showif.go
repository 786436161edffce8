package handlers

import (
	"encoding/json"
	"fmt"

	"github.com/triada-kpss/triada/forms"
)

// jsCondition is a show_if condition as form.js reads it from a
// data-show-if attribute: {all}, {any}, or a leaf naming the question,
// the operator (equals, includes, in), the values as strings, and whether
// the question's answers are numbers, compared as numbers.
type jsCondition struct {
	All []jsCondition `json:"all,omitempty"`
	Any []jsCondition `json:"any,omitempty"`
	Q   string        `json:"q,omitempty"`
	Op  string        `json:"op,omitempty"`
	V   []string      `json:"v,omitempty"`
	Num bool          `json:"num,omitempty"`
}

// showIfJSON writes the condition for the script.
func showIfJSON(def *forms.Definition, c *forms.Condition) string {
	b, err := json.Marshal(toJS(def, c))
	if err != nil {
		return "" // cannot happen: strings and booleans only
	}
	return string(b)
}

func toJS(def *forms.Definition, c *forms.Condition) jsCondition {
	var out jsCondition
	switch {
	case c.All != nil:
		out.All = make([]jsCondition, 0, len(c.All))
		for i := range c.All {
			out.All = append(out.All, toJS(def, &c.All[i]))
		}
		if len(out.All) == 0 {
			return jsCondition{} // an empty {all} is met, as a leaf without a question
		}
	case c.Any != nil:
		out.Any = make([]jsCondition, 0, len(c.Any))
		for i := range c.Any {
			out.Any = append(out.Any, toJS(def, &c.Any[i]))
		}
		if len(out.Any) == 0 {
			return jsCondition{Q: "-", Op: "in"} // an empty {any} is never met
		}
	case c.Question != "":
		out.Q = c.Question
		if target := def.Question(c.Question); target != nil {
			out.Num = target.IsNumeric()
		}
		switch {
		case c.Includes != "":
			out.Op, out.V = "includes", []string{c.Includes}
		case c.Equals != nil:
			out.Op, out.V = "equals", []string{conditionValue(c.Equals)}
		default:
			out.Op = "in"
			for _, v := range c.In {
				out.V = append(out.V, conditionValue(v))
			}
		}
	}
	return out
}

// conditionValue writes a condition value as a string: numbers as forms
// writes them in answer codes.
func conditionValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return forms.FormatNumber(x)
	case int:
		return forms.FormatNumber(float64(x))
	}
	return fmt.Sprint(v)
}
