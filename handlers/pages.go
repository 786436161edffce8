package handlers

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/templates"
)

// PageOptions adjust the pages people fill questionnaires in; the zero
// value is ready for use.
type PageOptions struct {
	// BaseURL is Triada's public address (https://triada.example.cz/),
	// used for resume links; without it the request's own address is.
	// An https address also marks every cookie Secure.
	BaseURL string
	// SecureCookies marks every cookie Secure even when the request did
	// not come over TLS (TLS ends at a proxy that BaseURL does not name).
	SecureCookies bool
	// SubmitLimit is how many drafts one address may start, and how many
	// responses it may submit, per hour (each counted apart); anonymous
	// people are told to wait past it. DefaultSubmitLimit when zero, no
	// limit when negative. Counted in memory, per instance.
	SubmitLimit int
	// Operator is the municipality or organisation that runs this
	// installation, and ContactEmail where people reach it: the
	// accessibility statement and the privacy page name them.
	Operator     string
	ContactEmail string
	// Invitation, when set, replaces the personal-link cookie
	// (page_invite.go) in finding the hash of the invitation a request
	// carries for a questionnaire with access: invite, "" for none.
	Invitation func(c *gin.Context, q *engine.Questionnaire) (string, error)
}

// DefaultSubmitLimit is PageOptions.SubmitLimit when left zero.
const DefaultSubmitLimit = 30

// pages serves the pages for people: one action per file (page_*.go).
type pages struct {
	eng      *engine.Engine
	tmpl     *templates.Engine
	log      *slog.Logger
	opts     PageOptions
	starts   *limiter // drafts started per address
	submits  *limiter // responses submitted per address
	signIns  *limiter // failed sign-ins per address and per e-mail
	comments *limiter // comments on consultations per address (page_comment_form.go)
	mails    *limiter // resume links e-mailed per address and per draft
	// The coordinators' workspace (staff_workspace_routes.go): the actions
	// the audit log's filter offers, and the outbox's counts (the engine's,
	// or Options.Outbox).
	auditActions []string
	outbox       OutboxSummary
}

// newPages parses the templates; it fails when one is broken.
func newPages(eng *engine.Engine, log *slog.Logger, opts PageOptions) (*pages, error) {
	tmpl, err := templates.New()
	if err != nil {
		return nil, err
	}
	limit := opts.SubmitLimit
	if limit == 0 {
		limit = DefaultSubmitLimit
	}
	opts.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	return &pages{
		eng: eng, tmpl: tmpl, log: log, opts: opts,
		starts:   newLimiter(limit, time.Hour, eng.Now),
		submits:  newLimiter(limit, time.Hour, eng.Now),
		signIns:  newLimiter(signInLimit, 15*time.Minute, eng.Now),
		comments: newLimiter(limit, commentRateWindow, eng.Now),
		mails:    newLimiter(resumeMailLimit, time.Hour, eng.Now),
	}, nil
}

// registerPages adds the routes of the pages. Questionnaire pages live
// under /q/ID, so that each questionnaire's draft cookie is scoped to it.
func registerPages(r *gin.Engine, p *pages) {
	r.GET("/static/:name", p.static)
	r.GET("/i/:token", p.openInvitation)
	r.GET("/accessibility", p.about("accessibility", "about.accessibility.title"))
	r.GET("/privacy", p.about("privacy", "about.privacy.title"))
	q := r.Group("/q/:id")
	q.GET("", p.start)
	q.GET("/page/:n", p.formShow)
	q.POST("/page/:n", p.guardForm, p.formSave)
	q.POST("/restart", p.guardForm, p.restart)
	q.GET("/saved", p.saved)
	q.POST("/saved", p.guardForm, p.savedMail)
	q.GET("/resume", p.resume)
	q.GET("/thanks", p.thanks)
}

// render writes a rendered page with the status, or a plain 500 when the
// template fails; nothing is written before the page is whole. Pages are
// personal (answers, tokens): no cache keeps them.
func (p *pages) render(c *gin.Context, status int, page string, data any) {
	body, err := p.tmpl.Render(page, data)
	if err != nil {
		_ = c.Error(err)
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("Internal error. Vnitřní chyba."))
		c.Abort()
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Language", languageOf(c))
	c.Data(status, "text/html; charset=utf-8", body)
}

// redirect answers 303 See Other: after a POST the browser GETs the page.
func redirect(c *gin.Context, url string) {
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, url)
	c.Abort()
}

// Paths of a questionnaire's pages.
func startPath(id string) string       { return "/q/" + id }
func pagePath(id string, n int) string { return "/q/" + id + "/page/" + itoa(n+1) }
func savedPath(id string) string       { return "/q/" + id + "/saved" }
func thanksPath(id string) string      { return "/q/" + id + "/thanks" }
func restartPath(id string) string     { return "/q/" + id + "/restart" }
