// Package mail delivers the outbox: a Worker claims the messages that
// are due and hands them to a Sender, SMTPSender (go-mail) when an SMTP
// server is configured, else EMLWriter, which writes .eml files.
package mail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"github.com/triada-kpss/triada/engine"
)

// Sender delivers one message. An error wrapped by Permanent means that
// trying again cannot help (the server refused the recipient for good);
// any other error is tried again later.
type Sender interface {
	Send(ctx context.Context, m *engine.OutboxMessage) error
}

// PermanentError is a delivery error that retrying cannot fix.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent marks err as permanent.
func Permanent(err error) error { return &PermanentError{Err: err} }

// IsPermanent reports whether err was marked permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// build makes the go-mail message of m from the address from. Its
// Message-ID derives from m's id, so that a message sent again after a
// crash (see docs/mail.md) has the same Message-ID and mail programs
// can tell it is one message.
func build(from string, m *engine.OutboxMessage) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, Permanent(fmt.Errorf("sender address %q: %w", from, err))
	}
	if err := msg.To(m.To); err != nil {
		return nil, Permanent(fmt.Errorf("recipient address: %w", err))
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(messageID(m.ID, from))
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, normalizeNewlines(m.Text))
	return msg, nil
}

// messageID is the id part of the Message-ID header (go-mail adds the
// angle brackets): a hash of the outbox id at the sender's domain.
func messageID(id, from string) string {
	sum := sha256.Sum256([]byte(id))
	domain := "triada.localhost"
	if at := strings.LastIndexByte(from, '@'); at >= 0 {
		domain = strings.TrimRight(from[at+1:], ">")
	}
	return hex.EncodeToString(sum[:16]) + "@" + domain
}

func normalizeNewlines(s string) string {
	return strings.ReplaceAll(s, "\r\n", "\n")
}
