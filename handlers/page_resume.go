package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// resume opens a resume link: it gives the browser the draft's cookie
// (and the draft's language, unless the person chose one) and sends it to
// the page the person was on, dropping the token from the address bar.
// An unknown or expired link answers 404 with a way to start again.
func (p *pages) resume(c *gin.Context) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return
	}
	token := c.Query("token")
	d, err := p.eng.ResumeDraft(c.Request.Context(), q.ID, token, invite)
	if engine.ErrorCode(err) == engine.ENOTFOUND {
		p.message(c, http.StatusNotFound, "msg.resume_expired", startPath(q.ID), "msg.start")
		return
	} else if err != nil {
		p.fail(c, err, q)
		return
	}
	p.setDraftToken(c, q.ID, token, d.ExpiresAt)
	if c.Query("lang") == "" && cookie(c, langCookie) == "" && i18n.Supported(d.Language) {
		p.setLanguage(c, d.Language)
	}
	redirect(c, pagePath(q.ID, d.Page))
}
