package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// thanksView confirms a response.
type thanksView struct {
	pageBase
	Reference  string
	RestartURL string
}

// thanks confirms the response the person's draft became, with its
// reference; reloading it shows the same. Without a response it sends
// the person to the questionnaire's start.
func (p *pages) thanks(c *gin.Context) {
	q, _, ok := p.questionnaire(c)
	if !ok {
		return
	}
	r, err := p.eng.FindSubmission(c.Request.Context(), q.ID, draftToken(c))
	if engine.ErrorCode(err) == engine.ENOTFOUND {
		redirect(c, startPath(q.ID))
		return
	} else if err != nil {
		p.fail(c, err, q)
		return
	}
	b := p.base(c, "")
	v := thanksView{pageBase: b, Reference: engine.ResponseReference(r.ID), RestartURL: restartPath(q.ID)}
	v.Title = b.L.T("thanks.title") + " – " + q.Definition.Title.In(b.L.Lang())
	v.CSRF = p.csrfToken(c)
	p.render(c, http.StatusOK, "thanks", v)
}

// restart forgets the person's draft cookie, so that they can fill the
// questionnaire anew (a social worker entering several answers); a draft
// left behind expires by itself.
func (p *pages) restart(c *gin.Context) {
	q, _, ok := p.questionnaire(c)
	if !ok {
		return
	}
	p.setDraftToken(c, q.ID, "", p.eng.Now())
	redirect(c, pagePath(q.ID, 0))
}
