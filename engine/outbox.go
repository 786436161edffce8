package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Mail is an e-mail for the outbox.
type Mail struct {
	ID      string // deterministic, e.g. "receipt:"+commentID: queuing the same ID twice keeps one message
	To      string
	Subject string
	Text    string // plain text body
	Cause   string // what caused it, e.g. "comment:ID", "invite:ID", "user:ID" (for personal-data export/erase)
}

// States of a message in the outbox. A held message waits for the action
// that causes it to be saved; queued ones wait for their next attempt;
// a worker holds a sending one under a lease; sent and failed are final
// (a coordinator may retry a failed one).
const (
	MailHeld    = "held"
	MailQueued  = "queued"
	MailSending = "sending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// MailStates lists the states in the order a message goes through them.
var MailStates = []string{MailHeld, MailQueued, MailSending, MailSent, MailFailed}

// OutboxMessage is a Mail in the outbox, with its delivery state.
type OutboxMessage struct {
	Mail
	State string
	// Condition is what must hold for a held message to be sent when
	// the process that held it died before releasing it (see
	// QueueHeldMail).
	Condition     string
	Attempts      int
	LastError     string
	Claim         string    // the worker's claim while sending
	LeaseUntil    time.Time // the claim's end; zero when not sending
	NextAttemptAt time.Time
	HeldAt        time.Time // when it was last held; zero once released
	CreatedAt     time.Time
	SentAt        time.Time // zero until sent
}

// Holding: how long a held message waits before the sweeper looks at its
// condition, and after how long one whose condition does not hold is
// dropped (the action that held it failed for good).
const (
	HeldGrace   = 30 * time.Second
	HeldTimeout = time.Hour
)

// MaxMailTextLength bounds a message's body.
const MaxMailTextLength = 100_000

// QueueMail puts m in the outbox, ready to be sent. Use it when whatever
// caused the message is saved already; queuing an ID again keeps the
// first message. EINVALID for a message without ID, recipient, subject
// or text.
func (e *Engine) QueueMail(ctx context.Context, m Mail) error {
	return e.queue(ctx, m, MailQueued, "")
}

// QueueHeldMail puts m in the outbox held: it is sent only after
// ReleaseMail, which the caller calls once the record that causes it is
// saved. If the process dies in between, the outbox sweeper
// (SweepHeldMail) releases it when condition holds, and drops it after
// HeldTimeout when it does not: so a message is neither sent for a
// record that was not saved nor lost for one that was. Conditions:
// "comment:ID" (the comment exists) and "published:ID" (the
// consultation's settlement is published); with any other condition the
// message is sent only when released.
func (e *Engine) QueueHeldMail(ctx context.Context, m Mail, condition string) error {
	return e.queue(ctx, m, MailHeld, condition)
}

// ReleaseMail sends the held messages with those ids; ids that are not
// held (released already, or never held) are passed over.
func (e *Engine) ReleaseMail(ctx context.Context, ids ...string) error {
	now := e.Now()
	var errs []error
	for _, id := range ids {
		if err := e.store.ReleaseOutbox(ctx, id, now); err != nil {
			errs = append(errs, err)
		}
	}
	e.notifyMail()
	return errors.Join(errs...)
}

func (e *Engine) queue(ctx context.Context, m Mail, state, condition string) error {
	var fe fieldErrors
	fe.text("id", &m.ID, true, 300)
	if _, err := NormalizeEmail("to", m.To); err != nil {
		fe.add("to", "Give the recipient's e-mail address.")
	}
	fe.text("subject", &m.Subject, true, 300)
	if strings.ContainsAny(m.Subject, "\r\n") {
		fe.add("subject", "The subject must be one line.")
	}
	if strings.TrimSpace(m.Text) == "" {
		fe.add("text", "The message has no text.")
	} else if utf8.RuneCountInString(m.Text) > MaxMailTextLength {
		fe.add("text", "Use at most %d characters.", MaxMailTextLength)
	}
	if err := fe.err("The e-mail is not valid."); err != nil {
		return err
	}
	now := e.Now()
	msg := &OutboxMessage{Mail: m, State: state, Condition: condition, NextAttemptAt: now, CreatedAt: now}
	if state == MailHeld {
		msg.HeldAt = now
	}
	if err := e.store.QueueOutbox(ctx, msg); err != nil {
		return err
	}
	if state == MailQueued {
		e.notifyMail()
	}
	return nil
}

// notifyMail tells the outbox worker, if it asked, that a message is
// ready.
func (e *Engine) notifyMail() {
	if e.mailReady != nil {
		e.mailReady()
	}
}

// SweepHeldMail looks at the messages held for longer than HeldGrace:
// it releases those whose condition holds and drops those held for
// longer than HeldTimeout whose condition does not. The outbox worker
// calls it now and then; it returns how many it released and dropped.
func (e *Engine) SweepHeldMail(ctx context.Context) (released, dropped int, err error) {
	now := e.Now()
	held, err := e.store.ListHeldOutbox(ctx, now.Add(-HeldGrace), 200)
	if err != nil {
		return 0, 0, err
	}
	for _, m := range held {
		ok, err := e.mailCondition(ctx, m.Condition)
		if err != nil {
			return released, dropped, err
		}
		switch {
		case ok:
			if err := e.store.ReleaseOutbox(ctx, m.ID, now); err != nil {
				return released, dropped, err
			}
			released++ // the worker that swept sends it next
		case m.HeldAt.Before(now.Add(-HeldTimeout)):
			if err := e.store.DropHeldOutbox(ctx, m.ID, now.Add(-HeldTimeout)); err != nil {
				return released, dropped, err
			}
			dropped++
		}
	}
	return released, dropped, nil
}

// mailCondition reports whether a held message's condition holds.
func (e *Engine) mailCondition(ctx context.Context, condition string) (bool, error) {
	kind, id, _ := strings.Cut(condition, ":")
	switch kind {
	case "comment":
		_, err := e.store.FindComment(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return false, nil
		}
		return err == nil, err
	case "published":
		c, err := e.store.FindConsultation(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return false, nil
		}
		return err == nil && c.PublishedAt != nil, err
	}
	return false, nil
}

// ClaimMail claims up to limit messages due now for the worker claim,
// each for lease; see OutboxStore.ClaimOutbox.
func (e *Engine) ClaimMail(ctx context.Context, claim string, lease time.Duration, limit int) ([]*OutboxMessage, error) {
	return e.store.ClaimOutbox(ctx, e.Now(), claim, lease, limit)
}

// MailSent records that the claimed message was sent. ErrConflict when
// the claim had ended and another worker took the message.
func (e *Engine) MailSent(ctx context.Context, m *OutboxMessage) error {
	now := e.Now()
	return e.store.SettleOutbox(ctx, m.ID, m.Claim, MailSent, "", now, now)
}

// MailNotSent records a failed attempt of the claimed message: queued
// again for next, or failed for good when final. The error text is kept
// for coordinators (it never holds the body).
func (e *Engine) MailNotSent(ctx context.Context, m *OutboxMessage, sendErr error, next time.Time, final bool) error {
	state := MailQueued
	if final {
		state = MailFailed
	}
	text := "unknown error"
	if sendErr != nil {
		text = sendErr.Error()
	}
	if utf8.RuneCountInString(text) > 1000 {
		text = string([]rune(text)[:1000])
	}
	return e.store.SettleOutbox(ctx, m.ID, m.Claim, state, text, next, e.Now())
}

// ListMail returns up to 500 messages of the outbox in the state (every
// state for ""), the latest first: for coordinators and admins only,
// since messages hold personal data. EINVALID for an unknown state.
func (e *Engine) ListMail(ctx context.Context, actor *User, state string) ([]*OutboxMessage, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	if state != "" && !validMailState(state) {
		return nil, Invalid("Unknown state.", Fieldf("state", "Choose one of %s.", strings.Join(MailStates, ", ")))
	}
	return e.store.ListOutbox(ctx, state, 500)
}

// RetryMail queues a failed message again with its attempts reset.
// Coordinators and admins; ENOTFOUND for an unknown id, ECONFLICT when
// it is not failed (sent meanwhile, or retried by somebody else).
func (e *Engine) RetryMail(ctx context.Context, actor *User, id string) error {
	if err := requireCoordinator(actor); err != nil {
		return err
	}
	err := e.store.RetryOutbox(ctx, id, e.Now())
	switch {
	case errors.Is(err, ErrNotFound):
		return Errorf(ENOTFOUND, "No e-mail has the id %q.", id)
	case errors.Is(err, ErrConflict):
		return Errorf(ECONFLICT, "The e-mail %q has not failed: only failed e-mails can be retried.", id)
	case err == nil:
		e.notifyMail()
	}
	return err
}

func validMailState(s string) bool { return slices.Contains(MailStates, s) }

// MailReturned puts a claimed message that was not tried back in the
// queue, due now (a worker stopping). Its attempt stays counted.
func (e *Engine) MailReturned(ctx context.Context, m *OutboxMessage) error {
	now := e.Now()
	return e.store.SettleOutbox(ctx, m.ID, m.Claim, MailQueued, m.LastError, now, now)
}
