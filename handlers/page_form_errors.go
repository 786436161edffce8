package handlers

import (
	"strings"
	"unicode/utf8"

	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/i18n"
)

// fieldMessage says, in the person's language, what is wrong with the
// values typed for a question that forms.ValidateAnswers found at fault.
// forms gives English sentences; the page tells the kind of problem from
// the question and the values by forms' own rules, and translates that.
func fieldMessage(L *i18n.Printer, q *forms.Question, values []string) string {
	var typed []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			typed = append(typed, v)
		}
	}
	switch q.Type {
	case forms.TypeChoice:
		if len(typed) == 0 {
			return L.T("error.choice.required")
		}
		return L.T("error.choice.offered")
	case forms.TypeMulti:
		if len(typed) == 0 {
			return L.T("error.multi.required")
		}
		return L.T("error.multi.offered")
	case forms.TypeScale:
		return L.T("error.scale", L.Number(forms.FormatNumber(*q.Min)), L.Number(forms.FormatNumber(*q.Max)))
	case forms.TypeNumber:
		return numberMessage(L, q)
	case forms.TypeText:
		limit := q.MaxLength
		if limit == 0 {
			limit = forms.MaxTextLength
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(strings.Join(typed, ""))); n > limit {
			return L.N("error.text.long", limit, n)
		}
		return L.T("error.text.required")
	}
	return L.T("error.generic")
}

// numberMessage tells what a number question takes, as forms does: a
// whole number for integer questions, within the bounds the question
// sets. It is the hint beside a number input and the
// message of every problem with one (missing, not a number, out of range).
func numberMessage(L *i18n.Printer, q *forms.Question) string {
	key := "error.number"
	if q.Integer {
		key = "error.whole"
	}
	num := func(f *float64) string { return L.Number(forms.FormatNumber(*f)) }
	switch {
	case q.Min != nil && q.Max != nil:
		return L.T(key+".range", num(q.Min), num(q.Max))
	case q.Min != nil:
		return L.T(key+".min", num(q.Min))
	case q.Max != nil:
		return L.T(key+".max", num(q.Max))
	}
	return L.T(key + ".any")
}
