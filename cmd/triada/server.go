package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/handlers"
	"github.com/triada-kpss/triada/mail"
	"github.com/triada-kpss/triada/store/mongo"
	"github.com/triada-kpss/triada/store/sqlite"
)

// Timeouts of the HTTP server. ReadHeaderTimeout stops clients that open
// connections and never finish a request; the others bound one request.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
)

// Main is the running program: the store, the engine and the HTTP server.
// main uses it for "triada serve"; end-to-end tests start it on port 0.
type Main struct {
	Config Config
	Logger *slog.Logger

	// Set by Run.
	Store  engine.Store
	Engine *engine.Engine

	server   *http.Server
	listener net.Listener
	mailer   *mail.Worker
	errc     chan error
}

// NewMain returns a Main with the configuration; nil logger discards logs.
func NewMain(cfg Config, logger *slog.Logger) *Main {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Main{Config: cfg, Logger: logger, errc: make(chan error, 1)}
}

// Run opens the store and starts serving; it returns once the server
// listens, or with the reason it cannot. Close stops it.
func (m *Main) Run(ctx context.Context) error {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	store, err := OpenStore(ctx, m.Config)
	if err != nil {
		return err
	}
	m.Store = store
	sender, where, err := m.Config.mailSender(m.Logger)
	if err != nil {
		return err
	}
	// The outbox worker: every instance runs one; claims keep them from
	// sending a message twice. The engine wakes it when a message is
	// ready, so that a receipt leaves at once.
	m.mailer = &mail.Worker{Sender: sender, Logger: m.Logger}
	opts := m.Config.engineOptions()
	opts.MailReady = m.mailer.Wake
	m.Engine = engine.New(store, opts)
	m.mailer.Engine = m.Engine
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", m.Config.Addr, err)
	}
	m.listener = ln
	m.server = &http.Server{
		Handler: handlers.New(m.Engine, handlers.Options{
			Logger:         m.Logger,
			MaxBodyBytes:   m.Config.MaxBodyBytes,
			TrustedProxies: m.Config.TrustedProxies,
			Pages:          m.Config.pageOptions(),
		}),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := m.server.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			m.errc <- err
		}
	}()
	m.Logger.Info("Triada is listening; open this address", "url", m.URL())
	m.mailer.Start()
	m.Logger.Info("e-mails are sent from the outbox", "to", where)
	if m.Config.BaseURL == "" {
		m.Logger.Warn("no base URL is set (TRIADA_BASE_URL): e-mails about comments carry no link to the settlement")
	}
	return nil
}

// URL returns the address to open: the configured base URL, or the one
// the server listens on (localhost when it listens on every interface).
func (m *Main) URL() string {
	if m.Config.BaseURL != "" {
		return m.Config.BaseURL
	}
	if m.listener == nil {
		return ""
	}
	host, port, _ := net.SplitHostPort(m.listener.Addr().String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Err receives the error of a server that stopped by itself.
func (m *Main) Err() <-chan error { return m.errc }

// Close stops the server, letting requests in flight finish within
// Config.ShutdownTimeout (then cutting them off), and closes the store.
func (m *Main) Close() error {
	var errs []error
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
		defer cancel()
		if err := m.server.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("requests still running after %s were cut off: %w", m.Config.ShutdownTimeout, err))
			_ = m.server.Close()
		}
		m.server = nil
	}
	if m.mailer != nil {
		// After the requests: a comment acknowledged in the last moment
		// has its receipt in the outbox, which the next start sends.
		m.mailer.Stop()
		m.mailer = nil
	}
	if m.Store != nil {
		if err := m.Store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("closing the store: %w", err))
		}
		m.Store = nil
	}
	return errors.Join(errs...)
}

// OpenStore opens the store the configuration names: MongoDB when
// MongoDBURI is set, else the embedded database in DataDir (created when
// missing).
func OpenStore(ctx context.Context, cfg Config) (engine.Store, error) {
	if cfg.MongoDBURI != "" {
		s, err := mongo.Open(ctx, cfg.MongoDBURI, cfg.MongoDBDB)
		if err != nil {
			return nil, fmt.Errorf("cannot open MongoDB database %s at %s: %w", cfg.MongoDBDB, MaskURI(cfg.MongoDBURI), maskErr(err, cfg.MongoDBURI))
		}
		return s, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("cannot create the data folder: %w", err)
	}
	path := filepath.Join(cfg.DataDir, "triada.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the database %s: %w", path, err)
	}
	return s, nil
}

// maskErr hides the connection string in a driver's error, should the
// driver quote it.
func maskErr(err error, uri string) error {
	if uri == "" || !strings.Contains(err.Error(), uri) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), uri, MaskURI(uri)))
}

// newLogger returns the logger the configuration asks for, writing to w.
func newLogger(w io.Writer, cfg Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
