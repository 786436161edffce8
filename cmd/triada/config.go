package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/triada-kpss/triada/codelists"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/handlers"
	"github.com/triada-kpss/triada/mail"
)

// Config is Triada's configuration. DefaultConfig gives values that need no
// set-up; each option can be overridden by its TRIADA_* environment
// variable, and that by its flag (see options).
type Config struct {
	Addr            string        // host:port to listen on
	DataDir         string        // folder of the embedded database
	MongoDBURI      string        // set: store everything in MongoDB
	MongoDBDB       string        // the MongoDB database
	LogFormat       string        // text or json
	LogLevel        slog.Level    // debug, info, warn or error
	MaxBodyBytes    int64         // request body limit
	BaseURL         string        // public address, when behind a proxy
	DraftDays       int           // how long a saved draft and its resume link last
	SubmitLimit     int           // drafts started and responses sent per address per hour
	SessionHours    int           // how long a sign-in lasts
	Operator        string        // who runs this installation (a municipality)
	ContactEmail    string        // where people reach the operator
	ShutdownTimeout time.Duration // how long requests in flight may take to finish
	TrustedProxies  []string      // proxies whose X-Forwarded-For is believed
	CodeLists       string        // kinds of social services: cz, sk or all
	SMTPHost        string        // SMTP server; unset: e-mails are written as .eml files
	SMTPPort        int           // 0: by SMTPTLS (25, 587 or 465)
	SMTPUser        string        // unset: no authentication
	SMTPPassword    string        // never logged
	SMTPTLS         string        // none, starttls or tls
	MailFrom        string        // the sender of Triada's e-mails
}

// optionScope says which commands take an option as a flag; every command
// reads the environment.
type optionScope int

const (
	scopeServe optionScope = iota // serve only
	scopeStore                    // every command that opens the store
)

// option is one configuration option: its flag, its environment variable
// (TRIADA_ and the flag's name in upper case), default and meaning.
type option struct {
	flag   string
	def    string
	usage  string
	scope  optionScope
	secret bool // shown masked in logs
	set    func(c *Config, v string) error
	get    func(c *Config) string
}

// env is the option's environment variable.
func (o *option) env() string {
	return "TRIADA_" + strings.ToUpper(strings.ReplaceAll(o.flag, "-", "_"))
}

// options is the one table of Triada's configuration.
var options = []*option{
	{flag: "addr", def: "127.0.0.1:8080", scope: scopeServe,
		usage: "address (host:port) to listen on; 0.0.0.0:8080 for every interface",
		set:   func(c *Config, v string) error { c.Addr = v; return nil },
		get:   func(c *Config) string { return c.Addr }},
	{flag: "data-dir", def: "./data", scope: scopeStore,
		usage: "folder of the embedded database (triada.db), created on first start",
		set:   func(c *Config, v string) error { c.DataDir = v; return nil },
		get:   func(c *Config) string { return c.DataDir }},
	{flag: "mongodb-uri", def: "", scope: scopeStore, secret: true,
		usage: "MongoDB connection string; when set, Triada stores everything in MongoDB instead of the embedded database",
		set:   func(c *Config, v string) error { c.MongoDBURI = v; return nil },
		get:   func(c *Config) string { return MaskURI(c.MongoDBURI) }},
	{flag: "mongodb-db", def: "triada", scope: scopeStore,
		usage: "MongoDB database name",
		set:   func(c *Config, v string) error { c.MongoDBDB = v; return nil },
		get:   func(c *Config) string { return c.MongoDBDB }},
	{flag: "log-format", def: "text", scope: scopeStore,
		usage: "log format: text or json",
		set:   func(c *Config, v string) error { c.LogFormat = strings.ToLower(v); return nil },
		get:   func(c *Config) string { return c.LogFormat }},
	{flag: "log-level", def: "info", scope: scopeStore,
		usage: "least important log level shown: debug, info, warn or error",
		set:   func(c *Config, v string) error { return c.LogLevel.UnmarshalText([]byte(v)) },
		get:   func(c *Config) string { return strings.ToLower(c.LogLevel.String()) }},
	{flag: "max-body-bytes", def: "1MiB", scope: scopeServe,
		usage: "largest request body accepted (413 past it): bytes, or with KiB or MiB",
		set: func(c *Config, v string) (err error) {
			c.MaxBodyBytes, err = parseBytes(v)
			return err
		},
		get: func(c *Config) string { return strconv.FormatInt(c.MaxBodyBytes, 10) }},
	{flag: "base-url", def: "", scope: scopeServe,
		usage: "public address of Triada (https://triada.example.cz/) when it runs behind a proxy; shown at start",
		set:   func(c *Config, v string) error { c.BaseURL = v; return nil },
		get:   func(c *Config) string { return c.BaseURL }},
	{flag: "draft-days", def: "30", scope: scopeServe,
		usage: "days a saved draft, and the link to continue it, stay valid after it was last saved",
		set:   func(c *Config, v string) (err error) { c.DraftDays, err = strconv.Atoi(v); return err },
		get:   func(c *Config) string { return strconv.Itoa(c.DraftDays) }},
	{flag: "submit-limit", def: "30", scope: scopeServe,
		usage: "questionnaires one address may start, and responses it may send through the pages, per hour (0: no limit)",
		set:   func(c *Config, v string) (err error) { c.SubmitLimit, err = strconv.Atoi(v); return err },
		get:   func(c *Config) string { return strconv.Itoa(c.SubmitLimit) }},
	{flag: "session-hours", def: "12", scope: scopeServe,
		usage: "hours a sign-in of a coordinator, member or admin lasts",
		set:   func(c *Config, v string) (err error) { c.SessionHours, err = strconv.Atoi(v); return err },
		get:   func(c *Config) string { return strconv.Itoa(c.SessionHours) }},
	{flag: "operator", def: "", scope: scopeServe,
		usage: "the municipality or organisation that runs Triada, named in the accessibility statement and the privacy page",
		set:   func(c *Config, v string) error { c.Operator = strings.TrimSpace(v); return nil },
		get:   func(c *Config) string { return c.Operator }},
	{flag: "contact-email", def: "", scope: scopeServe,
		usage: "where people reach the operator about accessibility and personal data",
		set:   func(c *Config, v string) error { c.ContactEmail = strings.TrimSpace(v); return nil },
		get:   func(c *Config) string { return c.ContactEmail }},
	{flag: "shutdown-timeout", def: "15s", scope: scopeServe,
		usage: "how long requests in flight may take to finish on SIGTERM or SIGINT",
		set: func(c *Config, v string) (err error) {
			c.ShutdownTimeout, err = time.ParseDuration(v)
			return err
		},
		get: func(c *Config) string { return c.ShutdownTimeout.String() }},
	{flag: "trusted-proxies", def: "", scope: scopeServe,
		usage: "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed",
		set: func(c *Config, v string) error {
			c.TrustedProxies = nil
			for p := range strings.SplitSeq(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					c.TrustedProxies = append(c.TrustedProxies, p)
				}
			}
			return nil
		},
		get: func(c *Config) string { return strings.Join(c.TrustedProxies, ",") }},
	{flag: "code-lists", def: codelists.All, scope: scopeStore,
		usage: "kinds of social services that provider records use: cz (Czech act 108/2006), sk (Slovak act 448/2008) or all",
		set: func(c *Config, v string) error {
			v = strings.ToLower(strings.TrimSpace(v))
			if _, err := codelists.ForInstallation(v); err != nil {
				return err
			}
			c.CodeLists = v
			return nil
		},
		get: func(c *Config) string { return c.CodeLists }},
	{flag: "smtp-host", def: "", scope: scopeServe,
		usage: "SMTP server that sends Triada's e-mails; unset: each e-mail is written as an .eml file under DATA_DIR/outbox",
		set:   func(c *Config, v string) error { c.SMTPHost = strings.TrimSpace(v); return nil },
		get:   func(c *Config) string { return c.SMTPHost }},
	{flag: "smtp-port", def: "0", scope: scopeServe,
		usage: "port of the SMTP server; 0 takes the usual one of the TLS mode (25 for none, 587 for starttls, 465 for tls)",
		set: func(c *Config, v string) (err error) {
			c.SMTPPort, err = strconv.Atoi(strings.TrimSpace(v))
			return err
		},
		get: func(c *Config) string { return strconv.Itoa(c.SMTPPort) }},
	{flag: "smtp-user", def: "", scope: scopeServe,
		usage: "user name at the SMTP server; unset: no authentication",
		set:   func(c *Config, v string) error { c.SMTPUser = v; return nil },
		get:   func(c *Config) string { return c.SMTPUser }},
	{flag: "smtp-password", def: "", scope: scopeServe, secret: true,
		usage: "password at the SMTP server (never logged; prefer the variable to the flag, which other users of the machine can see)",
		set:   func(c *Config, v string) error { c.SMTPPassword = v; return nil },
		get:   func(c *Config) string { return maskSecret(c.SMTPPassword) }},
	{flag: "smtp-tls", def: mail.TLSStartTLS, scope: scopeServe,
		usage: "encryption of the connection to the SMTP server: none, starttls (required STARTTLS) or tls (TLS from the start)",
		set:   func(c *Config, v string) error { c.SMTPTLS = strings.ToLower(strings.TrimSpace(v)); return nil },
		get:   func(c *Config) string { return c.SMTPTLS }},
	{flag: "mail-from", def: "", scope: scopeServe,
		usage: "sender of Triada's e-mails, e.g. \"Triada Slaný <triada@slany.cz>\"; required with smtp-host",
		set:   func(c *Config, v string) error { c.MailFrom = strings.TrimSpace(v); return nil },
		get:   func(c *Config) string { return c.MailFrom }},
}

// maskSecret shows whether a secret is set, not what it is.
func maskSecret(s string) string {
	if s == "" {
		return ""
	}
	return "xxxxx"
}

// DefaultConfig returns the configuration with every option at its default.
func DefaultConfig() Config {
	var c Config
	for _, o := range options {
		if err := o.set(&c, o.def); err != nil {
			panic(fmt.Sprintf("default of %s: %v", o.flag, err)) // a typo in the table above
		}
	}
	return c
}

// LoadConfig returns the default configuration overridden by the TRIADA_*
// variables that getenv returns (an empty value counts as unset).
func LoadConfig(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	var errs []error
	for _, o := range options {
		if v := getenv(o.env()); v != "" {
			if err := o.set(&c, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", o.env(), err))
			}
		}
	}
	return c, errors.Join(errs...)
}

// registerFlags adds a flag for every option of the scope (and of
// scopeStore, which every command opening the store takes) to fs; flags
// override what LoadConfig read.
func (c *Config) registerFlags(fs *flag.FlagSet, scope optionScope) {
	for _, o := range options {
		if o.scope != scopeStore && o.scope != scope {
			continue
		}
		fs.Func(o.flag, o.usage, func(v string) error { return o.set(c, v) })
	}
}

// Validate reports every option with an unusable value, naming its
// variable.
func (c *Config) Validate() error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", envOf(flag), fmt.Sprintf(format, args...)))
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		bad("addr", "%q is not host:port (for example 127.0.0.1:8080 or :8080)", c.Addr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		bad("addr", "%q has no port number", c.Addr)
	}
	if c.MongoDBURI == "" && strings.TrimSpace(c.DataDir) == "" {
		bad("data-dir", "must name a folder")
	}
	if c.MongoDBURI != "" && !strings.HasPrefix(c.MongoDBURI, "mongodb://") && !strings.HasPrefix(c.MongoDBURI, "mongodb+srv://") {
		bad("mongodb-uri", "must start with mongodb:// or mongodb+srv://")
	}
	if c.MongoDBDB == "" || len(c.MongoDBDB) > 63 || strings.ContainsAny(c.MongoDBDB, "/\\. \"$*<>:|?") {
		bad("mongodb-db", "%q is not a MongoDB database name (up to 63 characters, none of /\\. \"$*<>:|?)", c.MongoDBDB)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log-format", "must be text or json, not %q", c.LogFormat)
	}
	if c.MaxBodyBytes < 1024 || c.MaxBodyBytes > 1<<30 {
		bad("max-body-bytes", "must be from 1KiB to 1024MiB, not %d bytes", c.MaxBodyBytes)
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("base-url", "%q is not an http:// or https:// address", c.BaseURL)
		}
	}
	if c.DraftDays < 1 || c.DraftDays > 366 {
		bad("draft-days", "must be from 1 to 366, not %d", c.DraftDays)
	}
	if c.SubmitLimit < 0 || c.SubmitLimit > 1_000_000 {
		bad("submit-limit", "must be from 0 (no limit) to 1000000, not %d", c.SubmitLimit)
	}
	if c.SessionHours < 1 || c.SessionHours > 24*31 {
		bad("session-hours", "must be from 1 to 744, not %d", c.SessionHours)
	}
	if c.ContactEmail != "" {
		if _, err := engine.NormalizeEmail("contact-email", c.ContactEmail); err != nil {
			bad("contact-email", "%q is not an e-mail address", c.ContactEmail)
		}
	}
	if c.ShutdownTimeout <= 0 {
		bad("shutdown-timeout", "must be positive, like 15s")
	}
	errs = append(errs, c.validateMail()...)
	for _, p := range c.TrustedProxies {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				bad("trusted-proxies", "%q is neither an IP address nor a CIDR range", p)
			}
		}
	}
	return errors.Join(errs...)
}

func envOf(flag string) string {
	for _, o := range options {
		if o.flag == flag {
			return o.env()
		}
	}
	return flag
}

// LogValue shows the effective configuration in logs, secrets masked.
func (c Config) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(options)+1)
	store := "sqlite"
	if c.MongoDBURI != "" {
		store = "mongodb"
	}
	attrs = append(attrs, slog.String("store", store))
	for _, o := range options {
		attrs = append(attrs, slog.String(strings.ReplaceAll(o.flag, "-", "_"), o.get(&c)))
	}
	return slog.GroupValue(attrs...)
}

// MaskURI hides the password of a connection string, and the values of
// query parameters whose name mentions a password or secret.
func MaskURI(uri string) string {
	const mask = "xxxxx"
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		if user, _, hasPassword := strings.Cut(authority[:at], ":"); hasPassword {
			authority = user + ":" + mask + authority[at:]
		}
	}
	if path, query, ok := strings.Cut(tail, "?"); ok {
		params := strings.Split(query, "&")
		for i, p := range params {
			if k, _, ok := strings.Cut(p, "="); ok {
				if lk := strings.ToLower(k); strings.Contains(lk, "password") || strings.Contains(lk, "secret") {
					params[i] = k + "=" + mask
				}
			}
		}
		tail = path + "?" + strings.Join(params, "&")
	}
	return scheme + "://" + authority + tail
}

// sizeUnits are the suffixes parseBytes knows, longest first.
var sizeUnits = []struct {
	suffix string
	n      int64
}{{"GiB", 1 << 30}, {"GB", 1 << 30}, {"G", 1 << 30}, {"MiB", 1 << 20}, {"MB", 1 << 20}, {"M", 1 << 20},
	{"KiB", 1 << 10}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}}

// parseBytes reads a size: a number of bytes, or one with the suffix KiB,
// MiB or GiB (K, KB, M, MB, G and GB mean the same).
func parseBytes(v string) (int64, error) {
	s, unit := strings.TrimSpace(v), int64(1)
	for _, u := range sizeUnits {
		if n := len(u.suffix); len(s) > n && strings.EqualFold(s[len(s)-n:], u.suffix) {
			s, unit = strings.TrimSpace(s[:len(s)-n]), u.n
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<40)/unit {
		return 0, fmt.Errorf("%q is not a size like 1048576 or 1MiB", v)
	}
	return n * unit, nil
}

// printOptions writes the options of a scope for a command's usage.
func printOptions(w io.Writer, scope optionScope) {
	for _, o := range options {
		if o.scope != scopeStore && o.scope != scope {
			continue
		}
		def := o.def
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(w, "  --%s (%s, default %s)\n      %s\n", o.flag, o.env(), def, o.usage)
	}
}

// validateMail checks the e-mail settings.
func (c *Config) validateMail() []error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", envOf(flag), fmt.Sprintf(format, args...)))
	}
	if c.SMTPPort < 0 || c.SMTPPort > 65535 {
		bad("smtp-port", "must be from 0 (the usual port) to 65535, not %d", c.SMTPPort)
	}
	if c.SMTPTLS != mail.TLSNone && c.SMTPTLS != mail.TLSStartTLS && c.SMTPTLS != mail.TLSImplicit {
		bad("smtp-tls", "must be none, starttls or tls, not %q", c.SMTPTLS)
	}
	if c.MailFrom != "" {
		if _, err := netmail.ParseAddress(c.MailFrom); err != nil {
			bad("mail-from", "%q is not an address like triada@slany.cz or \"Triada Slaný <triada@slany.cz>\"", c.MailFrom)
		}
	} else if c.SMTPHost != "" {
		bad("mail-from", "is required when smtp-host is set: the address Triada's e-mails come from")
	}
	return errs
}

// engineOptions are the engine's settings from the configuration.
func (c *Config) engineOptions() engine.Options {
	// The code lists were checked when set.
	lists, _ := codelists.ForInstallation(c.CodeLists)
	return engine.Options{
		CodeLists:  lists,
		DraftTTL:   time.Duration(c.DraftDays) * 24 * time.Hour,
		SessionTTL: time.Duration(c.SessionHours) * time.Hour,
		BaseURL:    c.BaseURL,
	}
}

// pageOptions are the pages' settings from the configuration; the
// handlers' limit is negative for none.
func (c *Config) pageOptions() handlers.PageOptions {
	limit := c.SubmitLimit
	if limit == 0 {
		limit = -1
	}
	return handlers.PageOptions{BaseURL: c.BaseURL, SubmitLimit: limit, Operator: c.Operator, ContactEmail: c.ContactEmail}
}

// mailSender is what sends the outbox's e-mails: the SMTP server when
// one is set, else an EMLWriter into DATA_DIR/outbox. It also says where
// the e-mails go, for the log.
func (c *Config) mailSender(logger *slog.Logger) (mail.Sender, string, error) {
	from := c.MailFrom
	if from == "" {
		from = "Triada <triada@localhost>"
	}
	if c.SMTPHost == "" {
		dir := filepath.Join(c.DataDir, "outbox")
		w := &mail.EMLWriter{Dir: dir, From: from, Wrote: func(path string, m *engine.OutboxMessage) {
			logger.Info("e-mail written to a file (no SMTP server is set)", "id", m.ID, "file", path)
		}}
		return w, "files under " + dir, nil
	}
	s, err := mail.NewSMTPSender(mail.SMTPConfig{Host: c.SMTPHost, Port: c.SMTPPort, User: c.SMTPUser,
		Password: c.SMTPPassword, TLS: c.SMTPTLS, From: from})
	if err != nil {
		return nil, "", err
	}
	port := c.SMTPPort
	if port == 0 {
		port = mail.DefaultPort(c.SMTPTLS)
	}
	return s, fmt.Sprintf("SMTP %s (%s)", net.JoinHostPort(c.SMTPHost, strconv.Itoa(port)), c.SMTPTLS), nil
}
