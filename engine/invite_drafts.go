package engine

import (
	"context"
	"errors"
	"strconv"

	"github.com/triada-kpss/triada/forms"
)

// The page flow of personal links: the holder of an invitation fills the
// questionnaire in drafts like anybody, and the draft, once submitted,
// becomes (or replaces) the invitation's one response. Opening the link
// again shows that response and lets them change it until the
// questionnaire closes.

// InvitationDraftState is DraftState for the holder of an invitation
// (inviteHash; "" for everybody else): without a draft, the invitation's
// response counts as what they submitted.
func (e *Engine) InvitationDraftState(ctx context.Context, q *Questionnaire, token, inviteHash string) (*DraftState, error) {
	st, err := e.DraftState(ctx, q, token)
	if err != nil || st.Draft != nil || st.Submitted != nil || inviteHash == "" {
		return st, err
	}
	r, err := e.store.FindResponseBySubmissionKey(ctx, q.ID, inviteSubmissionKey(&Invite{Hash: inviteHash}))
	switch {
	case err == nil:
		st.Submitted = r
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	return st, nil
}

// EditInvitationDraft starts a draft for the holder of an invitation,
// holding the answers of the invitation's response when there is one, so
// that they change what they sent rather than start again. It returns the
// draft's token. Errors: those of CanAnswer.
func (e *Engine) EditInvitationDraft(ctx context.Context, q *Questionnaire, inviteHash, lang string) (string, *Draft, error) {
	if err := e.CanAnswer(q, inviteHash); err != nil {
		return "", nil, err
	}
	if inviteHash == "" {
		return "", nil, Errorf(EFORBIDDEN, "This questionnaire is answered through a personal invitation link.")
	}
	token := NewID()
	now := e.Now()
	d := &Draft{
		Hash:            HashSecret(token),
		QuestionnaireID: q.ID,
		Values:          map[string][]string{},
		SubmissionKey:   submissionKey(token),
		InviteHash:      inviteHash,
		Language:        lang,
		CreatedAt:       now,
		UpdatedAt:       now,
		ExpiresAt:       now.Add(e.draftTTL),
	}
	r, err := e.store.FindResponseBySubmissionKey(ctx, q.ID, inviteSubmissionKey(&Invite{Hash: inviteHash}))
	switch {
	case err == nil:
		d.Values = FormValues(q.Definition, r.Answers)
	case !errors.Is(err, ErrNotFound):
		return "", nil, err
	}
	if err := e.store.SaveDraft(ctx, d); err != nil {
		return "", nil, err
	}
	return token, d, nil
}

// FormValues turns stored answers back into form values, as a draft
// keeps them: the inverse of RawAnswers.
func FormValues(def *forms.Definition, answers forms.Answers) map[string][]string {
	values := map[string][]string{}
	for _, q := range def.Questions() {
		switch v := answers[q.ID].(type) {
		case string:
			values[q.ID] = []string{v}
		case []string:
			values[q.ID] = append([]string(nil), v...)
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok {
					values[q.ID] = append(values[q.ID], s)
				}
			}
		case float64:
			values[q.ID] = []string{strconv.FormatFloat(v, 'f', -1, 64)}
		case int:
			values[q.ID] = []string{strconv.Itoa(v)}
		}
	}
	return values
}
