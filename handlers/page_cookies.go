package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// Cookies of the pages. All are HttpOnly and SameSite=Lax, and Secure
// under TLS (see secure). The draft cookie is scoped to its
// questionnaire's path, so that each questionnaire has its own draft.
const (
	langCookie  = "triada_lang"
	draftCookie = "triada_draft"
	csrfCookie  = "triada_csrf" // "__Host-triada_csrf" when Secure
	cookieYear  = 365 * 24 * time.Hour
)

// pageKey names the values the pages leave on a gin.Context.
type pageKey int

const langKey pageKey = iota // string: the language of the answer

// secure reports whether cookies get the Secure attribute.
func (p *pages) secure(c *gin.Context) bool {
	return c.Request.TLS != nil || p.opts.SecureCookies || strings.HasPrefix(p.opts.BaseURL, "https://")
}

func (p *pages) setCookie(c *gin.Context, name, value, path string, expires time.Time) {
	ck := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: p.secure(c)}
	switch {
	case value == "":
		ck.MaxAge = -1
	case !expires.IsZero():
		ck.Expires = expires
		ck.MaxAge = max(int(time.Until(expires).Seconds()), 1)
	}
	http.SetCookie(c.Writer, ck)
}

func cookie(c *gin.Context, name string) string {
	ck, err := c.Request.Cookie(name)
	if err != nil {
		return ""
	}
	return ck.Value
}

// language picks the language of the answer and remembers it on the
// context: ?lang= (then kept in a cookie for a year), else the cookie,
// else Accept-Language, else Czech.
func (p *pages) language(c *gin.Context) string {
	if lang := c.GetString(langKey); lang != "" {
		return lang
	}
	lang := c.Query("lang")
	switch {
	case i18n.Supported(lang):
		p.setCookie(c, langCookie, lang, "/", time.Now().Add(cookieYear))
	case i18n.Supported(cookie(c, langCookie)):
		lang = cookie(c, langCookie)
	default:
		lang = i18n.Match(c.GetHeader("Accept-Language"))
	}
	c.Set(langKey, lang)
	return lang
}

// setLanguage switches the language for this answer and the next ones.
func (p *pages) setLanguage(c *gin.Context, lang string) {
	p.setCookie(c, langCookie, lang, "/", time.Now().Add(cookieYear))
	c.Set(langKey, lang)
}

// languageOf is the language language chose, or the default.
func languageOf(c *gin.Context) string {
	if lang := c.GetString(langKey); lang != "" {
		return lang
	}
	return i18n.Default
}

// draftToken returns the token of the person's draft of the
// questionnaire, "" when there is none or it is malformed.
func draftToken(c *gin.Context) string {
	t := cookie(c, draftCookie)
	if len(t) > 64 || strings.Trim(t, "abcdefghijklmnopqrstuvwxyz234567") != "" {
		return ""
	}
	return t
}

// setDraftToken keeps the draft's token until the draft expires; an
// empty token forgets it.
func (p *pages) setDraftToken(c *gin.Context, questionnaireID, token string, expires time.Time) {
	p.setCookie(c, draftCookie, token, startPath(questionnaireID), expires)
}

// csrfName is the CSRF cookie's name: with the __Host- prefix under TLS,
// so that no other host (a sibling subdomain) can set it.
func (p *pages) csrfName(c *gin.Context) string {
	if p.secure(c) {
		return "__Host-" + csrfCookie
	}
	return csrfCookie
}

// csrfToken returns the token the page's forms carry, setting the cookie
// that a POST must match when the browser has none yet.
func (p *pages) csrfToken(c *gin.Context) string {
	if t := cookie(c, p.csrfName(c)); len(t) >= 26 && len(t) <= 64 {
		return t
	}
	t := engine.NewID()
	p.setCookie(c, p.csrfName(c), t, "/", time.Now().Add(cookieYear))
	return t
}
