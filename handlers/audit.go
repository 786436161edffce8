package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// auditChanges records, after each state-changing request (POST, PUT,
// PATCH, DELETE) of a signed-in person, who made it, when, on which
// route and ids, and how it ended. userOf finds the person: the session
// in /work, the API token in /api/v1. Anonymous requests (a resident's
// response or comment) are not staff changes and are not recorded.
//
// It records the route pattern (c.FullPath()) and the path parameters,
// never the query string, the body or a token: nothing a password or an
// invitation link could leak through.
func auditChanges(eng *engine.Engine, log *slog.Logger, userOf func(*gin.Context) *engine.User) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch c.Request.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			c.Next()
			return
		}
		c.Next()
		u := userOf(c)
		if u == nil || c.FullPath() == "" {
			return
		}
		entry := &engine.AuditEntry{UserID: u.ID, Email: u.Email, Action: c.Request.Method + " " + c.FullPath(),
			Targets: auditTargets(c.Params), Status: c.Writer.Status()}
		recordAudit(c, eng, log, entry)
	}
}

// secretParams are path parameters whose values are secrets: recorded
// by name only.
var secretParams = []string{"token", "invite"}

// auditTargets turns the route's parameters into "name=value".
func auditTargets(params gin.Params) []string {
	var out []string
	for _, p := range params {
		value := p.Value
		if slices.Contains(secretParams, strings.ToLower(p.Key)) {
			value = "…"
		}
		out = append(out, p.Key+"="+value)
	}
	return out
}

// recordAudit stores the entry even when the client has gone: the change
// happened. A failure is logged, not shown: the person's change is done
// and the answer written.
func recordAudit(c *gin.Context, eng *engine.Engine, log *slog.Logger, entry *engine.AuditEntry) {
	ctx := context.WithoutCancel(c.Request.Context())
	if err := eng.RecordAudit(ctx, entry); err != nil {
		log.ErrorContext(ctx, "could not record an audit entry", "action", entry.Action, "user", entry.UserID, "error", err)
	}
}

// auditSignIn records a sign-in, a failed sign-in (u nil, the e-mail as
// typed) or a sign-out.
func (p *pages) auditSignIn(c *gin.Context, action string, u *engine.User, email string, status int) {
	if !strings.Contains(email, "@") || strings.ContainsAny(email, " \t") {
		email = "" // not an e-mail: perhaps a password typed in the wrong field
	}
	entry := &engine.AuditEntry{Email: email, Action: action, Status: status}
	if u != nil {
		entry.UserID, entry.Email = u.ID, u.Email
	}
	recordAudit(c, p.eng, p.log, entry)
}
