package sqlite

import (
	"context"

	"github.com/triada-kpss/triada/engine"
)

// migrationOutboxRecipient lets a person's request about their data find
// the e-mails to their address without reading the whole outbox.
const migrationOutboxRecipient = `CREATE INDEX outbox_recipient ON outbox (recipient);`

// ListCommentsByEmail scans the comments' author JSON: comments are few
// (hundreds per consultation) and the question is rare, so no index.
func (s *Store) ListCommentsByEmail(ctx context.Context, email string) ([]*engine.Comment, error) {
	return list(ctx, s, scanComment, "list the comments of an e-mail address",
		`SELECT `+commentColumns+` FROM comments WHERE json_extract(author, '$.email') = ? ORDER BY created_at, number, id`, email)
}

// ListOutboxTo returns the messages to the address, the latest first.
func (s *Store) ListOutboxTo(ctx context.Context, email string) ([]*engine.OutboxMessage, error) {
	return list(ctx, s, scanOutbox, "list the e-mails to an address",
		`SELECT `+outboxColumns+` FROM outbox WHERE recipient = ? ORDER BY created_at DESC, id`, email)
}

// DeleteOutboxTo deletes the messages to the address.
func (s *Store) DeleteOutboxTo(ctx context.Context, email string) (int, error) {
	const what = "delete the e-mails to an address"
	res, err := s.write.ExecContext(ctx, `DELETE FROM outbox WHERE recipient = ?`, email)
	if err != nil {
		return 0, fail(err, "%s", what)
	}
	n, err := res.RowsAffected()
	return int(n), fail(err, "%s", what)
}
