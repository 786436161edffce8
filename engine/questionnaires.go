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
	def, warnings, err := checkDefinition(data, format)
	if err != nil {
		return nil, warnings, err
	}
	q := &Questionnaire{ID: def.ID, Definition: def, CreatedAt: e.Now(), CreatedBy: actor.ID, Version: 1}
	if format != "json" {
		q.Source = string(data) // kept for editing, comments and all
	}
	if err := e.store.CreateQuestionnaire(ctx, q); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return nil, warnings, Errorf(ECONFLICT, "A questionnaire with the id %q exists.", def.ID)
		}
		return nil, warnings, err
	}
	return q, warnings, nil
}

// FindQuestionnaire returns the questionnaire or ENOTFOUND. Every
// submission and page view looks its questionnaire up, and decoding a
// definition costs more than the rest of a submission, so each is kept
// after the first read. Coordinators may edit a questionnaire on another
// instance: a kept one older than the recheck interval is confirmed by
// its version (a read of one number) and read again when it changed.
// The questionnaire returned is shared: callers must not modify it.
func (e *Engine) FindQuestionnaire(ctx context.Context, id string) (*Questionnaire, error) {
	now := e.now()
	if v, ok := e.questionnaires.Load(id); ok {
		c := v.(*cachedQuestionnaire)
		if now.Sub(c.checked) < e.recheck {
			return c.q, nil
		}
		version, err := e.store.QuestionnaireVersion(ctx, id)
		switch {
		case err == nil && version == c.q.Version:
			e.questionnaires.Store(id, &cachedQuestionnaire{q: c.q, checked: now})
			return c.q, nil
		case err != nil && !errors.Is(err, ErrNotFound):
			// The store did not answer: the kept copy serves until it does.
			return c.q, nil
		}
	}
	q, err := e.store.FindQuestionnaire(ctx, id)
	if errors.Is(err, ErrNotFound) {
		e.questionnaires.Delete(id)
		return nil, Errorf(ENOTFOUND, "No questionnaire has the id %q.", id)
	}
	if err != nil {
		return nil, err
	}
	e.questionnaires.Store(id, &cachedQuestionnaire{q: q, checked: now})
	return q, nil
}

// cachedQuestionnaire is a kept questionnaire and when its version was
// last confirmed.
type cachedQuestionnaire struct {
	q       *Questionnaire
	checked time.Time
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
