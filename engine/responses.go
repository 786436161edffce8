package engine

import (
	"context"
	"encoding/json"
	"errors"
	"unicode/utf8"

	"github.com/triada-kpss/triada/forms"
)

// SubmitResponse validates raw answers against the questionnaire and
// stores them. ENOTFOUND for an unknown questionnaire, ECONFLICT outside
// its open window, EFORBIDDEN when it asks for a personal invitation,
// EINVALID with one field error per bad answer. A non-empty submissionKey
// makes the call idempotent: a second submission with the same key returns
// the first response and stores nothing.
func (e *Engine) SubmitResponse(ctx context.Context, questionnaireID string, raw map[string]json.RawMessage, submissionKey string) (*Response, error) {
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	def := q.Definition
	if len(submissionKey) > 200 || !utf8.ValidString(submissionKey) {
		return nil, Invalid("Invalid idempotency key.", FieldError{Field: "Idempotency-Key", Message: "Use at most 200 characters of UTF-8 text."})
	}
	if !e.IsOpen(q) {
		return nil, Errorf(ECONFLICT, "The questionnaire %q is not open for responses now.", q.ID)
	}
	if def.Access == forms.AccessInvite {
		return nil, Errorf(EFORBIDDEN, "The questionnaire %q is answered through personal invitation links only.", q.ID)
	}
	answers, errs := def.ValidateAnswers(raw)
	if len(errs) > 0 {
		return nil, Invalid("Some answers need attention.", errs...)
	}
	r := &Response{
		ID:              NewResponseID(),
		QuestionnaireID: q.ID,
		Answers:         answers,
		Codes:           def.Codes(answers),
		Folded:          FoldTexts(def, answers),
		SubmissionKey:   submissionKey,
		CreatedAt:       e.Now(),
	}
	err = e.store.CreateResponse(ctx, r)
	if errors.Is(err, ErrDuplicate) && submissionKey != "" {
		return e.store.FindResponseBySubmissionKey(ctx, q.ID, submissionKey)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}
