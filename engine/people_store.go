package engine

import (
	"context"
	"time"
)

// PasswordToken is a single-use link (/password/TOKEN) that lets a person
// set their password: sent when an admin invites them or resets it. Only
// the SHA-256 of the token is stored.
type PasswordToken struct {
	Hash      string
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time // nil until the password is set with it
}

// PeopleStore persists what the staff pages for people, working groups,
// invitations and consultations change.
type PeopleStore interface {
	// CreatePasswordToken stores t; ErrDuplicate if the hash exists.
	CreatePasswordToken(ctx context.Context, t *PasswordToken) error
	// FindPasswordToken returns the token with that hash (used or
	// expired too) or ErrNotFound.
	FindPasswordToken(ctx context.Context, hash string) (*PasswordToken, error)
	// UsePasswordToken sets UsedAt to at when it is not set yet:
	// ErrNotFound for an unknown hash, ErrConflict if it was used.
	UsePasswordToken(ctx context.Context, hash string, at time.Time) error
	// DeletePasswordTokens removes every password token of the user
	// but keepHash (none is no error).
	DeletePasswordTokens(ctx context.Context, userID, keepHash string) error
	// DeleteUserSessions ends every session of the user (none is no error).
	DeleteUserSessions(ctx context.Context, userID string) error
	// DeleteUser removes the user with their sessions, API tokens and
	// password tokens; ErrNotFound if there is no such user.
	DeleteUser(ctx context.Context, id string) error

	// UpdateGroup replaces the group's name, description, tags and
	// target groups (not its members); ErrNotFound for an unknown id.
	UpdateGroup(ctx context.Context, g *Group) error

	// UpdateConsultation replaces the title, sections and period of the
	// consultation c.ID if its stored Version equals expectedVersion
	// (the caller has set c.Version to expectedVersion+1) and it is not
	// published; ErrNotFound for an unknown id, ErrConflict otherwise.
	UpdateConsultation(ctx context.Context, c *Consultation, expectedVersion int) error

	// AddInviteLink stores another link (the hash of a fresh token) to
	// the invite inviteHash, and records a reminder at `at` (RemindedAt,
	// Reminders+1); ErrNotFound for an unknown invite, ErrDuplicate if
	// the link hash exists.
	AddInviteLink(ctx context.Context, inviteHash, linkHash string, at time.Time) error
	// FindInviteByLink returns the invite a link hash added by
	// AddInviteLink leads to, or ErrNotFound.
	FindInviteByLink(ctx context.Context, linkHash string) (*Invite, error)
	// DeleteInvite removes the invite and its links (a response given
	// through it stays); ErrNotFound for an unknown hash.
	DeleteInvite(ctx context.Context, hash string) error
}
