package engine

import (
	"context"
	"errors"
	"time"

	"github.com/triada-kpss/triada/forms"
)

// DefaultDraftTTL is how long a draft stays valid after its last save
// when Options leave DraftTTL unset.
const DefaultDraftTTL = 30 * 24 * time.Hour

// maxValuesPerQuestion caps the values a form may send for one question:
// a multi question's options are fewer in every sensible questionnaire.
const maxValuesPerQuestion = 200

// Move is where a person goes from a page after saving it.
type Move int

// Moves.
const (
	Stay Move = iota // save only: "continue later", a language switch
	Back             // save as typed, go to the previous page shown
	Next             // save, check the page; on success go to the next page shown
)

// DraftPage is what a person sends from one page of a questionnaire.
type DraftPage struct {
	QuestionnaireID string
	// Token is the draft's secret from the person's cookie or resume link;
	// "" (or an unknown token) starts a new draft.
	Token string
	Page  int // 0-based index of the page the values come from
	// Values are the page's form values by question id, as typed; a
	// question of the page without values has been left empty.
	Values     map[string][]string
	Move       Move
	Language   string
	InviteHash string // the invitation the person answers through, if any
}

// DraftSaved is what SaveDraftPage did.
type DraftSaved struct {
	Draft *Draft
	// Token is the draft's secret: the one sent, or a new one when the
	// page started the draft. Never stored; only its hash is.
	Token string
	// Errors are the page's problems when the move was Next; the draft
	// stays on the page then.
	Errors []FieldError
	// Last is set when the move was Next from the last page shown, with
	// no errors: the draft can be submitted.
	Last bool
	// Submitted is the response the token's draft became, when it was
	// submitted already (a resent page after the thank-you); nothing is
	// saved then.
	Submitted *Response
}

// CanAnswer reports whether a person may answer q now: ECONFLICT before
// it opens or after it closes, EFORBIDDEN when it asks for a personal
// invitation and inviteHash is empty.
func (e *Engine) CanAnswer(q *Questionnaire, inviteHash string) error {
	if !e.IsOpen(q) {
		return Errorf(ECONFLICT, "The questionnaire %q is not open for responses now.", q.ID)
	}
	if q.Definition.Access == forms.AccessInvite && inviteHash == "" {
		return Errorf(EFORBIDDEN, "The questionnaire %q is answered through personal invitation links only.", q.ID)
	}
	return nil
}

// SaveDraftPage keeps the values of one page in the person's draft,
// starting the draft when there is none, and moves it as asked. Values
// are kept as typed even when they are not valid, so that nothing typed
// is lost. Errors: ENOTFOUND for an unknown questionnaire or page, and
// those of CanAnswer.
func (e *Engine) SaveDraftPage(ctx context.Context, in DraftPage) (*DraftSaved, error) {
	q, err := e.FindQuestionnaire(ctx, in.QuestionnaireID)
	if err != nil {
		return nil, err
	}
	if err := e.CanAnswer(q, in.InviteHash); err != nil {
		return nil, err
	}
	def := q.Definition
	if in.Page < 0 || in.Page >= len(def.Pages) {
		return nil, Errorf(ENOTFOUND, "The questionnaire %q has no page %d.", q.ID, in.Page+1)
	}
	st, err := e.DraftState(ctx, q, in.Token)
	if err != nil {
		return nil, err
	}
	if st.Submitted != nil {
		return &DraftSaved{Submitted: st.Submitted, Token: in.Token}, nil
	}
	out := &DraftSaved{Draft: st.Draft, Token: in.Token}
	now := e.Now()
	if out.Draft == nil {
		out.Token = NewID()
		out.Draft = &Draft{
			Hash:            HashSecret(out.Token),
			QuestionnaireID: q.ID,
			Values:          map[string][]string{},
			SubmissionKey:   submissionKey(out.Token),
			InviteHash:      in.InviteHash,
			CreatedAt:       now,
		}
	}
	d := out.Draft
	for _, question := range def.Pages[in.Page].Questions {
		vs := in.Values[question.ID]
		if len(vs) == 0 {
			delete(d.Values, question.ID)
			continue
		}
		d.Values[question.ID] = vs[:min(len(vs), maxValuesPerQuestion)]
	}
	d.Page = in.Page
	answers, _ := DraftAnswers(def, d.Values)
	switch in.Move {
	case Back:
		d.Page = max(PreviousPage(def, answers, in.Page), 0)
	case Next:
		out.Errors = PageErrors(def, d.Values, in.Page)
		next := NextPage(def, answers, in.Page)
		if len(out.Errors) == 0 {
			out.Last = next < 0
			d.Page = max(next, in.Page)
		}
	}
	if in.Language != "" {
		d.Language = in.Language
	}
	d.UpdatedAt = now
	d.ExpiresAt = now.Add(e.draftTTL)
	if err := e.store.SaveDraft(ctx, d); err != nil {
		return nil, err
	}
	return out, nil
}

// DraftState is where a person stands with a questionnaire.
type DraftState struct {
	// Draft is the draft of the token, nil when there is none (never
	// started, expired, or submitted).
	Draft *Draft
	// Submitted is the response the token's draft became, if it was
	// submitted.
	Submitted *Response
}

// DraftState finds the draft of the token for q, or the response it
// became. An empty, unknown or expired token, or one of another
// questionnaire's draft, gives an empty state.
func (e *Engine) DraftState(ctx context.Context, q *Questionnaire, token string) (*DraftState, error) {
	st := &DraftState{}
	if token == "" || len(token) > 200 {
		return st, nil
	}
	d, err := e.store.FindDraft(ctx, HashSecret(token), e.Now())
	switch {
	case err == nil && d.QuestionnaireID == q.ID:
		if d.Values == nil {
			d.Values = map[string][]string{}
		}
		st.Draft = d
		return st, nil
	case err == nil:
		return st, nil // another questionnaire's draft
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	r, err := e.store.FindResponseBySubmissionKey(ctx, q.ID, submissionKey(token))
	switch {
	case err == nil:
		st.Submitted = r
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	return st, nil
}

// ResumeDraft returns the draft a resume link's token belongs to.
// ENOTFOUND for an unknown questionnaire, or when the link is unknown,
// expired or another questionnaire's; those of CanAnswer.
func (e *Engine) ResumeDraft(ctx context.Context, questionnaireID, token, inviteHash string) (*Draft, error) {
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	if err := e.CanAnswer(q, inviteHash); err != nil {
		return nil, err
	}
	st, err := e.DraftState(ctx, q, token)
	if err != nil {
		return nil, err
	}
	if st.Draft == nil {
		return nil, Errorf(ENOTFOUND, "The link to continue is unknown or has expired.")
	}
	return st.Draft, nil
}
