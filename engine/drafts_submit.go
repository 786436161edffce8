package engine

import (
	"context"
	"strings"
)

// SubmitDraft turns the draft of the token into a response. Submitting
// the same draft again (a double click, a reload, going back and
// submitting once more) stores nothing new and returns the first
// response, also after the draft is gone. Errors: ENOTFOUND for an
// unknown questionnaire, or when the token has neither a draft nor a
// response; EINVALID listing every answer at fault (see PageOf for their
// pages); those of CanAnswer.
func (e *Engine) SubmitDraft(ctx context.Context, questionnaireID, token, inviteHash string) (*Response, error) {
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	st, err := e.DraftState(ctx, q, token)
	switch {
	case err != nil:
		return nil, err
	case st.Submitted != nil:
		return st.Submitted, nil
	case st.Draft == nil:
		return nil, Errorf(ENOTFOUND, "There are no answers to submit: the draft is unknown or has expired.")
	}
	if err := e.CanAnswer(q, inviteHash); err != nil {
		return nil, err
	}
	d := st.Draft
	raw := RawAnswers(q.Definition, d.Values)
	var r *Response
	if d.InviteHash != "" {
		// The invitation's one response, created or replaced.
		r, _, err = e.SubmitInviteAnswers(ctx, q.ID, d.InviteHash, raw)
	} else {
		r, err = e.SubmitResponse(ctx, q.ID, raw, d.SubmissionKey)
	}
	if err != nil {
		return nil, err
	}
	// The response is stored; a draft left behind by a failed delete
	// expires by itself, and submitting it again finds this response.
	_ = e.store.DeleteDraft(ctx, d.Hash)
	return r, nil
}

// FindSubmission returns the response the draft of the token became, or
// ENOTFOUND.
func (e *Engine) FindSubmission(ctx context.Context, questionnaireID, token string) (*Response, error) {
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	st, err := e.DraftState(ctx, q, token)
	if err != nil {
		return nil, err
	}
	if st.Submitted == nil {
		return nil, Errorf(ENOTFOUND, "No response was submitted from these answers.")
	}
	return st.Submitted, nil
}

// submissionKey is the submission key of the draft of the token. It is
// derived from the token, so that a resubmission is recognised even after
// the draft is deleted; it reveals nothing of the token.
func submissionKey(token string) string {
	return "draft:" + HashSecret("submission:" + token)[:32]
}

// ResponseReference is the short reference a person is given for a
// response, such as "K7QD-M2XA": the first eight characters of its id in
// capitals, in two groups. It is for people to quote, not a key: look a
// response up by its id.
func ResponseReference(id string) string {
	r := strings.ToUpper(id)
	if len(r) < 8 {
		return r
	}
	return r[:4] + "-" + r[4:8]
}
