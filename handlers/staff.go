package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// The staff area: coordinators, members of working groups and admins
// sign in with e-mail and password (page_signin.go) and work under /work.
// The session lives in the store, so that any instance serves any request;
// the browser keeps only the session's secret token in a cookie.
const sessionCookie = "triada_session" // "__Host-triada_session" under TLS

// staffKey is where requireSignedIn leaves the signed-in user.
const staffKey pageKey = 100

// sessionName is the session cookie's name: __Host- under TLS, so that no
// sibling subdomain can plant one.
func (p *pages) sessionName(c *gin.Context) string {
	if p.secure(c) {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

// staffUser returns the signed-in user of the request, nil when nobody is
// signed in. Within /work, requireSignedIn has found it already.
func (p *pages) staffUser(c *gin.Context) *engine.User {
	if u, ok := c.Get(staffKey); ok {
		user, _ := u.(*engine.User)
		return user
	}
	token := cookie(c, p.sessionName(c))
	if token == "" {
		return nil
	}
	u, _, err := p.eng.SessionUser(c.Request.Context(), token)
	if err != nil {
		return nil
	}
	c.Set(staffKey, u)
	return u
}

// requireSignedIn stands before every page of the staff area: a request
// without a valid session is sent to the sign-in page (GET, returning
// here afterwards) or refused (any other method: the form it came from
// is lost with the session, so it is said plainly).
func (p *pages) requireSignedIn(c *gin.Context) {
	p.language(c)
	if p.staffUser(c) != nil {
		c.Header("Cache-Control", "no-store")
		c.Next()
		return
	}
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		redirect(c, "/signin?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		return
	}
	p.message(c, http.StatusUnauthorized, "msg.signed_out", "/signin", "signin.title")
}

// setSession keeps the session token in its cookie until it expires; an
// empty token forgets it.
func (p *pages) setSession(c *gin.Context, token string, expires time.Time) {
	p.setCookie(c, p.sessionName(c), token, "/", expires)
}

// localPath returns next when it is a path on this site, else "/work": a
// sign-in link must not send anyone to another site.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") || next == "/signin" || strings.HasPrefix(next, "/signin?") {
		return "/work"
	}
	return next
}

// staffFail answers an engine error in the staff area with its page.
func (p *pages) staffFail(c *gin.Context, err error) {
	status, ok := statusOf[engine.ErrorCode(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch status {
	case http.StatusNotFound:
		p.message(c, status, "msg.not_found", "/work", "work.home")
	case http.StatusForbidden:
		p.message(c, status, "msg.forbidden", "/work", "work.home")
	case http.StatusUnauthorized:
		p.message(c, status, "msg.signed_out", "/signin", "signin.title")
	case http.StatusConflict, http.StatusUnprocessableEntity, http.StatusBadRequest:
		// The engine's own words say what is in the way.
		p.message(c, status, "msg.cannot", "/work", "work.home", requestText(c, err))
	default:
		_ = c.Error(err)
		p.message(c, http.StatusInternalServerError, "msg.internal", "", "")
	}
}
