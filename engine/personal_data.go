package engine

import (
	"context"
	"errors"
	"time"
)

// PersonalData is everything Triada stores about one e-mail address:
// the comments its owner wrote (with their names, municipality and
// organisation), the e-mails sent or waiting to be sent to it, and a
// staff account with that address.
type PersonalData struct {
	Email    string
	Comments []*Comment
	Mail     []*OutboxMessage
	User     *User // nil without an account; PasswordHash is never set
}

// Erasure says what ErasePersonalData removed.
type Erasure struct {
	Email    string
	Comments int // comments whose author's details were removed
	Mail     int // outbox messages deleted
}

// erasedNote is the note of the history entry an erasure appends to
// each comment, so that the comment's story says why its author is gone.
const erasedNote = "personal data erased"

// ExportPersonalData gathers what is stored about the address, for a
// person who asks (GDPR article 15). Coordinators and admins only;
// EINVALID for an address that is not one.
func (e *Engine) ExportPersonalData(ctx context.Context, actor *User, email string) (*PersonalData, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	out := &PersonalData{Email: email}
	if out.Comments, err = e.store.ListCommentsByEmail(ctx, email); err != nil {
		return nil, err
	}
	if out.Mail, err = e.store.ListOutboxTo(ctx, email); err != nil {
		return nil, err
	}
	u, err := e.store.FindUserByEmail(ctx, email)
	switch {
	case err == nil:
		account := *u
		account.PasswordHash = ""
		out.User = &account
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	return out, nil
}

// ErasePersonalData forgets the address (GDPR article 17): each comment
// of its owner keeps its text, reference, relevance, outcome and
// response (the settlement must still add up) but loses the author's
// name, e-mail, municipality and organisation, and its history records
// the erasure; every e-mail to the address is deleted from the outbox,
// so none is sent after. A staff account is not touched: people manage
// those. Each comment is changed by a conditional update, retried when a
// coordinator changes the comment at the same moment.
func (e *Engine) ErasePersonalData(ctx context.Context, actor *User, email string) (*Erasure, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	comments, err := e.store.ListCommentsByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	out := &Erasure{Email: email}
	for _, cm := range comments {
		if err := e.eraseAuthor(ctx, actor, cm); err != nil {
			return nil, err
		}
		out.Comments++
	}
	if out.Mail, err = e.store.DeleteOutboxTo(ctx, email); err != nil {
		return nil, err
	}
	return out, nil
}

// eraseRetries bounds how often eraseAuthor rereads a comment that a
// coordinator changed meanwhile.
const eraseRetries = 10

func (e *Engine) eraseAuthor(ctx context.Context, actor *User, cm *Comment) error {
	for range eraseRetries {
		cm.Author = Author{Language: cm.Author.Language}
		cm.History = append(cm.History, Change{At: e.Now(), UserID: actor.ID, From: cm.State, To: cm.State, Note: erasedNote})
		expected := cm.Version
		cm.Version++
		err := e.store.UpdateComment(ctx, cm, expected)
		if !errors.Is(err, ErrConflict) {
			return err
		}
		if cm, err = e.store.FindComment(ctx, cm.ID); err != nil {
			return err
		}
		if err := retryPause(ctx); err != nil {
			return err
		}
	}
	return Errorf(ECONFLICT, "Comment %s keeps changing: erase again in a moment.", cm.Reference)
}

// ErasedAt returns when the comment's author was erased, or the zero
// time.
func (c *Comment) ErasedAt() time.Time {
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].Note == erasedNote {
			return c.History[i].At
		}
	}
	return time.Time{}
}
