package engine

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"

	"github.com/triada-kpss/triada/forms"
)

// An invitation token is 32 random bytes in unpadded base64url: 43
// characters that fit in a link (/i/TOKEN).
const (
	inviteTokenBytes  = 32
	inviteTokenLength = 43
)

// Operator is the actor of the command line: whoever runs triada on the
// server is trusted like `triada user add`. Handlers never pass it.
func Operator() *User {
	return &User{ID: "operator", Name: "command line", Role: RoleAdmin}
}

// Invitation is what a personal link opens: the invite, its questionnaire,
// the response given through it (nil until answered) and whether a
// response may be given or changed now.
type Invitation struct {
	Invite        *Invite
	Questionnaire *Questionnaire
	Response      *Response
	Open          bool
	// CatalogueDraft is the draft record of the IČO the response gives,
	// for a questionnaire that feeds the catalogue; nil for none. When a
	// coordinator returned it, its Note says what to change.
	CatalogueDraft *CatalogueDraft
}

// CreateInvite makes a personal link to a questionnaire with `access:
// invite` for the person with that e-mail, and returns its token; only the
// token's hash is stored, so it cannot be shown again. Coordinators and
// admins may invite (Operator() from the command line); EINVALID for a bad
// e-mail or name, or a questionnaire that does not exist or is not
// answered by invitation.
func (e *Engine) CreateInvite(ctx context.Context, actor *User, questionnaireID, email, name string) (string, *Invite, error) {
	return e.CreateProviderInvite(ctx, actor, questionnaireID, email, name, "")
}

// CreateProviderInvite is CreateInvite that also records the provider's
// IČO (optional: "" for none); EINVALID for an IČO whose check digit is
// wrong.
func (e *Engine) CreateProviderInvite(ctx context.Context, actor *User, questionnaireID, email, name, ico string) (string, *Invite, error) {
	if err := requireCoordinator(actor); err != nil {
		return "", nil, err
	}
	var fe fieldErrors
	q, err := e.store.FindQuestionnaire(ctx, questionnaireID)
	switch {
	case errors.Is(err, ErrNotFound):
		fe.add("questionnaire", "No questionnaire has the id %q.", questionnaireID)
	case err != nil:
		return "", nil, err
	case q.Definition.Access != forms.AccessInvite:
		fe.add("questionnaire", "The questionnaire %q is open to everyone: only a questionnaire with \"access: invite\" is answered through personal links.", q.ID)
	}
	normalized, err := NormalizeEmail("email", email)
	if err != nil {
		fe.add("email", "Enter an e-mail address like name@example.cz.")
	}
	fe.text("name", &name, false, 300)
	if ico = strings.ReplaceAll(strings.TrimSpace(ico), " ", ""); ico != "" && !ValidICO(ico) {
		fe.add("ico", "An IČO is eight digits whose last is the check digit of the first seven.")
	}
	if err := fe.err("The invitation is not valid."); err != nil {
		return "", nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(randomBytes(inviteTokenBytes))
	inv := &Invite{Hash: HashSecret(token), QuestionnaireID: q.ID, Email: normalized, Name: name, ICO: ico, CreatedAt: e.Now()}
	if err := e.store.CreateInvite(ctx, inv); err != nil {
		return "", nil, err
	}
	return token, inv, nil
}

// ListInvites returns a questionnaire's invitations ordered by e-mail, for
// coordinators and admins; ENOTFOUND for an unknown questionnaire.
func (e *Engine) ListInvites(ctx context.Context, actor *User, questionnaireID string) ([]*Invite, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	if _, err := e.FindQuestionnaire(ctx, questionnaireID); err != nil {
		return nil, err
	}
	return e.store.ListInvites(ctx, questionnaireID)
}

// FindInvite returns what the personal link with that token opens;
// ENOTFOUND for a token that is no invitation.
func (e *Engine) FindInvite(ctx context.Context, token string) (*Invitation, error) {
	inv, err := e.findInvite(ctx, token)
	if err != nil {
		return nil, err
	}
	q, err := e.FindQuestionnaire(ctx, inv.QuestionnaireID)
	if err != nil {
		return nil, err
	}
	out := &Invitation{Invite: inv, Questionnaire: q, Open: e.IsOpen(q)}
	if inv.ResponseID != "" {
		out.Response, err = e.store.FindResponse(ctx, inv.ResponseID)
		if err != nil {
			return nil, err
		}
		if ico := responseICO(q.Definition, out.Response.Answers); ico != "" {
			out.CatalogueDraft, err = e.store.FindCatalogueDraft(ctx, ico)
			if errors.Is(err, ErrNotFound) {
				out.CatalogueDraft, err = nil, nil
			}
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// findInvite returns the invite of a token, ENOTFOUND for anything else;
// a token of the wrong shape costs no store query.
func (e *Engine) findInvite(ctx context.Context, token string) (*Invite, error) {
	if len(token) != inviteTokenLength || strings.Trim(token, base64URLAlphabet) != "" {
		return nil, noInvite()
	}
	inv, err := e.store.FindInvite(ctx, HashSecret(token))
	if errors.Is(err, ErrNotFound) {
		// A reminder's fresh link (invites_manage.go) leads to the invite.
		inv, err = e.store.FindInviteByLink(ctx, HashSecret(token))
	}
	if errors.Is(err, ErrNotFound) {
		return nil, noInvite()
	}
	return inv, err
}

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func noInvite() error {
	return Errorf(ENOTFOUND, "This invitation link is not valid. Check that you copied all of it, or ask the coordinator for a new one.")
}

// SubmitInviteResponse validates raw answers against the invitation's
// questionnaire and stores them as the invitation's one response: the
// first submission creates it, later ones replace its answers while the
// questionnaire is open. It returns the response and whether this call
// created it. A questionnaire with a catalogue map also checks the
// provider record the answers describe, and updates the draft record of
// its IČO (catalogue_feed.go). EFORBIDDEN for a token that is no invitation, ECONFLICT
// outside the questionnaire's open window, EINVALID with one field error
// per bad answer.
func (e *Engine) SubmitInviteResponse(ctx context.Context, token string, raw map[string]json.RawMessage) (*Response, bool, error) {
	inv, err := e.findInvite(ctx, token)
	if ErrorCode(err) == ENOTFOUND {
		return nil, false, withCode(err, EFORBIDDEN)
	} else if err != nil {
		return nil, false, err
	}
	return e.submitInvite(ctx, inv, raw)
}

// SubmitInviteAnswers is SubmitInviteResponse for a caller that holds the
// invitation's hash (Invite.Hash, as a draft keeps it) instead of its
// token; EFORBIDDEN also when the invitation is to another questionnaire
// than questionnaireID.
func (e *Engine) SubmitInviteAnswers(ctx context.Context, questionnaireID, inviteHash string, raw map[string]json.RawMessage) (*Response, bool, error) {
	inv, err := e.store.FindInvite(ctx, inviteHash)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, false, withCode(noInvite(), EFORBIDDEN)
	case err != nil:
		return nil, false, err
	case inv.QuestionnaireID != questionnaireID:
		return nil, false, Errorf(EFORBIDDEN, "This invitation link is for the questionnaire %q, not %q.", inv.QuestionnaireID, questionnaireID)
	}
	return e.submitInvite(ctx, inv, raw)
}

// submitInvite stores the answers as inv's response.
func (e *Engine) submitInvite(ctx context.Context, inv *Invite, raw map[string]json.RawMessage) (*Response, bool, error) {
	q, err := e.FindQuestionnaire(ctx, inv.QuestionnaireID)
	if err != nil {
		return nil, false, err
	}
	if !e.IsOpen(q) {
		return nil, false, Errorf(ECONFLICT, "The questionnaire %q is not open for responses now: answers can be given and changed only while it is open.", q.ID)
	}
	answers, errs := q.Definition.ValidateAnswers(raw)
	if len(errs) > 0 {
		return nil, false, Invalid("Some answers need attention.", errs...)
	}
	prop, err := e.proposeRecord(q.Definition, answers)
	if err != nil {
		return nil, false, err
	}
	r := &Response{
		ID:              inv.ResponseID,
		QuestionnaireID: q.ID,
		Answers:         answers,
		Codes:           q.Definition.Codes(answers),
		Folded:          FoldTexts(q.Definition, answers),
		SubmissionKey:   inviteSubmissionKey(inv),
		CreatedAt:       e.Now(),
	}
	var created bool
	if inv.ResponseID != "" {
		r, created, err = e.replaceInviteResponse(ctx, r)
	} else {
		r, created, err = e.createInviteResponse(ctx, inv, r)
	}
	if err != nil || prop == nil {
		return r, created, err
	}
	// The response is stored; a failure here is answered as an error so
	// that the provider sends again, which stores the same response and
	// feeds the draft again.
	if err := e.feedCatalogue(ctx, prop, r.ID); err != nil {
		return nil, false, err
	}
	return r, created, nil
}

// inviteSubmissionKey is the submission key of an invitation's response:
// two first submissions at once store one response, and a response stored
// just before a crash is found again.
func inviteSubmissionKey(inv *Invite) string { return "invite:" + inv.Hash }

// createInviteResponse stores the first response given through inv and
// records it on inv. When the key finds a response already (a submission
// at the same moment, or one interrupted before it was recorded), that
// response gets these answers instead.
func (e *Engine) createInviteResponse(ctx context.Context, inv *Invite, r *Response) (*Response, bool, error) {
	r.ID = NewResponseID()
	created := true
	err := e.store.CreateResponse(ctx, r)
	if errors.Is(err, ErrDuplicate) {
		first, ferr := e.store.FindResponseBySubmissionKey(ctx, r.QuestionnaireID, r.SubmissionKey)
		if ferr != nil {
			return nil, false, ferr
		}
		r.ID, r.CreatedAt, created = first.ID, first.CreatedAt, false
		err = e.store.ReplaceResponse(ctx, r)
	}
	if err != nil {
		return nil, false, err
	}
	err = e.store.SetInviteResponse(ctx, inv.Hash, r.ID, e.Now())
	if err != nil && !errors.Is(err, ErrConflict) {
		return nil, false, err
	}
	// ErrConflict: a submission at the same moment recorded the same
	// response, which the submission key makes the only one possible.
	return r, created, nil
}

// replaceInviteResponse replaces the answers of an invitation's response,
// keeping its id and creation time.
func (e *Engine) replaceInviteResponse(ctx context.Context, r *Response) (*Response, bool, error) {
	old, err := e.store.FindResponse(ctx, r.ID)
	if err != nil {
		return nil, false, err
	}
	r.CreatedAt = old.CreatedAt
	if err := e.store.ReplaceResponse(ctx, r); err != nil {
		return nil, false, err
	}
	return r, false, nil
}
