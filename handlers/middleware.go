package handlers

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// contextKey names the values middleware leaves on a gin.Context.
type contextKey int

const (
	actorKey   contextKey = iota // *engine.User, set by authenticate
	maxBodyKey                   // int64, set by limitBody
)

// actor returns the user the request's API token belongs to, or nil for an
// anonymous request. Engine methods decide what nil may do.
func actor(c *gin.Context) *engine.User {
	v, _ := c.Get(actorKey)
	u, _ := v.(*engine.User)
	return u
}

// authenticate sets the actor when the request carries a valid
// "Authorization: Bearer TOKEN" header, and answers 401 when it carries any
// other Authorization header. Without the header the actor stays nil.
func authenticate(eng *engine.Engine) gin.HandlerFunc {
	return func(c *gin.Context) {
		header := c.GetHeader("Authorization")
		if header == "" {
			c.Next()
			return
		}
		scheme, token, _ := strings.Cut(strings.TrimSpace(header), " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			writeError(c, engine.Errorf(engine.EUNAUTHORIZED, "Send the API token as the header Authorization: Bearer TOKEN."))
			return
		}
		u, err := eng.Authenticate(c.Request.Context(), token)
		if err != nil {
			writeError(c, err)
			return
		}
		c.Set(actorKey, u)
		c.Next()
	}
}

// limitBody caps every request body at n bytes; readBody answers 413 past it.
func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set(maxBodyKey, n)
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		}
		c.Next()
	}
}

// checkURL answers 400 for a path or query that is not UTF-8 text or holds
// a NUL character, before any handler passes it to the engine or a store:
// JSON under /api/, a page in the visitor's language elsewhere, as for an
// unknown path (notFound).
func checkURL(pg *pages) gin.HandlerFunc {
	return func(c *gin.Context) {
		ok := func(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
		good := ok(c.Request.URL.Path)
		query, err := url.ParseQuery(c.Request.URL.RawQuery)
		good = good && err == nil
		for k, vs := range query {
			good = good && ok(k)
			for _, v := range vs {
				good = good && ok(v)
			}
		}
		switch {
		case good:
			c.Next()
		case strings.HasPrefix(c.Request.URL.Path, "/api/"):
			writeError(c, &requestError{http.StatusBadRequest, "The address (path or query) is malformed or not UTF-8 text."})
		default:
			pg.language(c)
			pg.message(c, http.StatusBadRequest, "msg.bad_address", "/", "msg.home")
		}
	}
}

// contentSecurityPolicy allows the pages only what they load from Triada
// itself: no inline script, no plug-ins, no framing by other sites.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every answer carries.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Next()
}

// recovery turns a panic in a handler into a logged error and a plain
// JSON 500, never a stack trace or a half-written answer to the client.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p) // the server's own way to drop a connection
			}
			log.ErrorContext(c.Request.Context(), "panic serving a request",
				"method", c.Request.Method, "path", logPath(c.Request.URL.Path), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if c.Writer.Written() {
				c.Abort()
				return
			}
			c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{Error: "Internal error."})
		}()
		c.Next()
	}
}

// logRequests writes one log line per request, with the internal error
// that writeError recorded, if any. The query string is left out: links
// for providers carry personal tokens there. Health checks log at debug.
func logRequests(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := slog.LevelInfo
		switch {
		case status >= 500:
			level = slog.LevelError
		case c.Request.URL.Path == "/healthz":
			level = slog.LevelDebug
		}
		attrs := []slog.Attr{
			slog.String("method", c.Request.Method),
			slog.String("path", logPath(c.Request.URL.Path)),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
			slog.Int("bytes", max(c.Writer.Size(), 0)),
			slog.String("remote", c.ClientIP()),
		}
		if errs := c.Errors.ByType(gin.ErrorTypeAny); len(errs) > 0 {
			attrs = append(attrs, slog.String("error", errors.Join(errorsOf(errs)...).Error()))
		}
		log.LogAttrs(c.Request.Context(), level, "request", attrs...)
	}
}

func errorsOf(errs []*gin.Error) []error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e.Err
	}
	return out
}
