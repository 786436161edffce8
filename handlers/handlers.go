package handlers

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// DefaultMaxBodyBytes is the request body limit when Options leave it unset.
const DefaultMaxBodyBytes = 1 << 20

// Options adjust the handler; the zero value is ready for use.
type Options struct {
	// Logger receives one line per request and every internal error;
	// slog.Default() when nil.
	Logger *slog.Logger
	// MaxBodyBytes caps request bodies (413 past it); DefaultMaxBodyBytes
	// when zero or negative.
	MaxBodyBytes int64
	// TrustedProxies are the addresses or CIDR ranges of reverse proxies
	// whose X-Forwarded-For is believed for the client address in the log;
	// none when empty. Malformed entries are logged and none is trusted.
	TrustedProxies []string
	// Pages adjusts the pages people fill questionnaires in.
	Pages PageOptions
	// Outbox gives the staff dashboard the outbox's counts of failed and
	// waiting messages; the engine's own outbox when nil.
	Outbox OutboxSummary
}

// New returns the HTTP handler of Triada: the JSON API, the health check
// and the pages, all calling eng. It panics when the embedded templates
// do not parse, which the package's tests rule out.
func New(eng *engine.Engine, opts Options) http.Handler {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	maxBody := opts.MaxBodyBytes
	if maxBody <= 0 {
		maxBody = DefaultMaxBodyBytes
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false // every answer stays JSON; no HTML redirect bodies
	r.ContextWithFallback = true
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		// cmd/triada validates them first; trust no proxy rather than a wrong one.
		log.Error("ignoring the trusted proxies", "error", err)
		_ = r.SetTrustedProxies(nil)
	}
	pg, err := newPages(eng, log, opts.Pages)
	if err != nil {
		panic("handlers: the page templates are broken: " + err.Error())
	}
	r.Use(logRequests(log), recovery(log), securityHeaders, checkURL(pg), limitBody(maxBody))
	routes(r, eng, log, pg)
	pg.auditActions, pg.outbox = auditActions(r.Routes()), opts.Outbox
	if pg.outbox == nil {
		pg.outbox = eng
	}
	return r
}
