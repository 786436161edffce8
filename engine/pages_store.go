package engine

import (
	"context"
	"time"
)

// Draft is a questionnaire a person has begun: the answers given so far,
// kept on the server so that they can continue later from an unguessable
// link. Only the link token's hash is stored.
type Draft struct {
	Hash            string
	QuestionnaireID string
	// Values are the form values as typed, keyed by question id, so that
	// even answers that failed validation come back as they were typed.
	Values map[string][]string
	Page   int // the page the person was on (0-based)
	// SubmissionKey is fixed when the draft starts, so that submitting it
	// twice stores one response.
	SubmissionKey string
	InviteHash    string // set when the draft belongs to an invitation
	Language      string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ExpiresAt     time.Time
}

// Invite is a personal link to a questionnaire with `access: invite`,
// typically a provider's capacity questionnaire. Only the link token's
// hash is stored. One response per invite, editable until the
// questionnaire closes.
type Invite struct {
	Hash            string
	QuestionnaireID string
	Email           string
	Name            string
	ICO             string // the provider's company number, "" when not given
	ResponseID      string // "" until answered
	CreatedAt       time.Time
	AnsweredAt      *time.Time
	// RemindedAt is when the last reminder (a fresh link) was made, nil
	// before the first; Reminders counts them.
	RemindedAt *time.Time
	Reminders  int
}

// DraftStore persists drafts.
type DraftStore interface {
	// SaveDraft creates or replaces the draft with d.Hash.
	SaveDraft(ctx context.Context, d *Draft) error
	// FindDraft returns the draft or ErrNotFound (also when expired at now).
	FindDraft(ctx context.Context, hash string, now time.Time) (*Draft, error)
	// DeleteDraft removes it; no error if it does not exist.
	DeleteDraft(ctx context.Context, hash string) error
}

// InviteStore persists invitations.
type InviteStore interface {
	// CreateInvite stores i; ErrDuplicate if the hash exists.
	CreateInvite(ctx context.Context, i *Invite) error
	// FindInvite returns the invite or ErrNotFound.
	FindInvite(ctx context.Context, hash string) (*Invite, error)
	// ListInvites returns the questionnaire's invites ordered by e-mail.
	ListInvites(ctx context.Context, questionnaireID string) ([]*Invite, error)
	// SetInviteResponse records the response given through the invite,
	// once: ErrConflict if it has one already, ErrNotFound if no invite.
	SetInviteResponse(ctx context.Context, hash, responseID string, at time.Time) error
	// ReplaceResponse replaces the answers and codes of an existing
	// response (an invited provider editing theirs); ErrNotFound if none.
	ReplaceResponse(ctx context.Context, r *Response) error
}
