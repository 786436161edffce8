package engine

import (
	"context"
	"time"

	"github.com/triada-kpss/triada/forms"
)

// exportBatch is how many responses an export reads at a time: memory
// holds one batch and its codings, whatever the number of responses.
const exportBatch = 500

// Export is what an export of a questionnaire's responses reads: the
// definition, which questions it may hold, and the responses one at a
// time. OpenExport checks everything first, so that a format writer can
// start writing and fail only when the store does.
type Export struct {
	Definition *forms.Definition
	Filters    []Filter
	// Questions are the questions exported, in questionnaire order: all
	// but the free-text questions whose answers the actor may not read.
	Questions   []*forms.Question
	CreatedAt   time.Time
	eng         *Engine
	actor       *User
	countFilter []string
}

// ExportedResponse is one response as an export writes it: its answers
// (of the exported questions only) and the codes of its text answers by
// question id.
type ExportedResponse struct {
	ID        string
	CreatedAt time.Time
	Answers   forms.Answers
	Codes     map[string][]string
}

// OpenExport prepares an export of the responses of questionnaireID that
// match filters. Coordinators, admins and members may export; a member's
// export holds only the free-text answers of the questions relevant to
// one of their working groups (as ListTextAnswers allows). ENOTFOUND for
// an unknown questionnaire, EINVALID for a bad filter.
func (e *Engine) OpenExport(ctx context.Context, actor *User, questionnaireID string, filters []Filter) (*Export, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	cq, err := countQuery(q.Definition, ResultsQuery{Filters: filters})
	if err != nil {
		return nil, err
	}
	x := &Export{Definition: q.Definition, Filters: filters, CreatedAt: e.Now(), eng: e, actor: actor, countFilter: cq.Filters}
	for _, question := range q.Definition.Questions() {
		if question.Type == forms.TypeText {
			ok, err := e.MayReadText(ctx, actor, q.Definition, question.ID)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		x.Questions = append(x.Questions, question)
	}
	return x, nil
}

// Walk calls fn with every matching response in id order (the order they
// arrived), reading a batch at a time; it stops at fn's first error.
func (x *Export) Walk(ctx context.Context, fn func(*ExportedResponse) error) error {
	exported := map[string]bool{}
	for _, q := range x.Questions {
		exported[q.ID] = true
	}
	return x.eng.store.WalkResponses(ctx, x.Definition.ID, x.countFilter, exportBatch, func(batch []*Response) error {
		ids := make([]string, len(batch))
		for i, r := range batch {
			ids[i] = r.ID
		}
		codings, err := x.eng.store.FindCodings(ctx, x.Definition.ID, ids)
		if err != nil {
			return err
		}
		codes := map[string]map[string][]string{}
		for _, c := range codings {
			if !exported[c.QuestionID] || len(c.Codes) == 0 {
				continue
			}
			if codes[c.ResponseID] == nil {
				codes[c.ResponseID] = map[string][]string{}
			}
			codes[c.ResponseID][c.QuestionID] = c.Codes
		}
		for _, r := range batch {
			answers := make(forms.Answers, len(r.Answers))
			for qid, v := range r.Answers {
				if exported[qid] {
					answers[qid] = v
				}
			}
			if err := fn(&ExportedResponse{ID: r.ID, CreatedAt: r.CreatedAt, Answers: answers, Codes: codes[r.ID]}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Results counts the exported questions over the matching responses, as
// QuestionnaireResults does, for a summary beside the responses.
func (x *Export) Results(ctx context.Context) (*Results, error) {
	return x.eng.results(ctx, x.Definition, ResultsQuery{Filters: x.Filters}, x.Questions)
}
