package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// migrationOutbox creates the e-mail outbox: one row per message, keyed
// by the message's deterministic id. Times are Unix milliseconds; 0 in
// lease_until, held_at and sent_at means unset.
const migrationOutbox = `
CREATE TABLE outbox (
	id              TEXT PRIMARY KEY,
	recipient       TEXT NOT NULL,
	subject         TEXT NOT NULL,
	text            TEXT NOT NULL,
	cause           TEXT NOT NULL,
	state           TEXT NOT NULL,
	condition       TEXT NOT NULL,
	attempts        INTEGER NOT NULL,
	last_error      TEXT NOT NULL,
	claim           TEXT NOT NULL,
	lease_until     INTEGER NOT NULL,
	next_attempt_at INTEGER NOT NULL,
	held_at         INTEGER NOT NULL,
	created_at      INTEGER NOT NULL,
	sent_at         INTEGER NOT NULL
) STRICT;
-- Workers look for due messages; the staff list filters by state.
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at, id);
CREATE INDEX outbox_cause ON outbox (cause);
`

const outboxColumns = `id, recipient, subject, text, cause, state, condition, attempts, last_error, claim,
	lease_until, next_attempt_at, held_at, created_at, sent_at`

func scanOutbox(row scanner) (*engine.OutboxMessage, error) {
	var m engine.OutboxMessage
	var lease, next, held, created, sent int64
	if err := row.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &m.Cause, &m.State, &m.Condition, &m.Attempts,
		&m.LastError, &m.Claim, &lease, &next, &held, &created, &sent); err != nil {
		return nil, err
	}
	m.LeaseUntil, m.NextAttemptAt, m.HeldAt = optionalMillis(lease), fromMillis(next), optionalMillis(held)
	m.CreatedAt, m.SentAt = fromMillis(created), optionalMillis(sent)
	return &m, nil
}

// optionalMillis reads a time stored as 0 when unset.
func optionalMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return fromMillis(ms)
}

func optionalToMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// QueueOutbox stores m unless its id exists; a held message held again
// gets the new HeldAt. One statement: no sweeper can drop it in between.
func (s *Store) QueueOutbox(ctx context.Context, m *engine.OutboxMessage) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO outbox (`+outboxColumns+`)
VALUES (?, ?, ?, ?, ?, ?, ?, 0, '', '', 0, ?, ?, ?, 0)
ON CONFLICT (id) DO UPDATE SET held_at = excluded.held_at
	WHERE outbox.state = 'held' AND excluded.state = 'held'`,
		m.ID, m.To, m.Subject, m.Text, m.Cause, m.State, m.Condition,
		toMillis(m.NextAttemptAt), optionalToMillis(m.HeldAt), toMillis(m.CreatedAt))
	return fail(err, "queue e-mail %q", m.ID)
}

// FindOutbox returns the message or ErrNotFound.
func (s *Store) FindOutbox(ctx context.Context, id string) (*engine.OutboxMessage, error) {
	m, err := scanOutbox(s.read.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id))
	return m, fail(err, "find e-mail %q", id)
}

// ListOutbox returns up to limit messages in the state ("" for all), the
// latest created first.
func (s *Store) ListOutbox(ctx context.Context, state string, limit int) ([]*engine.OutboxMessage, error) {
	return list(ctx, s, scanOutbox, "list e-mails",
		`SELECT `+outboxColumns+` FROM outbox WHERE (? = '' OR state = ?) ORDER BY created_at DESC, id LIMIT ?`,
		state, state, limit)
}

// ListHeldOutbox returns up to limit held messages held before
// heldBefore, the oldest first.
func (s *Store) ListHeldOutbox(ctx context.Context, heldBefore time.Time, limit int) ([]*engine.OutboxMessage, error) {
	return list(ctx, s, scanOutbox, "list held e-mails",
		`SELECT `+outboxColumns+` FROM outbox WHERE state = 'held' AND held_at < ? ORDER BY held_at, id LIMIT ?`,
		toMillis(heldBefore), limit)
}

// ReleaseOutbox queues a held message, due at at.
func (s *Store) ReleaseOutbox(ctx context.Context, id string, at time.Time) error {
	_, err := s.write.ExecContext(ctx, `UPDATE outbox SET state = 'queued', held_at = 0, next_attempt_at = ?
WHERE id = ? AND state = 'held'`, toMillis(at), id)
	return fail(err, "release e-mail %q", id)
}

// DropHeldOutbox deletes a message still held since before heldBefore.
func (s *Store) DropHeldOutbox(ctx context.Context, id string, heldBefore time.Time) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM outbox WHERE id = ? AND state = 'held' AND held_at < ?`,
		id, toMillis(heldBefore))
	return fail(err, "drop held e-mail %q", id)
}

// ClaimOutbox claims due messages in one UPDATE … RETURNING: SQLite runs
// it under the database's write lock, so that two workers, even in two
// processes, never claim one message.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, claim string, lease time.Duration, limit int) ([]*engine.OutboxMessage, error) {
	what := "claim e-mails"
	ms := toMillis(now)
	rows, err := s.write.QueryContext(ctx, `UPDATE outbox
SET state = 'sending', claim = ?, lease_until = ?, attempts = attempts + 1
WHERE id IN (SELECT id FROM outbox
	WHERE (state = 'queued' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until < ?)
	ORDER BY next_attempt_at, id LIMIT ?)
RETURNING `+outboxColumns, claim, toMillis(now.Add(lease)), ms, ms, limit)
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer rows.Close()
	out := []*engine.OutboxMessage{}
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, fail(err, "%s", what)
		}
		out = append(out, m)
	}
	return out, fail(rows.Err(), "%s", what)
}

// SettleOutbox records an attempt's outcome if the claim still holds.
func (s *Store) SettleOutbox(ctx context.Context, id, claim, state, lastError string, next, at time.Time) error {
	sent := int64(0)
	if state == engine.MailSent {
		sent = toMillis(at)
	}
	return s.conditional(ctx, fmt.Sprintf("settle e-mail %q", id), `SELECT 1 FROM outbox WHERE id = ?`, id,
		`UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, sent_at = ?, claim = '', lease_until = 0
WHERE id = ? AND state = 'sending' AND claim = ?`,
		state, lastError, toMillis(next), sent, id, claim)
}

// RetryOutbox queues a failed message again with no attempts.
func (s *Store) RetryOutbox(ctx context.Context, id string, at time.Time) error {
	return s.conditional(ctx, fmt.Sprintf("retry e-mail %q", id), `SELECT 1 FROM outbox WHERE id = ?`, id,
		`UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND state = 'failed'`,
		toMillis(at), id)
}

// CountOutbox counts the messages by state, with the index outbox_due.
func (s *Store) CountOutbox(ctx context.Context) (map[string]int, error) {
	const what = "count e-mails"
	rows, err := s.read.QueryContext(ctx, `SELECT state, COUNT(*) FROM outbox GROUP BY state`)
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer rows.Close()
	n := map[string]int{}
	for rows.Next() {
		var state string
		var count int
		if err := rows.Scan(&state, &count); err != nil {
			return nil, fail(err, "%s", what)
		}
		n[state] = count
	}
	return n, fail(rows.Err(), "%s", what)
}
