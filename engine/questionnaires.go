package engine

import (
	"context"
	"errors"
	"time"

	"github.com/triada-kpss/triada/forms"
)

// CreateQuestionnaire checks a definition written in format ("yaml" or
// "json") and stores it. It returns the stored questionnaire and the
// checker's warnings; EINVALID with one field error per problem (with its
// line) when the definition has errors, ECONFLICT when the id exists.
func (e *Engine) CreateQuestionnaire(ctx context.Context, actor *User, data []byte, format string) (*Questionnaire, []forms.Problem, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, nil, err
	}
	def, problems := forms.Parse(data, format)
	var errs []FieldError
	var warnings []forms.Problem
	for _, p := range problems {
		if p.Warning {
			warnings = append(warnings, p)
			continue
		}
		errs = append(errs, FieldError{Field: p.Field, Message: p.Message, Line: p.Line})
	}
	if len(errs) > 0 || def == nil {
		return nil, warnings, Invalid("The questionnaire definition has errors.", errs...)
	}
	q := &Questionnaire{ID: def.ID, Definition: def, CreatedAt: e.Now(), CreatedBy: actor.ID}
	if err := e.store.CreateQuestionnaire(ctx, q); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return nil, warnings, Errorf(ECONFLICT, "A questionnaire with the id %q exists.", def.ID)
		}
		return nil, warnings, err
	}
	return q, warnings, nil
}

// FindQuestionnaire returns the questionnaire or ENOTFOUND. Stored
// questionnaires never change, so each is read from the store once and
// then kept: every submission and page view looks its questionnaire up,
// and decoding a definition costs more than the rest of a submission.
// The questionnaire returned is shared: callers must not modify it.
func (e *Engine) FindQuestionnaire(ctx context.Context, id string) (*Questionnaire, error) {
	if q, ok := e.questionnaires.Load(id); ok {
		return q.(*Questionnaire), nil
	}
	q, err := e.store.FindQuestionnaire(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No questionnaire has the id %q.", id)
	}
	if err != nil {
		return nil, err
	}
	e.questionnaires.Store(id, q)
	return q, nil
}

// ListQuestionnaires returns every questionnaire ordered by id.
func (e *Engine) ListQuestionnaires(ctx context.Context) ([]*Questionnaire, error) {
	return e.store.ListQuestionnaires(ctx)
}

// IsOpen reports whether the questionnaire takes responses at now: after
// opens_at (inclusive) and before closes_at (exclusive), either optional.
func IsOpen(def *forms.Definition, now time.Time) bool {
	if def.OpensAt != nil && now.Before(*def.OpensAt) {
		return false
	}
	if def.ClosesAt != nil && !now.Before(*def.ClosesAt) {
		return false
	}
	return true
}

// IsOpen reports whether the questionnaire takes responses now.
func (e *Engine) IsOpen(q *Questionnaire) bool { return IsOpen(q.Definition, e.now()) }
