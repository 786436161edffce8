package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// signInView is the sign-in form; the e-mail typed comes back with an
// error, the password never does (it is not kept anywhere).
type signInView struct {
	pageBase
	Email      string
	Next       string
	Failed     bool
	SignedInAs string
	SignedOut  bool // just signed out: say so
}

// signInLimit is how many failed sign-ins one client address, and one
// e-mail,
// may make per quarter of an hour before being told to wait: enough for
// a person who mistypes, far too few to guess a password.
const signInLimit = 10

// signInForm shows the sign-in form.
func (p *pages) signInForm(c *gin.Context) {
	p.language(c)
	v := p.signInView(c, "", c.Query("next"))
	if u := p.staffUser(c); u != nil {
		v.SignedInAs = u.Email
	}
	v.SignedOut = c.Query("signed_out") != ""
	p.render(c, http.StatusOK, "signin", v)
}

func (p *pages) signInView(c *gin.Context, email, next string) signInView {
	b := p.base(c, "")
	b.Title = b.L.T("signin.title")
	b.CSRF = p.csrfToken(c)
	return signInView{pageBase: b, Email: email, Next: localPath(next)}
}

// signIn checks the e-mail and password. Success starts a session, gives
// the browser a fresh CSRF token (one known before the sign-in must not
// serve after it) and goes on to the page that asked for it.
func (p *pages) signIn(c *gin.Context) {
	p.language(c)
	email := strings.TrimSpace(c.PostForm("email"))
	next := c.PostForm("next")
	ctx := c.Request.Context()
	keys := []string{"ip:" + c.ClientIP(), "email:" + strings.ToLower(email)}
	for _, key := range keys {
		if blocked, wait := p.signIns.blocked(key); blocked {
			p.tooMany(c, wait)
			return
		}
	}
	token, s, u, err := p.eng.SignIn(ctx, email, c.PostForm("password"))
	if engine.ErrorCode(err) == engine.EUNAUTHORIZED {
		p.log.InfoContext(ctx, "a sign-in failed", "client", c.ClientIP())
		p.auditSignIn(c, engine.AuditSignInFailed, nil, email, http.StatusUnauthorized)
		for _, key := range keys {
			p.signIns.allow(key)
		}
		v := p.signInView(c, email, next)
		v.Failed = true
		v.Errors = []errorView{{InputID: "email", Message: v.L.T("signin.failed")}}
		p.render(c, http.StatusUnauthorized, "signin", v)
		return
	} else if err != nil {
		p.staffFail(c, err)
		return
	}
	// The old session of this browser, if any, ends now.
	if old := cookie(c, p.sessionName(c)); old != "" {
		_ = p.eng.SignOut(ctx, old)
	}
	p.log.InfoContext(ctx, "signed in", "user", u.ID, "role", string(u.Role))
	p.auditSignIn(c, engine.AuditSignIn, u, "", http.StatusSeeOther)
	p.setSession(c, token, s.ExpiresAt)
	p.setCookie(c, p.csrfName(c), engine.NewID(), "/", time.Now().Add(cookieYear))
	redirect(c, localPath(next))
}

// signOut ends the session and forgets its cookie.
func (p *pages) signOut(c *gin.Context) {
	if token := cookie(c, p.sessionName(c)); token != "" {
		u := p.staffUser(c)
		if err := p.eng.SignOut(c.Request.Context(), token); err != nil {
			p.staffFail(c, err)
			return
		}
		if u != nil {
			p.auditSignIn(c, engine.AuditSignOut, u, "", http.StatusSeeOther)
		}
	}
	p.setSession(c, "", time.Time{})
	redirect(c, "/signin?signed_out=1")
}
