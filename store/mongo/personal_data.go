package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/triada-kpss/triada/engine"
)

// ListCommentsByEmail finds the author's comments without an index:
// comments are few and the question is rare.
func (s *Store) ListCommentsByEmail(ctx context.Context, email string) ([]*engine.Comment, error) {
	return list(ctx, s, s.comments, bson.D{{Key: "author.email", Value: email}}, asc("created_at", "number", "_id"), (*commentDoc).comment,
		"list the comments of an e-mail address")
}

// ListOutboxTo returns the messages to the address, the latest first.
func (s *Store) ListOutboxTo(ctx context.Context, email string) ([]*engine.OutboxMessage, error) {
	return s.findOutbox(ctx, bson.D{{Key: "to", Value: email}}, bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: 1}}, 0,
		"list the e-mails to an address")
}

// DeleteOutboxTo deletes the messages to the address.
func (s *Store) DeleteOutboxTo(ctx context.Context, email string) (int, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.outbox().DeleteMany(ctx, bson.D{{Key: "to", Value: email}})
	if err != nil {
		return 0, fail(err, "delete the e-mails to an address")
	}
	return int(res.DeletedCount), nil
}
