package engine

import (
	"context"

	"github.com/triada-kpss/triada/forms"
)

// codingCounts are the codes of text answers counted over the responses
// matching a query: by question, and by segment value then question.
type codingCounts struct {
	all  map[string]*codeTally
	segs map[string]map[string]*codeTally
}

type codeTally struct {
	coded int // answers with at least one code
	codes map[string]int
}

func tallyOf(m map[string]*codeTally, qid string) *codeTally {
	t := m[qid]
	if t == nil {
		t = &codeTally{codes: map[string]int{}}
		m[qid] = t
	}
	return t
}

func (t *codeTally) add(c *Coding) {
	if len(c.Codes) == 0 {
		return
	}
	t.coded++
	for _, code := range c.Codes {
		t.codes[code]++
	}
}

// countCodings counts the codes of the text questions among questions
// over the responses cq matches; nothing is read when there is no text
// question.
func (e *Engine) countCodings(ctx context.Context, cq CountQuery, questions []*forms.Question) (*codingCounts, error) {
	out := &codingCounts{all: map[string]*codeTally{}, segs: map[string]map[string]*codeTally{}}
	text := map[string]bool{}
	for _, q := range questions {
		if q.Type == forms.TypeText {
			text[q.ID] = true
		}
	}
	if len(text) == 0 {
		return out, nil
	}
	err := e.store.WalkCodings(ctx, cq, func(c *Coding, segment string) error {
		if !text[c.QuestionID] {
			return nil
		}
		tallyOf(out.all, c.QuestionID).add(c)
		if cq.Segment != "" && segment != "" {
			if out.segs[segment] == nil {
				out.segs[segment] = map[string]*codeTally{}
			}
			tallyOf(out.segs[segment], c.QuestionID).add(c)
		}
		return nil
	})
	return out, err
}

// addTo sets the Codes and Coded of a text question's stats, over all
// responses (segment "") or within one segment value.
func (cc *codingCounts) addTo(s *Stats, q *forms.Question, segment string) {
	if q.Type != forms.TypeText {
		return
	}
	m := cc.all
	if segment != "" {
		m = cc.segs[segment]
	}
	t := m[q.ID]
	if t == nil {
		t = &codeTally{codes: map[string]int{}}
	}
	coded := t.coded
	s.Coded = &coded
	s.Codes = make([]OptionCount, 0, len(t.codes))
	for _, entry := range sortedCodeCounts(t.codes) {
		share := 0.0
		if s.Answered > 0 {
			share = float64(entry.Count) / float64(s.Answered)
		}
		s.Codes = append(s.Codes, OptionCount{Value: entry.Value, Count: entry.Count, Share: share})
	}
}
