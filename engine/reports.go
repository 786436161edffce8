package engine

import "context"

// CountResponses returns how many responses a questionnaire has, for any
// signed-in user (the report pages list it); ENOTFOUND for an unknown
// questionnaire. It counts in the store, like results do.
func (e *Engine) CountResponses(ctx context.Context, actor *User, questionnaireID string) (int, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if _, err := e.FindQuestionnaire(ctx, questionnaireID); err != nil {
		return 0, err
	}
	c, err := e.store.CountAnswers(ctx, CountQuery{Questionnaire: questionnaireID})
	if err != nil {
		return 0, err
	}
	return c.Total, nil
}
