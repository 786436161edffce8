package engine

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/triada-kpss/triada/forms"
)

// Comparison sets the results of two questionnaires that share question
// ids side by side (the needs survey of one planning cycle and of the
// next). Changes are "this minus other": Questionnaire is the cycle
// looked at, With the one it is compared with.
type Comparison struct {
	Questionnaire string               `json:"questionnaire"`
	With          string               `json:"with"`
	Total         int                  `json:"total"`
	WithTotal     int                  `json:"with_total"`
	Filters       []Filter             `json:"filters,omitempty"`
	Questions     []QuestionComparison `json:"questions"`
	// Skipped lists the shared question ids that cannot be compared
	// (another type, or free text), with the reason.
	Skipped []SkippedQuestion `json:"skipped"`
}

// QuestionComparison is one shared question in both cycles.
type QuestionComparison struct {
	ID           string             `json:"id"`
	Type         string             `json:"type"`
	Text         forms.Text         `json:"text,omitempty"`
	Answered     int                `json:"answered"`
	WithAnswered int                `json:"with_answered"`
	Options      []OptionComparison `json:"options"`
	// For scale and number questions: the means and their change.
	Mean       *float64 `json:"mean,omitempty"`
	WithMean   *float64 `json:"with_mean,omitempty"`
	MeanChange *float64 `json:"mean_change,omitempty"`
}

// OptionComparison is one option (matched by value) in both cycles.
// Change is the change of share in percentage points (share minus
// with_share, times 100). In tells where the option is defined (for
// choice and multi) or was given (for scale and number): "both", "this"
// or "with"; an option missing from a cycle counts 0 there.
type OptionComparison struct {
	Value     string     `json:"value"`
	Label     forms.Text `json:"label,omitempty"`
	Count     int        `json:"count"`
	Share     float64    `json:"share"`
	WithCount int        `json:"with_count"`
	WithShare float64    `json:"with_share"`
	Change    float64    `json:"change"`
	In        string     `json:"in"`
}

// SkippedQuestion is a shared question that is not compared.
type SkippedQuestion struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Where an option is found.
const (
	InBoth = "both"
	InThis = "this"
	InWith = "with"
)

// CompareResults compares the results of questionnaire questionnaireID
// with those of withID over the questions both have with the same id and
// type (choice, multi, scale, number); filters apply to both, so each
// filter's question and value must exist in both. Any signed-in user may
// compare, as anyone may read results. ENOTFOUND for an unknown
// questionnaire, EINVALID for comparing a questionnaire with itself, no
// shared question, or a bad filter.
func (e *Engine) CompareResults(ctx context.Context, actor *User, questionnaireID, withID string, filters []Filter) (*Comparison, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	if withID == "" {
		return nil, Invalid("Choose a questionnaire to compare with.", FieldError{Field: "with", Message: "Give the other questionnaire's id as ?with=ID."})
	}
	if withID == questionnaireID {
		return nil, Invalid("Compare two different questionnaires.", FieldError{Field: "with", Message: "A questionnaire is compared with another one (the previous cycle's)."})
	}
	this, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	other, err := e.FindQuestionnaire(ctx, withID)
	if err != nil {
		return nil, err
	}
	cmp := &Comparison{Questionnaire: this.ID, With: other.ID, Filters: filters, Questions: []QuestionComparison{}, Skipped: []SkippedQuestion{}}
	var shared, otherShared []*forms.Question
	for _, q := range this.Definition.Questions() {
		oq := other.Definition.Question(q.ID)
		switch {
		case oq == nil:
			continue
		case oq.Type != q.Type:
			cmp.Skipped = append(cmp.Skipped, SkippedQuestion{ID: q.ID, Reason: fmt.Sprintf("It is a %s question in %s and a %s question in %s.", q.Type, this.ID, oq.Type, other.ID)})
		case q.Type == forms.TypeText:
			cmp.Skipped = append(cmp.Skipped, SkippedQuestion{ID: q.ID, Reason: "Free-text answers are not compared; compare their codes in each report."})
		default:
			shared, otherShared = append(shared, q), append(otherShared, oq)
		}
	}
	if len(shared) == 0 {
		return nil, Invalid("Nothing to compare.", Fieldf("with", "The questionnaires %s and %s share no question of the same type (by id).", this.ID, other.ID))
	}
	rq := ResultsQuery{Filters: filters}
	a, err := e.results(ctx, this.Definition, rq, shared)
	if err != nil {
		return nil, err
	}
	b, err := e.results(ctx, other.Definition, rq, otherShared)
	if err != nil {
		return nil, err
	}
	cmp.Total, cmp.WithTotal = a.Total, b.Total
	for i := range a.Questions {
		cmp.Questions = append(cmp.Questions, compareQuestion(&a.Questions[i], &b.Questions[i]))
	}
	return cmp, nil
}

// compareQuestion matches the options of two results of one question by
// value: those of this cycle in its order, then those only the other has.
func compareQuestion(a, b *QuestionResult) QuestionComparison {
	qc := QuestionComparison{ID: a.ID, Type: a.Type, Text: a.Text, Answered: a.Answered, WithAnswered: b.Answered, Options: []OptionComparison{}}
	byValue := map[string]OptionCount{}
	for _, o := range b.Options {
		byValue[o.Value] = o
	}
	seen := map[string]bool{}
	for _, o := range a.Options {
		seen[o.Value] = true
		oc := OptionComparison{Value: o.Value, Label: o.Label, Count: o.Count, Share: o.Share, In: InThis}
		if w, ok := byValue[o.Value]; ok {
			oc.WithCount, oc.WithShare, oc.In = w.Count, w.Share, InBoth
		}
		oc.Change = percentagePoints(oc.Share, oc.WithShare)
		qc.Options = append(qc.Options, oc)
	}
	for _, o := range b.Options {
		if seen[o.Value] {
			continue
		}
		qc.Options = append(qc.Options, OptionComparison{Value: o.Value, Label: o.Label, WithCount: o.Count, WithShare: o.Share, Change: percentagePoints(0, o.Share), In: InWith})
	}
	if a.Type == forms.TypeScale || a.Type == forms.TypeNumber {
		sortNumericOptions(qc.Options)
		qc.Mean, qc.WithMean = a.Mean, b.Mean
		if a.Mean != nil && b.Mean != nil {
			d := *a.Mean - *b.Mean
			qc.MeanChange = &d
		}
	}
	return qc
}

// percentagePoints is the change from share b to share a, in percentage
// points.
func percentagePoints(a, b float64) float64 { return (a - b) * 100 }

// sortNumericOptions orders the values of a scale or number question
// numerically, as results do.
func sortNumericOptions(opts []OptionComparison) {
	slices.SortStableFunc(opts, func(x, y OptionComparison) int {
		a, _ := strconv.ParseFloat(x.Value, 64)
		b, _ := strconv.ParseFloat(y.Value, 64)
		return cmp.Compare(a, b)
	})
}
