package handlers

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// crossOrigin refuses unsafe requests that browsers mark as coming from
// another site (Sec-Fetch-Site, Origin).
var crossOrigin = http.NewCrossOriginProtection()

// guardForm stands before every POST of the pages: it reads the form,
// refuses requests from other sites and those whose CSRF token does not
// match the cookie (403), and those that filled the honeypot field, which
// no person sees (400).
func (p *pages) guardForm(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p.message(c, http.StatusRequestEntityTooLarge, "msg.too_large", "", "")
			return
		}
		p.message(c, http.StatusBadRequest, "msg.bad_request", "", "")
		return
	}
	sent := c.Request.PostForm.Get("csrf_token")
	want := cookie(c, p.csrfName(c))
	if crossOrigin.Check(c.Request) != nil || want == "" ||
		subtle.ConstantTimeCompare([]byte(sent), []byte(want)) != 1 {
		p.message(c, http.StatusForbidden, "msg.csrf", retryPath(c), "msg.csrf.link")
		return
	}
	if c.Request.PostForm.Get("website") != "" {
		p.log.InfoContext(c.Request.Context(), "refused a form with the honeypot field filled", "path", c.Request.URL.Path)
		p.message(c, http.StatusBadRequest, "msg.honeypot", retryPath(c), "msg.honeypot.link")
		return
	}
	c.Next()
}

// retryPath is the page to open again after a refused form: the form
// page itself, or the questionnaire's start for the restart button.
func retryPath(c *gin.Context) string {
	if strings.HasSuffix(c.Request.URL.Path, "/restart") {
		return startPath(c.Param("id"))
	}
	return c.Request.URL.Path
}
