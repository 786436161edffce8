package main

import (
	"log/slog"
	"strings"
	"testing"
)

func TestConfig_Mail(t *testing.T) {
	env := map[string]string{
		"TRIADA_SMTP_HOST": "smtp.slany.cz", "TRIADA_SMTP_PORT": "2525", "TRIADA_SMTP_USER": "triada",
		"TRIADA_SMTP_PASSWORD": "velmi-tajne", "TRIADA_SMTP_TLS": "TLS", "TRIADA_MAIL_FROM": "Triada Slaný <triada@slany.cz>",
	}
	c, err := LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPHost != "smtp.slany.cz" || c.SMTPPort != 2525 || c.SMTPUser != "triada" || c.SMTPPassword != "velmi-tajne" ||
		c.SMTPTLS != "tls" || c.MailFrom != "Triada Slaný <triada@slany.cz>" {
		t.Fatalf("config %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("start", "config", c)
	if strings.Contains(b.String(), "velmi-tajne") || !strings.Contains(b.String(), "config.smtp_password=xxxxx") {
		t.Fatalf("the password shows in the log: %s", b.String())
	}
	if _, where, err := c.mailSender(slog.New(slog.DiscardHandler)); err != nil || where != "SMTP smtp.slany.cz:2525 (tls)" {
		t.Fatalf("sender %q, %v", where, err)
	}
	c.SMTPPort = 0
	if _, where, _ := c.mailSender(slog.New(slog.DiscardHandler)); where != "SMTP smtp.slany.cz:465 (tls)" {
		t.Fatalf("sender on the default port: %q", where)
	}
	d := DefaultConfig()
	if _, where, err := d.mailSender(slog.New(slog.DiscardHandler)); err != nil || !strings.Contains(where, "outbox") {
		t.Fatalf("without SMTP: %q, %v", where, err)
	}

	for _, tt := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"Port", func(c *Config) { c.SMTPPort = 70000 }, "TRIADA_SMTP_PORT"},
		{"TLS", func(c *Config) { c.SMTPTLS = "ssl" }, "TRIADA_SMTP_TLS"},
		{"From", func(c *Config) { c.MailFrom = "triada at slany" }, "TRIADA_MAIL_FROM"},
		{"FromRequired", func(c *Config) { c.SMTPHost = "smtp.slany.cz" }, "TRIADA_MAIL_FROM"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want one naming %s", err, tt.want)
			}
		})
	}
}
