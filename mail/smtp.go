package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/triada-kpss/triada/engine"
)

// TLS modes of the connection to the SMTP server.
const (
	TLSNone     = "none"     // plain text (a server on the same machine or network)
	TLSStartTLS = "starttls" // plain, then STARTTLS, required (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
)

// SMTPConfig says how to reach the SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int    // 0: 25, 587 or 465 by TLS mode
	User     string // empty: no authentication
	Password string
	TLS      string // TLSNone, TLSStartTLS (default) or TLSImplicit
	From     string // the sender, e.g. "Triada <triada@mesto.cz>"
	// TLSConfig, when set, replaces the default TLS settings (tests
	// trust their own certificate with it).
	TLSConfig *tls.Config
	// Timeout bounds connecting and each command; 30 s when zero.
	Timeout time.Duration
}

// DefaultPort is the port of a TLS mode.
func DefaultPort(mode string) int {
	switch mode {
	case TLSNone:
		return 25
	case TLSImplicit:
		return 465
	}
	return 587
}

// SMTPSender sends each message over SMTP with go-mail.
type SMTPSender struct {
	cfg SMTPConfig
}

// NewSMTPSender checks cfg and returns a sender; it connects only when
// it sends.
func NewSMTPSender(cfg SMTPConfig) (*SMTPSender, error) {
	if cfg.TLS == "" {
		cfg.TLS = TLSStartTLS
	}
	switch {
	case cfg.Host == "":
		return nil, errors.New("mail: no SMTP host")
	case cfg.TLS != TLSNone && cfg.TLS != TLSStartTLS && cfg.TLS != TLSImplicit:
		return nil, fmt.Errorf("mail: TLS mode %q is not none, starttls or tls", cfg.TLS)
	case cfg.From == "":
		return nil, errors.New("mail: no sender address")
	}
	if cfg.Port == 0 {
		cfg.Port = DefaultPort(cfg.TLS)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if err := gomail.NewMsg().From(cfg.From); err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %w", cfg.From, err)
	}
	return &SMTPSender{cfg: cfg}, nil
}

// client makes a go-mail client for one delivery.
func (s *SMTPSender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	}
	if s.cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.cfg.TLSConfig))
	}
	if s.cfg.User != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.TLS == TLSNone {
			// go-mail refuses PLAIN without TLS unless asked by name:
			// the operator chose "none" for a server they trust.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.cfg.User), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// Send delivers m. A 5xx answer of the server is permanent; anything
// else (no connection, 4xx) is tried again.
func (s *SMTPSender) Send(ctx context.Context, m *engine.OutboxMessage) error {
	msg, err := build(s.cfg.From, m)
	if err != nil {
		return err
	}
	c, err := s.client()
	if err != nil {
		return Permanent(fmt.Errorf("mail: SMTP settings: %w", err))
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *gomail.SendError
		if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
			return Permanent(err)
		}
		return err
	}
	return nil
}
