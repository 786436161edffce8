package engine

import (
	"context"
	"time"
)

// OutboxStore persists the e-mail outbox. Every change is one conditional
// update of one message, so that several instances can share the outbox:
// a message is claimed by one worker at a time, and only the worker
// holding its claim may settle it.
type OutboxStore interface {
	// QueueOutbox stores m unless a message with its ID exists. When one
	// exists and both it and m are held, it refreshes the stored HeldAt
	// to m.HeldAt (the action that holds it is being tried again), so
	// that DropHeldOutbox does not drop it meanwhile; otherwise it leaves
	// the stored message alone. No error in either case.
	QueueOutbox(ctx context.Context, m *OutboxMessage) error
	// FindOutbox returns the message or ErrNotFound.
	FindOutbox(ctx context.Context, id string) (*OutboxMessage, error)
	// ListOutbox returns up to limit messages in the state (every state
	// for ""), the latest created first, then by id.
	ListOutbox(ctx context.Context, state string, limit int) ([]*OutboxMessage, error)
	// ListHeldOutbox returns up to limit held messages whose HeldAt is
	// before heldBefore, the oldest first.
	ListHeldOutbox(ctx context.Context, heldBefore time.Time, limit int) ([]*OutboxMessage, error)
	// ReleaseOutbox turns the held message into a queued one due at at;
	// no error if it is not held (released already, or dropped).
	ReleaseOutbox(ctx context.Context, id string, at time.Time) error
	// DropHeldOutbox deletes the message if it is still held and its
	// HeldAt is before heldBefore; no error otherwise.
	DropHeldOutbox(ctx context.Context, id string, heldBefore time.Time) error
	// ClaimOutbox claims up to limit messages due at now: queued ones
	// whose NextAttemptAt is not after now, and sending ones whose lease
	// ended before now (their worker died). Each claimed message gets
	// state sending, the claim, LeaseUntil now+lease, and one more
	// attempt; it is returned so. Two callers never claim one message at
	// once.
	ClaimOutbox(ctx context.Context, now time.Time, claim string, lease time.Duration, limit int) ([]*OutboxMessage, error)
	// SettleOutbox records the outcome of the attempt of the claim:
	// state (sent, queued for a retry at next, or failed), lastError and
	// SentAt (for sent, at). ErrConflict when the message is no longer
	// sending under that claim (its lease ended and another took it);
	// ErrNotFound for an unknown id.
	SettleOutbox(ctx context.Context, id, claim, state, lastError string, next, at time.Time) error
	// RetryOutbox queues a failed message again, due at at, with its
	// attempts reset to zero; ErrConflict when it is not failed,
	// ErrNotFound for an unknown id.
	RetryOutbox(ctx context.Context, id string, at time.Time) error
	// CountOutbox returns the number of messages in each state (states
	// without messages are absent).
	CountOutbox(ctx context.Context) (map[string]int, error)
}
