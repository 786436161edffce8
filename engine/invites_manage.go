package engine

import (
	"context"
	"encoding/base64"
	"errors"
)

// findQuestionnaireInvite returns the invite with that hash if it is an
// invitation to the questionnaire; ENOTFOUND otherwise.
func (e *Engine) findQuestionnaireInvite(ctx context.Context, questionnaireID, hash string) (*Invite, error) {
	inv, err := e.store.FindInvite(ctx, hash)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, Errorf(ENOTFOUND, "No such invitation to the questionnaire %q: it may have been revoked.", questionnaireID)
	case err != nil:
		return nil, err
	case inv.QuestionnaireID != questionnaireID:
		return nil, Errorf(ENOTFOUND, "No such invitation to the questionnaire %q: it may have been revoked.", questionnaireID)
	}
	return inv, nil
}

// FindQuestionnaireInvite returns one invitation to the questionnaire
// (by the hash ListInvites shows), for coordinators and admins.
func (e *Engine) FindQuestionnaireInvite(ctx context.Context, actor *User, questionnaireID, hash string) (*Invite, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	return e.findQuestionnaireInvite(ctx, questionnaireID, hash)
}

// RemindInvite makes a fresh link to an invitation not yet answered (the
// first link's token is not kept, so it cannot be sent again) and
// returns its token; the earlier links keep working. Coordinators and
// admins; ENOTFOUND for an unknown invitation, ECONFLICT for one
// answered already.
func (e *Engine) RemindInvite(ctx context.Context, actor *User, questionnaireID, hash string) (string, *Invite, error) {
	if err := requireCoordinator(actor); err != nil {
		return "", nil, err
	}
	inv, err := e.findQuestionnaireInvite(ctx, questionnaireID, hash)
	if err != nil {
		return "", nil, err
	}
	if inv.ResponseID != "" {
		return "", nil, Errorf(ECONFLICT, "%s has answered already: no reminder is needed.", inv.Email)
	}
	token := base64.RawURLEncoding.EncodeToString(randomBytes(inviteTokenBytes))
	now := e.Now()
	if err := e.store.AddInviteLink(ctx, inv.Hash, HashSecret(token), now); err != nil {
		if errors.Is(err, ErrNotFound) {
			return "", nil, Errorf(ENOTFOUND, "No such invitation to the questionnaire %q: it may have been revoked.", questionnaireID)
		}
		return "", nil, err
	}
	inv.RemindedAt = &now
	inv.Reminders++
	return token, inv, nil
}

// RevokeInvite deletes an invitation: none of its links opens the
// questionnaire any more. A response given through it stays counted.
// Coordinators and admins; ENOTFOUND for an unknown invitation.
func (e *Engine) RevokeInvite(ctx context.Context, actor *User, questionnaireID, hash string) (*Invite, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	inv, err := e.findQuestionnaireInvite(ctx, questionnaireID, hash)
	if err != nil {
		return nil, err
	}
	if err := e.store.DeleteInvite(ctx, inv.Hash); err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	return inv, nil
}
