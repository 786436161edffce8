package engine

import (
	"context"
	"time"
)

// Store is everything the engine needs from storage. Each backend
// (store/sqlite, store/mongo) implements all of it, and store/storetest
// checks that they behave alike. A store holds no business rules: it
// persists, queries and translates its driver's errors into ErrNotFound,
// ErrDuplicate and ErrConflict (wrapped with %w).
type Store interface {
	QuestionnaireStore
	ResponseStore
	AnswerStore
	UserStore
	SessionStore
	GroupStore
	ProviderStore
	CatalogueDraftStore
	ConsultationStore
	CommentStore
	DraftStore
	InviteStore
	PersonalDataStore
	OutboxStore
	PeopleStore            // people_store.go: password links, edits of groups, consultations and invitations
	AuditStore             // store_audit.go
	QuestionnaireEditStore // store_audit.go
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error
	// Close releases the store; calls after it fail.
	Close() error
}

// QuestionnaireStore persists questionnaire definitions.
type QuestionnaireStore interface {
	// CreateQuestionnaire stores q; ErrDuplicate if its id exists.
	CreateQuestionnaire(ctx context.Context, q *Questionnaire) error
	// FindQuestionnaire returns the questionnaire or ErrNotFound.
	FindQuestionnaire(ctx context.Context, id string) (*Questionnaire, error)
	// ListQuestionnaires returns all questionnaires ordered by id.
	ListQuestionnaires(ctx context.Context) ([]*Questionnaire, error)
}

// ResponseStore persists responses and counts their answer codes.
type ResponseStore interface {
	// CreateResponse stores r; ErrDuplicate if r.SubmissionKey is not empty
	// and a response of the same questionnaire has it already.
	CreateResponse(ctx context.Context, r *Response) error
	// FindResponse returns the response or ErrNotFound.
	FindResponse(ctx context.Context, id string) (*Response, error)
	// FindResponseBySubmissionKey returns the response of questionnaire
	// with that submission key, or ErrNotFound.
	FindResponseBySubmissionKey(ctx context.Context, questionnaire, key string) (*Response, error)
	// CountAnswers counts the codes of the responses of q.Questionnaire
	// that hold every code of q.Filters, broken down by the value of
	// q.Segment when it is set. It never loads all responses at once.
	CountAnswers(ctx context.Context, q CountQuery) (*Counts, error)
}

// UserStore persists users and their API tokens.
type UserStore interface {
	// CreateUser stores u; ErrDuplicate if the e-mail exists.
	CreateUser(ctx context.Context, u *User) error
	// FindUserByID returns the user or ErrNotFound.
	FindUserByID(ctx context.Context, id string) (*User, error)
	// FindUserByEmail returns the user with that (lower-case) e-mail or ErrNotFound.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	// ListUsers returns every user ordered by e-mail.
	ListUsers(ctx context.Context) ([]*User, error)
	// UpdateUser replaces the user's role, name and password hash;
	// ErrNotFound if there is no such user.
	UpdateUser(ctx context.Context, u *User) error
	// CreateToken stores t; ErrDuplicate if the hash exists.
	CreateToken(ctx context.Context, t *Token) error
	// FindToken returns the token with that hash or ErrNotFound.
	FindToken(ctx context.Context, hash string) (*Token, error)
}

// SessionStore persists browser sessions, so that several instances can
// serve one installation.
type SessionStore interface {
	// CreateSession stores s; ErrDuplicate if the hash exists.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with that hash or ErrNotFound
	// (also when now is not before ExpiresAt, compared in milliseconds).
	FindSession(ctx context.Context, hash string, now time.Time) (*Session, error)
	// DeleteSession removes it; no error if it does not exist.
	DeleteSession(ctx context.Context, hash string) error
}

// GroupStore persists working groups.
type GroupStore interface {
	// CreateGroup stores g; ErrDuplicate if the id exists.
	CreateGroup(ctx context.Context, g *Group) error
	// FindGroup returns the group or ErrNotFound.
	FindGroup(ctx context.Context, id string) (*Group, error)
	// ListGroups returns every group ordered by id.
	ListGroups(ctx context.Context) ([]*Group, error)
	// AddGroupMember adds the user to the group's members once (adding a
	// member twice is not an error); ErrNotFound for an unknown group.
	AddGroupMember(ctx context.Context, groupID, userID string) error
	// RemoveGroupMember removes the user; ErrNotFound for an unknown group.
	RemoveGroupMember(ctx context.Context, groupID, userID string) error
}

// ProviderStore persists the catalogue of providers.
type ProviderStore interface {
	// CreateProvider stores p; ErrDuplicate if its IČO is listed.
	CreateProvider(ctx context.Context, p *Provider) error
	// FindProvider returns the provider or ErrNotFound.
	FindProvider(ctx context.Context, id string) (*Provider, error)
	// FindProviderByICO returns the provider with that IČO or ErrNotFound.
	FindProviderByICO(ctx context.Context, ico string) (*Provider, error)
	// ReplaceProvider replaces the provider with p.ID by p; ErrNotFound
	// for an unknown id, ErrDuplicate if p's IČO is another's.
	ReplaceProvider(ctx context.Context, p *Provider) error
	// ListProviders returns the providers matching every set field of f,
	// ordered by SearchText (folded name, then description) then id.
	// TargetGroup, ServiceType and Form are each met by any of its services.
	ListProviders(ctx context.Context, f ProviderFilter) ([]*Provider, error)
}

// CatalogueDraftStore persists the draft records that providers'
// questionnaire responses make, one per IČO.
type CatalogueDraftStore interface {
	// CreateCatalogueDraft stores d; ErrDuplicate if its IČO has a draft.
	CreateCatalogueDraft(ctx context.Context, d *CatalogueDraft) error
	// FindCatalogueDraft returns the draft of the IČO or ErrNotFound.
	FindCatalogueDraft(ctx context.Context, ico string) (*CatalogueDraft, error)
	// ListCatalogueDrafts returns the drafts in the state (every draft
	// for ""), the latest updated first, then by IČO.
	ListCatalogueDrafts(ctx context.Context, state string) ([]*CatalogueDraft, error)
	// UpdateCatalogueDraft replaces the draft of d.ICO if its stored
	// Version equals expectedVersion (the caller has set d.Version to
	// expectedVersion+1); ErrNotFound for an unknown IČO, ErrConflict
	// when the version differs.
	UpdateCatalogueDraft(ctx context.Context, d *CatalogueDraft, expectedVersion int) error
}

// ConsultationStore persists public comment periods.
type ConsultationStore interface {
	// CreateConsultation stores c; ErrDuplicate if the id exists.
	CreateConsultation(ctx context.Context, c *Consultation) error
	// FindConsultation returns the consultation or ErrNotFound.
	FindConsultation(ctx context.Context, id string) (*Consultation, error)
	// ListConsultations returns every consultation ordered by id.
	ListConsultations(ctx context.Context) ([]*Consultation, error)
	// PublishConsultation sets PublishedAt to at when it is not set yet;
	// ErrNotFound for an unknown id, ErrConflict if it was published.
	PublishConsultation(ctx context.Context, id string, at time.Time) error
	// NextCommentNumber returns the next number (1, 2, …) of a comment in
	// the consultation, atomically; ErrNotFound for an unknown id.
	NextCommentNumber(ctx context.Context, id string) (int, error)
}

// CommentStore persists comments on consultations.
type CommentStore interface {
	// CreateComment stores c; ErrDuplicate if its id exists, or its
	// reference does in the same consultation.
	CreateComment(ctx context.Context, c *Comment) error
	// FindComment returns the comment or ErrNotFound.
	FindComment(ctx context.Context, id string) (*Comment, error)
	// ListComments returns the consultation's comments ordered by Number.
	ListComments(ctx context.Context, consultationID string) ([]*Comment, error)
	// UpdateComment replaces the comment if its stored Version equals
	// expectedVersion, storing c with c.Version (which the caller has set
	// to expectedVersion+1); ErrNotFound for an unknown id, ErrConflict
	// when the version differs.
	UpdateComment(ctx context.Context, c *Comment, expectedVersion int) error
}
