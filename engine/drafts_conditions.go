package engine

import "github.com/triada-kpss/triada/forms"

// LiveCondition decides, for a question on page p, what the answers to
// the pages before it already settle about its show_if. It returns
// shown=false when the question is hidden whatever is answered on page p;
// shown=true and live=nil when it is shown whatever; shown=true and the
// part of the condition that depends on the questions of page p itself
// otherwise. A page then shows the question, and a script (or, without
// one, the server on the next save) applies live as the person answers.
//
// answers are the valid answers to the questions shown (DraftAnswers).
func LiveCondition(def *forms.Definition, answers forms.Answers, p int, c *forms.Condition) (shown bool, live *forms.Condition) {
	known, value, rest := settle(def, answers, p, c)
	if known {
		return value, nil
	}
	return true, rest
}

// settle evaluates c with three values: known and its value, or unknown
// and the condition that remains once the known parts are dropped.
func settle(def *forms.Definition, a forms.Answers, p int, c *forms.Condition) (known, value bool, rest *forms.Condition) {
	switch {
	case c == nil:
		return true, true, nil
	case c.All != nil:
		return settleList(def, a, p, c.All, false)
	case c.Any != nil:
		return settleList(def, a, p, c.Any, true)
	case c.Question == "":
		return true, true, nil
	case PageOf(def, c.Question) == p:
		leaf := *c
		return false, false, &leaf
	}
	return true, c.Met(a), nil
}

// settleList settles {all} (decisive false) or {any} (decisive true).
func settleList(def *forms.Definition, a forms.Answers, p int, list []forms.Condition, decisive bool) (bool, bool, *forms.Condition) {
	var rests []forms.Condition
	for i := range list {
		known, value, rest := settle(def, a, p, &list[i])
		switch {
		case known && value == decisive:
			return true, decisive, nil
		case !known:
			rests = append(rests, *rest)
		}
	}
	switch len(rests) {
	case 0:
		return true, !decisive, nil
	case 1:
		return false, false, &rests[0]
	}
	if decisive {
		return false, false, &forms.Condition{Any: rests}
	}
	return false, false, &forms.Condition{All: rests}
}
