package forms

import (
	"fmt"
	"math"
)

// condition checks a show_if condition of the question at position pos:
// one form, referring only to earlier questions, with values those
// questions can have.
func (c *checker) condition(cond *Condition, path string, pos int) {
	leaf := cond.Question != "" || cond.Equals != nil || cond.Includes != "" || cond.In != nil
	forms := 0
	for _, set := range []bool{leaf, cond.All != nil, cond.Any != nil} {
		if set {
			forms++
		}
	}
	switch {
	case forms == 0:
		c.ps.errorf(path, "an empty condition; write {question, equals}, {question, includes}, {question, in}, {all: [...]} or {any: [...]}")
	case forms > 1:
		c.ps.errorf(path, "a condition takes one of \"question\", \"all\" or \"any\", not several; combine conditions with all or any")
	case cond.All != nil:
		c.conditions(cond.All, keyPath(path, "all"), pos)
	case cond.Any != nil:
		c.conditions(cond.Any, keyPath(path, "any"), pos)
	default:
		c.leaf(cond, path, pos)
	}
}

func (c *checker) conditions(list []Condition, path string, pos int) {
	if len(list) == 0 {
		c.ps.errorf(path, "%q needs at least one condition", lastKey(path))
	}
	for i := range list {
		c.condition(&list[i], itemPath(path, i), pos)
	}
}

// leaf checks a condition of the form {question, equals | includes | in}.
func (c *checker) leaf(cond *Condition, path string, pos int) {
	ops := 0
	for _, set := range []bool{cond.Equals != nil, cond.Includes != "", cond.In != nil} {
		if set {
			ops++
		}
	}
	switch {
	case cond.Question == "":
		c.ps.errorf(path, "a condition needs the \"question\" it depends on")
		return
	case ops == 0:
		c.ps.errorf(path, "a condition on %q needs \"equals\", \"includes\" or \"in\"", cond.Question)
		return
	case ops > 1:
		c.ps.errorf(path, "a condition takes only one of \"equals\", \"includes\" or \"in\"")
		return
	}
	questionPath := keyPath(path, "question")
	at, ok := c.order[cond.Question]
	switch {
	case !ok:
		c.ps.errorf(questionPath, "the condition refers to the question %q, which does not exist", cond.Question)
		return
	case at == pos:
		c.ps.errorf(questionPath, "the question %q cannot depend on itself", cond.Question)
		return
	case at > pos:
		c.ps.errorf(questionPath, "the condition refers to the question %q, which comes later; a condition may refer only to earlier questions", cond.Question)
		return
	}
	target := c.questions[at]
	switch {
	case target.Type == TypeText:
		c.ps.errorf(questionPath, "a condition cannot depend on the text question %q", target.ID)
	case !knownType(target.Type):
		// Its type is reported where it is defined.
	case cond.Includes != "":
		includesPath := keyPath(path, "includes")
		if target.Type != TypeMulti {
			c.ps.errorf(includesPath, "\"includes\" works only with multi questions; %q is a %s question, so use \"equals\" or \"in\"", target.ID, target.Type)
		} else if target.Option(cond.Includes) == nil {
			c.ps.errorf(includesPath, "the question %q has no option %q", target.ID, cond.Includes)
		}
	case cond.Equals != nil:
		c.value(target, cond.Equals, keyPath(path, "equals"))
	default:
		inPath := keyPath(path, "in")
		if len(cond.In) == 0 {
			c.ps.errorf(inPath, "\"in\" needs at least one value")
		}
		for i, v := range cond.In {
			c.value(target, v, itemPath(inPath, i))
		}
	}
}

// value checks a value a condition compares the answers to target with.
func (c *checker) value(target *Question, v any, path string) {
	if target.HasOptions() {
		s, ok := v.(string)
		if f, isNumber := asNumber(v); isNumber {
			s, ok = FormatNumber(f), true
		}
		if !ok || target.Option(s) == nil {
			c.ps.errorf(path, "the question %q has no option %s", target.ID, describeValue(v))
		}
		return
	}
	f, ok := asNumber(v)
	switch {
	case !ok:
		c.ps.errorf(path, "the %s question %q has numbers for answers; compare it with a number, not %s", target.Type, target.ID, describeValue(v))
	case target.Type == TypeScale && f != math.Trunc(f):
		c.ps.errorf(path, "the scale %q has whole numbers only, not %s", target.ID, FormatNumber(f))
	case target.Min != nil && f < *target.Min, target.Max != nil && f > *target.Max:
		c.ps.errorf(path, "%s is outside the range of the question %q", FormatNumber(f), target.ID)
	}
}

// describeValue words a condition value for messages.
func describeValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%v", v)
}
