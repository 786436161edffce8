package handlers

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/i18n"
)

// formView is one page of a questionnaire.
type formView struct {
	pageBase
	Questionnaire   string
	PageTitle       string
	Step, Steps     int
	Action          string
	Questions       []questionView
	IsFirst, IsLast bool
	// Preview, set only in the staff's preview of a questionnaire
	// (page_questionnaire_preview.go), says that nothing is saved; Carry
	// holds the answers of the other pages, which a preview keeps in the
	// form instead of a draft.
	Preview string
	Carry   []carriedValue
}

// carriedValue is one hidden answer a preview carries from page to page.
type carriedValue struct{ Name, Value string }

// questionView is one question as the partials draw it.
type questionView struct {
	L             *i18n.Printer
	ID            string
	InputID       string // the input (or first option) the error summary links to
	Kind          string // radios, checkboxes, scale, number, text, textarea
	Text          string
	Help          string
	Hint          string
	Error         string
	Required      bool
	Value         string // what was typed (number, text, textarea)
	Options       []optionView
	Inputmode     string
	MaxLength     int
	CountMessages string // the character count's texts, as JSON, for the script
	DescribedBy   string
	ShowIf        string // the condition the script applies, as JSON; "" when none
}

type optionView struct {
	ID, Value, Label string
	Checked          bool
}

// shortTextLength is the longest max_length that gets a one-line input
// rather than a text area.
const shortTextLength = 300

// renderForm draws page n of q with the values as typed and the errors
// of its questions.
func (p *pages) renderForm(c *gin.Context, status int, q *engine.Questionnaire, n int, values map[string][]string, errs []engine.FieldError) {
	p.render(c, status, "form", p.formPageView(c, q, n, values, errs))
}

// formPageView prepares page n of q as renderForm draws it.
func (p *pages) formPageView(c *gin.Context, q *engine.Questionnaire, n int, values map[string][]string, errs []engine.FieldError) formView {
	def := q.Definition
	b := p.base(c, "")
	lang := b.L.Lang()
	answers, _ := engine.DraftAnswers(def, values)
	v := formView{
		pageBase:      b,
		Questionnaire: def.Title.In(lang),
		PageTitle:     def.Pages[n].Title.In(lang),
		Action:        pagePath(q.ID, n),
		IsFirst:       engine.PreviousPage(def, answers, n) < 0,
		IsLast:        engine.NextPage(def, answers, n) < 0,
	}
	for i := range def.Pages {
		if engine.PageShown(def, answers, i) || i == n {
			v.Steps++
			if i <= n {
				v.Step++
			}
		}
	}
	if v.PageTitle == "" {
		v.PageTitle = v.Questionnaire
	}
	v.Title = v.PageTitle + " – " + v.Questionnaire
	if v.PageTitle == v.Questionnaire {
		v.Title = v.Questionnaire
	}
	failed := map[string]bool{}
	for _, fe := range errs {
		failed[fe.Field] = true
	}
	for i := range def.Pages[n].Questions {
		question := &def.Pages[n].Questions[i]
		shown, live := engine.LiveCondition(def, answers, n, question.ShowIf)
		if !shown {
			continue
		}
		qv := newQuestionView(b.L, question, values[question.ID])
		if live != nil {
			qv.ShowIf = showIfJSON(def, live)
		}
		if failed[question.ID] {
			qv.Error = fieldMessage(b.L, question, values[question.ID])
			v.Errors = append(v.Errors, errorView{InputID: qv.InputID, Question: qv.Text, Message: qv.Error})
		}
		qv.describe()
		v.Questions = append(v.Questions, qv)
	}
	v.CSRF = p.csrfToken(c)
	return v
}

// newQuestionView prepares a question with the values typed for it.
func newQuestionView(L *i18n.Printer, q *forms.Question, values []string) questionView {
	lang := L.Lang()
	v := questionView{L: L, ID: q.ID, InputID: "q-" + q.ID, Text: q.Text.In(lang), Help: q.Help.In(lang), Required: q.Required}
	if len(values) > 0 {
		v.Value = values[0]
	}
	option := func(i int, value, label string) optionView {
		id := v.InputID
		if i > 0 {
			id += "-" + itoa(i+1)
		}
		return optionView{ID: id, Value: value, Label: label, Checked: slices.Contains(values, value)}
	}
	switch q.Type {
	case forms.TypeChoice, forms.TypeMulti:
		v.Kind = "radios"
		if q.Type == forms.TypeMulti {
			v.Kind = "checkboxes"
		}
		for i, o := range q.Options {
			v.Options = append(v.Options, option(i, o.Value, o.Label.In(lang)))
		}
	case forms.TypeScale:
		v.Kind = "scale"
		for i, x := 0, *q.Min; x <= *q.Max; i, x = i+1, x+1 {
			s := forms.FormatNumber(x)
			v.Options = append(v.Options, option(i, s, L.Number(s)))
		}
	case forms.TypeNumber:
		v.Kind = "number"
		v.Hint = numberMessage(L, q)
		v.Inputmode = "decimal"
		switch {
		case q.Min == nil || *q.Min < 0:
			v.Inputmode = "text" // the numeric keyboards of phones lack a minus sign
		case q.Integer:
			v.Inputmode = "numeric"
		}
	case forms.TypeText:
		v.Kind = "text"
		if q.MaxLength == 0 || q.MaxLength > shortTextLength {
			v.Kind = "textarea"
			v.MaxLength = q.MaxLength
			if v.MaxLength == 0 {
				v.MaxLength = forms.MaxTextLength
			}
			v.Hint = L.N("hint.text_limit", v.MaxLength)
			counts, _ := json.Marshal(map[string][]string{"left": L.Forms("count.left"), "over": L.Forms("count.over")})
			v.CountMessages = string(counts)
		}
	}
	return v
}

// describe lists the ids of the help, hint, error and count that
// describe the question's input, in the order they are read.
func (v *questionView) describe() {
	var ids []string
	if v.Help != "" {
		ids = append(ids, v.ID+"-help")
	}
	if v.Hint != "" {
		ids = append(ids, v.ID+"-hint")
	}
	if v.Error != "" {
		ids = append(ids, v.ID+"-error")
	}
	if v.Kind == "textarea" {
		ids = append(ids, v.ID+"-count")
	}
	v.DescribedBy = strings.Join(ids, " ")
}
