package engine

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/triada-kpss/triada/forms"
)

// ResultsQuery narrows and breaks down results.
type ResultsQuery struct {
	Segment string   // a choice question id, or ""
	Filters []Filter // every one must hold
	// AnyOf are sets of filters of which at least one of each set must
	// hold; the report pages put the options chosen of one question in
	// one set. The API's repeatable filter stays Filters (AND).
	AnyOf [][]Filter
}

// Filter keeps the responses whose answer to Question equals Value (or,
// for a multi question, includes it).
type Filter struct {
	Question string `json:"question"`
	Value    string `json:"value"`
}

// ParseFilter reads "QID:VALUE".
func ParseFilter(s string) (Filter, error) {
	qid, value, ok := strings.Cut(s, ":")
	if !ok || qid == "" {
		return Filter{}, Invalid("Invalid filter.", Fieldf("filter", "Write a filter as QUESTION:VALUE, not %q.", s))
	}
	return Filter{Question: qid, Value: value}, nil
}

// Results are the counted answers of a questionnaire.
type Results struct {
	Questionnaire string           `json:"questionnaire"`
	Total         int              `json:"total"`
	Segment       string           `json:"segment,omitempty"`
	Filters       []Filter         `json:"filters,omitempty"`
	AnyOf         [][]Filter       `json:"any_of,omitempty"`
	Questions     []QuestionResult `json:"questions"`
}

// Stats are the counts of one question over a set of responses.
type Stats struct {
	Answered int           `json:"answered"`
	Options  []OptionCount `json:"options,omitzero"`
	Mean     *float64      `json:"mean,omitempty"`
	Median   *float64      `json:"median,omitempty"`
	Min      *float64      `json:"min,omitempty"`
	Max      *float64      `json:"max,omitempty"`
	// Codes, for a text question only, count the codes people attached
	// to its answers (see CodeAnswer) like options, most used first;
	// Share is over Answered. Coded is how many answers carry a code.
	Codes []OptionCount `json:"codes,omitzero"`
	Coded *int          `json:"coded,omitempty"`
}

// QuestionResult is the result of one question.
type QuestionResult struct {
	ID   string     `json:"id"`
	Type string     `json:"type"`
	Text forms.Text `json:"text,omitempty"`
	Stats
	Segments []SegmentResult `json:"segments,omitzero"`
}

// SegmentResult is one question's result within one segment value.
type SegmentResult struct {
	Value string `json:"value"`
	Total int    `json:"total"`
	Stats
}

// OptionCount is how many responses gave one value; Share is Count over
// the question's Answered.
type OptionCount struct {
	Value string     `json:"value"`
	Label forms.Text `json:"label,omitempty"`
	Count int        `json:"count"`
	Share float64    `json:"share"`
}

// QuestionnaireResults counts the answers of a questionnaire for any
// signed-in user.
func (e *Engine) QuestionnaireResults(ctx context.Context, actor *User, questionnaireID string, rq ResultsQuery) (*Results, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	return e.results(ctx, q.Definition, rq, q.Definition.Questions())
}

// results counts in the store and turns the counts of questions into results.
func (e *Engine) results(ctx context.Context, def *forms.Definition, rq ResultsQuery, questions []*forms.Question) (*Results, error) {
	cq, err := countQuery(def, rq)
	if err != nil {
		return nil, err
	}
	counts, err := e.store.CountAnswers(ctx, cq)
	if err != nil {
		return nil, err
	}
	res := &Results{Questionnaire: def.ID, Total: counts.Total, Segment: rq.Segment, Filters: rq.Filters, AnyOf: rq.AnyOf, Questions: []QuestionResult{}}
	var segQ *forms.Question
	if rq.Segment != "" {
		segQ = def.Question(rq.Segment)
	}
	all := indexCodes(counts.Codes)
	segs := map[string]codeIndex{}
	for v, sc := range counts.Segments {
		segs[v] = indexCodes(sc.Codes)
	}
	coded, err := e.countCodings(ctx, cq, questions)
	if err != nil {
		return nil, err
	}
	for _, question := range questions {
		qr := QuestionResult{ID: question.ID, Type: question.Type, Text: question.Text, Stats: questionStats(question, all)}
		coded.addTo(&qr.Stats, question, "")
		if segQ != nil {
			qr.Segments = []SegmentResult{}
			for _, opt := range segQ.Options {
				sc := counts.Segments[opt.Value]
				if sc == nil || sc.Total == 0 {
					continue
				}
				sr := SegmentResult{Value: opt.Value, Total: sc.Total, Stats: questionStats(question, segs[opt.Value])}
				coded.addTo(&sr.Stats, question, opt.Value)
				qr.Segments = append(qr.Segments, sr)
			}
		}
		res.Questions = append(res.Questions, qr)
	}
	return res, nil
}

// countQuery checks a ResultsQuery against the definition and turns it
// into codes.
func countQuery(def *forms.Definition, rq ResultsQuery) (CountQuery, error) {
	cq := CountQuery{Questionnaire: def.ID, Segment: rq.Segment}
	if rq.Segment != "" {
		sq := def.Question(rq.Segment)
		if sq == nil || sq.Type != forms.TypeChoice {
			return cq, Invalid("Invalid segment.", Fieldf("segment", "Results can be broken down by a choice question; %q is not one.", rq.Segment))
		}
	}
	for _, f := range rq.Filters {
		code, err := filterCode(def, f)
		if err != nil {
			return cq, err
		}
		cq.Filters = append(cq.Filters, code)
	}
	for _, set := range rq.AnyOf {
		codes := make([]string, 0, len(set))
		for _, f := range set {
			code, err := filterCode(def, f)
			if err != nil {
				return cq, err
			}
			codes = append(codes, code)
		}
		if len(codes) > 0 {
			cq.AnyOf = append(cq.AnyOf, codes)
		}
	}
	return cq, nil
}

// filterCode checks a filter against the definition and returns its code
// "qid=value"; EINVALID names an unknown question or option, a free-text
// question, or a number that is not one.
func filterCode(def *forms.Definition, f Filter) (string, error) {
	fq := def.Question(f.Question)
	value := f.Value
	switch {
	case fq == nil:
		return "", Invalid("Invalid filter.", Fieldf("filter", "The questionnaire has no question %q.", f.Question))
	case fq.Type == forms.TypeText:
		return "", Invalid("Invalid filter.", Fieldf("filter", "Free-text question %q cannot filter results.", f.Question))
	case fq.Type == forms.TypeScale || fq.Type == forms.TypeNumber:
		n, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return "", Invalid("Invalid filter.", Fieldf("filter", "Question %q takes a number, not %q.", f.Question, f.Value))
		}
		value = forms.FormatNumber(n)
	case fq.Option(value) == nil:
		return "", Invalid("Invalid filter.", Fieldf("filter", "Question %q has no option %q.", f.Question, f.Value))
	}
	return f.Question + "=" + value, nil
}

// codeIndex holds counts by question: the number that answered it, and
// the count of each value given.
type codeIndex map[string]*questionCounts

type questionCounts struct {
	answered int
	values   map[string]int
}

func indexCodes(codes map[string]int) codeIndex {
	idx := codeIndex{}
	at := func(qid string) *questionCounts {
		qc := idx[qid]
		if qc == nil {
			qc = &questionCounts{values: map[string]int{}}
			idx[qid] = qc
		}
		return qc
	}
	for code, n := range codes {
		qid, value, hasValue := forms.ParseCode(code)
		if hasValue {
			at(qid).values[value] += n
		} else {
			at(qid).answered += n
		}
	}
	return idx
}

// questionStats turns a question's counts into Stats: every defined option
// for choice and multi, every value given (in numeric order) and mean,
// median, minimum and maximum for scale and number.
func questionStats(q *forms.Question, idx codeIndex) Stats {
	qc := idx[q.ID]
	if qc == nil {
		qc = &questionCounts{}
	}
	s := Stats{Answered: qc.answered}
	share := func(n int) float64 {
		if qc.answered == 0 {
			return 0
		}
		return float64(n) / float64(qc.answered)
	}
	switch q.Type {
	case forms.TypeChoice, forms.TypeMulti:
		s.Options = make([]OptionCount, 0, len(q.Options))
		for _, o := range q.Options {
			n := qc.values[o.Value]
			s.Options = append(s.Options, OptionCount{Value: o.Value, Label: o.Label, Count: n, Share: share(n)})
		}
	case forms.TypeScale, forms.TypeNumber:
		s.Options = []OptionCount{}
		type valueCount struct {
			v float64
			s string
			n int
		}
		var vcs []valueCount
		for str, n := range qc.values {
			v, err := strconv.ParseFloat(str, 64)
			if err != nil || n == 0 {
				continue
			}
			vcs = append(vcs, valueCount{v, str, n})
		}
		slices.SortFunc(vcs, func(a, b valueCount) int {
			switch {
			case a.v < b.v:
				return -1
			case a.v > b.v:
				return 1
			}
			return 0
		})
		total, sum := 0, 0.0
		for _, vc := range vcs {
			s.Options = append(s.Options, OptionCount{Value: vc.s, Count: vc.n, Share: share(vc.n)})
			total += vc.n
			sum += vc.v * float64(vc.n)
		}
		if total == 0 {
			break
		}
		mean := sum / float64(total)
		lo, hi := vcs[0].v, vcs[len(vcs)-1].v
		median := nth(vcs, total/2, func(vc valueCount) (float64, int) { return vc.v, vc.n })
		if total%2 == 0 {
			median = (median + nth(vcs, total/2-1, func(vc valueCount) (float64, int) { return vc.v, vc.n })) / 2
		}
		s.Mean, s.Median, s.Min, s.Max = &mean, &median, &lo, &hi
	}
	return s
}

// nth returns the k-th (0-based) value of the sorted multiset given as
// value counts.
func nth[T any](items []T, k int, get func(T) (float64, int)) float64 {
	for _, it := range items {
		v, n := get(it)
		if k < n {
			return v
		}
		k -= n
	}
	return 0
}
