package engine

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/triada-kpss/triada/forms"
)

// Paging of text answers.
const (
	DefaultTextAnswersLimit = 50
	MaxTextAnswersLimit     = 500
	maxSearchLength         = 200
)

// TextAnswersQuery asks for one page of the answers to a text question.
type TextAnswersQuery struct {
	Search  string   // matched ignoring case and accents; "" for all
	Filters []Filter // as in results
	Offset  int      // 0 or more
	Limit   int      // 1..MaxTextAnswersLimit; DefaultTextAnswersLimit when 0
}

// TextAnswers is one page of the answers to a text question, each with
// its codes, and the question's code list.
type TextAnswers struct {
	Questionnaire string            `json:"questionnaire"`
	Question      string            `json:"question"`
	Text          forms.Text        `json:"text,omitempty"`
	Search        string            `json:"search,omitempty"`
	Filters       []Filter          `json:"filters,omitempty"`
	Total         int               `json:"total"` // answers matching, over all pages
	Offset        int               `json:"offset"`
	Limit         int               `json:"limit"`
	Answers       []CodedTextAnswer `json:"answers"`
	CodeList      []CodeListEntry   `json:"code_list"`
	question      *forms.Question
}

// CodedTextAnswer is one answer with the codes attached to it. Version is
// the coding's version (0 before the first code), for a conditional change.
type CodedTextAnswer struct {
	ResponseID string    `json:"response_id"`
	Text       string    `json:"text"`
	CreatedAt  time.Time `json:"created_at"`
	Codes      []string  `json:"codes"`
	Version    int       `json:"version"`
}

// CodeListEntry is one code used for a question, and on how many answers.
type CodeListEntry struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// QuestionOf returns the question the page lists.
func (t *TextAnswers) QuestionOf() *forms.Question { return t.question }

// ListTextAnswers returns one page of the answers to the text question
// questionID, in the order they arrived, with their codes. Coordinators,
// admins and members of a working group the question is relevant to may
// read them (EFORBIDDEN for others). ENOTFOUND for an unknown
// questionnaire or question, EINVALID for a question that is not a text
// question, bad paging, a bad filter or an overlong search.
func (e *Engine) ListTextAnswers(ctx context.Context, actor *User, questionnaireID, questionID string, q TextAnswersQuery) (*TextAnswers, error) {
	def, question, err := e.textQuestion(ctx, actor, questionnaireID, questionID)
	if err != nil {
		return nil, err
	}
	if q.Limit == 0 {
		q.Limit = DefaultTextAnswersLimit
	}
	var fe fieldErrors
	if q.Offset < 0 {
		fe.add("offset", "Give an offset of 0 or more.")
	}
	if q.Limit < 1 || q.Limit > MaxTextAnswersLimit {
		fe.add("limit", "Give a limit from 1 to %d.", MaxTextAnswersLimit)
	}
	if !utf8.ValidString(q.Search) {
		fe.add("search", "Search for text in UTF-8.")
	} else if utf8.RuneCountInString(q.Search) > maxSearchLength {
		fe.add("search", "Search for at most %d characters.", maxSearchLength)
	}
	if err := fe.err("The page of answers cannot be shown."); err != nil {
		return nil, err
	}
	cq, err := countQuery(def, ResultsQuery{Filters: q.Filters})
	if err != nil {
		return nil, err
	}
	page, err := e.store.ListTextAnswers(ctx, TextAnswerQuery{
		Questionnaire: def.ID, Question: questionID, Filters: cq.Filters,
		Search: Fold(q.Search), Offset: q.Offset, Limit: q.Limit,
	})
	if err != nil {
		return nil, err
	}
	out := &TextAnswers{
		Questionnaire: def.ID, Question: questionID, Text: question.Text, Search: q.Search, Filters: q.Filters,
		Total: page.Total, Offset: q.Offset, Limit: q.Limit, Answers: []CodedTextAnswer{}, question: question,
	}
	ids := make([]string, 0, len(page.Answers))
	for _, a := range page.Answers {
		ids = append(ids, a.ResponseID)
	}
	codings, err := e.store.FindCodings(ctx, def.ID, ids)
	if err != nil {
		return nil, err
	}
	byResponse := map[string]*Coding{}
	for _, c := range codings {
		if c.QuestionID == questionID {
			byResponse[c.ResponseID] = c
		}
	}
	for _, a := range page.Answers {
		ca := CodedTextAnswer{ResponseID: a.ResponseID, Text: a.Text, CreatedAt: a.CreatedAt, Codes: []string{}}
		if c := byResponse[a.ResponseID]; c != nil {
			ca.Codes, ca.Version = c.Codes, c.Version
		}
		out.Answers = append(out.Answers, ca)
	}
	if out.CodeList, err = e.codeList(ctx, def.ID, questionID); err != nil {
		return nil, err
	}
	return out, nil
}

// textQuestion finds a text question that actor may read the answers of.
func (e *Engine) textQuestion(ctx context.Context, actor *User, questionnaireID, questionID string) (*forms.Definition, *forms.Question, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, nil, err
	}
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, nil, err
	}
	def := q.Definition
	question := def.Question(questionID)
	switch {
	case question == nil:
		return nil, nil, Errorf(ENOTFOUND, "The questionnaire %q has no question %q.", def.ID, questionID)
	case question.Type != forms.TypeText:
		return nil, nil, Invalid("Not a free-text question.", Fieldf("question",
			"Question %q is a %s question; only free-text answers are listed and coded.", questionID, question.Type))
	}
	ok, err := e.MayReadText(ctx, actor, def, questionID)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, Errorf(EFORBIDDEN, "Only coordinators and members of a working group that question %q is relevant to read its answers.", questionID)
	}
	return def, question, nil
}

// MayReadText reports whether actor may read (and code) the free-text
// answers to question questionID: coordinators and admins may, and
// members of a working group whose tags make the question relevant
// (RelevantQuestions).
func (e *Engine) MayReadText(ctx context.Context, actor *User, def *forms.Definition, questionID string) (bool, error) {
	if actor == nil {
		return false, nil
	}
	if isCoordinator(actor) {
		return true, nil
	}
	groups, err := e.store.ListGroups(ctx)
	if err != nil {
		return false, err
	}
	for _, g := range groups {
		if !slices.Contains(g.Members, actor.ID) {
			continue
		}
		for _, q := range RelevantQuestions(def, g.Tags) {
			if q.ID == questionID {
				return true, nil
			}
		}
	}
	return false, nil
}

// codeList returns the codes used for a question so far, most used first
// (then alphabetically): the list grows as people use new codes.
func (e *Engine) codeList(ctx context.Context, questionnaireID, questionID string) ([]CodeListEntry, error) {
	counts := map[string]int{}
	err := e.store.WalkCodings(ctx, CountQuery{Questionnaire: questionnaireID}, func(c *Coding, _ string) error {
		if c.QuestionID == questionID {
			for _, code := range c.Codes {
				counts[code]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sortedCodeCounts(counts), nil
}

// sortedCodeCounts orders codes by count, most first, then by value.
func sortedCodeCounts(counts map[string]int) []CodeListEntry {
	out := make([]CodeListEntry, 0, len(counts))
	for v, n := range counts {
		out = append(out, CodeListEntry{Value: v, Count: n})
	}
	slices.SortFunc(out, func(a, b CodeListEntry) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		switch {
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	})
	return out
}
