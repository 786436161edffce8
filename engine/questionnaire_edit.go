package engine

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triada-kpss/triada/forms"
)

// checkDefinition parses a definition and splits the checker's problems
// into errors (as field errors, with lines) and warnings.
func checkDefinition(data []byte, format string) (*forms.Definition, []forms.Problem, error) {
	def, problems := forms.Parse(data, format)
	var errs []FieldError
	var warnings []forms.Problem
	for _, p := range problems {
		if p.Warning {
			warnings = append(warnings, p)
			continue
		}
		errs = append(errs, p.FieldError())
	}
	if len(errs) > 0 || def == nil {
		return nil, warnings, Invalid("The questionnaire definition has errors.", errs...)
	}
	return def, warnings, nil
}

// UpdateQuestionnaire replaces the definition of the questionnaire id by
// data (format "yaml" or "json"), if it still has expectedVersion. The
// id cannot change. Once there are responses, a change that would strand
// stored answers is refused: removing a question or an option that has
// answers, or changing an answered question's type. EINVALID (with
// lines) for such changes and for a definition with errors, ENOTFOUND,
// ECONFLICT when someone changed the questionnaire meanwhile.
func (e *Engine) UpdateQuestionnaire(ctx context.Context, actor *User, id string, data []byte, format string, expectedVersion int) (*Questionnaire, []forms.Problem, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, nil, err
	}
	def, warnings, err := checkDefinition(data, format)
	if err != nil {
		return nil, warnings, err
	}
	if def.ID != id {
		return nil, warnings, Invalid("The id of a questionnaire cannot change.",
			Fieldf("id", "The id must stay %q; to start a new cycle, copy the questionnaire.", id))
	}
	source := ""
	if format != "json" {
		source = string(data)
	}
	return e.replaceQuestionnaire(ctx, id, def, source, expectedVersion, warnings)
}

// replaceQuestionnaire stores def as the next version of the
// questionnaire, after the checks that keep stored answers meaningful.
func (e *Engine) replaceQuestionnaire(ctx context.Context, id string, def *forms.Definition, source string, expectedVersion int, warnings []forms.Problem) (*Questionnaire, []forms.Problem, error) {
	old, err := e.store.FindQuestionnaire(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, warnings, Errorf(ENOTFOUND, "No questionnaire has the id %q.", id)
	} else if err != nil {
		return nil, warnings, err
	}
	if old.Version != expectedVersion {
		return nil, warnings, Errorf(ECONFLICT, "Someone changed the questionnaire meanwhile; open it again to see their change.")
	}
	counts, err := e.store.CountAnswers(ctx, CountQuery{Questionnaire: id})
	if err != nil {
		return nil, warnings, err
	}
	if errs := strandedAnswers(old.Definition, def, counts); len(errs) > 0 {
		return nil, warnings, Invalid("The change would lose answers people have given.", errs...)
	}
	q := &Questionnaire{ID: id, Definition: def, CreatedAt: old.CreatedAt, CreatedBy: old.CreatedBy,
		Version: expectedVersion + 1, Source: source}
	if err := e.store.UpdateQuestionnaire(ctx, q, expectedVersion); err != nil {
		if errors.Is(err, ErrConflict) {
			return nil, warnings, Errorf(ECONFLICT, "Someone changed the questionnaire meanwhile; open it again to see their change.")
		}
		return nil, warnings, err
	}
	e.questionnaires.Delete(id)
	return q, warnings, nil
}

// strandedAnswers lists what the change from old to def would strand:
// answered questions that disappear or change type, answered options of
// choice and multi questions that disappear.
func strandedAnswers(old, def *forms.Definition, counts *Counts) []FieldError {
	if counts == nil || counts.Total == 0 {
		return nil
	}
	next := map[string]*forms.Question{}
	for _, q := range def.Questions() {
		next[q.ID] = q
	}
	var errs []FieldError
	for _, q := range old.Questions() {
		answered := counts.Codes[q.ID]
		if answered == 0 {
			continue
		}
		n, ok := next[q.ID]
		switch {
		case !ok:
			errs = append(errs, Fieldf(q.ID,
				"The question %q has %d answers; it cannot be removed.", q.ID, answered))
			continue
		case n.Type != q.Type:
			errs = append(errs, Fieldf(q.ID,
				"The question %q has %d answers; its type cannot change from %s to %s.", q.ID, answered, q.Type, n.Type))
			continue
		}
		if q.Type == forms.TypeScale || q.Type == forms.TypeNumber {
			errs = append(errs, outOfRange(q.ID, n, counts.Codes)...)
			continue
		}
		if q.Type != forms.TypeChoice && q.Type != forms.TypeMulti {
			continue
		}
		kept := map[string]bool{}
		for _, o := range n.Options {
			kept[o.Value] = true
		}
		for _, o := range q.Options {
			if c := counts.Codes[q.ID+"="+o.Value]; c > 0 && !kept[o.Value] {
				errs = append(errs, Fieldf(q.ID,
					"The option %q of the question %q was chosen %d times; it cannot be removed.", o.Value, q.ID, c))
			}
		}
	}
	return errs
}

// SetQuestionnaireWindow sets when the questionnaire takes responses:
// from opensAt until closesAt, each optional (nil). EINVALID when
// closesAt is not after opensAt; ENOTFOUND; ECONFLICT when the
// questionnaire changed meanwhile.
func (e *Engine) SetQuestionnaireWindow(ctx context.Context, actor *User, id string, opensAt, closesAt *time.Time, expectedVersion int) (*Questionnaire, error) {
	old, err := e.windowed(ctx, actor, id, opensAt, closesAt)
	if err != nil {
		return nil, err
	}
	def, source, err := withChanges(old, map[string]any{"opens_at": opensAt, "closes_at": closesAt})
	if err != nil {
		return nil, err
	}
	q, _, err := e.replaceQuestionnaire(ctx, id, def, source, expectedVersion, nil)
	return q, err
}

// OpenQuestionnaireNow opens the questionnaire at once, keeping a
// closing time that is still ahead.
func (e *Engine) OpenQuestionnaireNow(ctx context.Context, actor *User, id string, expectedVersion int) (*Questionnaire, error) {
	q, err := e.FindQuestionnaire(ctx, id)
	if err != nil {
		return nil, err
	}
	now := e.Now()
	closes := q.Definition.ClosesAt
	if closes != nil && !closes.After(now) {
		closes = nil
	}
	return e.SetQuestionnaireWindow(ctx, actor, id, &now, closes, expectedVersion)
}

// CloseQuestionnaireNow closes the questionnaire at once.
func (e *Engine) CloseQuestionnaireNow(ctx context.Context, actor *User, id string, expectedVersion int) (*Questionnaire, error) {
	q, err := e.FindQuestionnaire(ctx, id)
	if err != nil {
		return nil, err
	}
	now := e.Now()
	opens := q.Definition.OpensAt
	if opens != nil && !opens.Before(now) {
		opens = nil // it never opened: only the closing time counts
	}
	return e.SetQuestionnaireWindow(ctx, actor, id, opens, &now, expectedVersion)
}

// CopyQuestionnaire starts a new cycle: a copy of the questionnaire id
// under newID with a new window and no responses. EINVALID for a bad id
// or window, ENOTFOUND, ECONFLICT when newID exists.
func (e *Engine) CopyQuestionnaire(ctx context.Context, actor *User, id, newID string, opensAt, closesAt *time.Time) (*Questionnaire, error) {
	old, err := e.windowed(ctx, actor, id, opensAt, closesAt)
	if err != nil {
		return nil, err
	}
	_, source, err := withChanges(old, map[string]any{"id": newID, "opens_at": opensAt, "closes_at": closesAt})
	if err != nil {
		return nil, err
	}
	q, _, err := e.CreateQuestionnaire(ctx, actor, []byte(source), "yaml")
	return q, err
}

// withChanges returns q's definition and source with top-level keys set,
// checked again as a new definition would be.
func withChanges(q *Questionnaire, set map[string]any) (*forms.Definition, string, error) {
	source, err := rewriteSource(SourceOf(q), set)
	if err != nil {
		return nil, "", err
	}
	def, _, err := checkDefinition([]byte(source), "yaml")
	if err != nil {
		return nil, "", err
	}
	return def, source, nil
}

// outOfRange lists the answered values of a scale or number question
// that its new bounds (min, max, whole numbers) would no longer allow.
func outOfRange(qid string, n *forms.Question, codes map[string]int) []FieldError {
	var values []string
	for code, c := range codes {
		id, value, ok := forms.ParseCode(code)
		if !ok || id != qid || c == 0 {
			continue
		}
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		if (n.Min != nil && f < *n.Min) || (n.Max != nil && f > *n.Max) || ((n.Integer || n.Type == forms.TypeScale) && f != math.Trunc(f)) {
			values = append(values, value)
		}
	}
	if len(values) == 0 {
		return nil
	}
	slices.Sort(values)
	return []FieldError{Fieldf(qid,
		"The question %q has answers (%s) that its new bounds would not allow.", qid, strings.Join(values, ", "))}
}

// windowed checks that the actor may set the questionnaire's window and
// that the window closes after it opens, and returns the questionnaire.
func (e *Engine) windowed(ctx context.Context, actor *User, id string, opensAt, closesAt *time.Time) (*Questionnaire, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	if opensAt != nil && closesAt != nil && !closesAt.After(*opensAt) {
		return nil, Invalid("The questionnaire must close after it opens.",
			FieldError{Field: "closes_at", Message: "The closing time must be after the opening time."})
	}
	return e.FindQuestionnaire(ctx, id)
}
