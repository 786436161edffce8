package engine

import "context"

// OutboxSummary counts the messages that need a coordinator's eye for
// the dashboard: failed ones (sending gave up; see RetryMail) and those
// still waiting to go (held, queued or being sent).
func (e *Engine) OutboxSummary(ctx context.Context) (failed, waiting int, err error) {
	n, err := e.store.CountOutbox(ctx)
	if err != nil {
		return 0, 0, err
	}
	return n[MailFailed], n[MailHeld] + n[MailQueued] + n[MailSending], nil
}
