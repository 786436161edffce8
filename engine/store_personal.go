package engine

import "context"

// PersonalDataStore finds and removes what is stored about one e-mail
// address, for a person who asks what Triada keeps about them or to be
// forgotten (GDPR articles 15 and 17). E-mail addresses are compared in
// lower case, as the engine stores them.
type PersonalDataStore interface {
	// ListCommentsByEmail returns every comment whose author has the
	// e-mail, in every consultation, oldest first (then by number).
	ListCommentsByEmail(ctx context.Context, email string) ([]*Comment, error)
	// ListOutboxTo returns every outbox message to the address, the
	// latest first.
	ListOutboxTo(ctx context.Context, email string) ([]*OutboxMessage, error)
	// DeleteOutboxTo deletes every outbox message to the address and
	// returns how many it deleted.
	DeleteOutboxTo(ctx context.Context, email string) (int, error)
}
