package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// savedView shows the link to continue later.
type savedView struct {
	pageBase
	ResumeURL   string
	Expires     string
	ContinueURL string
}

// saved shows the unguessable link that brings the person's draft back,
// on this or another device, and until when it is valid. (E-mailing it
// comes with the outbox.)
func (p *pages) saved(c *gin.Context) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return
	}
	if err := p.eng.CanAnswer(q, invite); err != nil {
		p.fail(c, err, q)
		return
	}
	token := draftToken(c)
	st, err := p.eng.DraftState(c.Request.Context(), q, token)
	switch {
	case err != nil:
		p.fail(c, err, q)
		return
	case st.Submitted != nil:
		redirect(c, thanksPath(q.ID))
		return
	case st.Draft == nil:
		redirect(c, startPath(q.ID))
		return
	}
	b := p.base(c, "")
	v := savedView{
		pageBase:    b,
		ResumeURL:   p.absoluteURL(c, resumePath(q.ID, token)),
		Expires:     b.L.T("saved.expires", b.L.Date(st.Draft.ExpiresAt.In(prague))),
		ContinueURL: pagePath(q.ID, st.Draft.Page),
	}
	v.Title = b.L.T("saved.title") + " – " + q.Definition.Title.In(b.L.Lang())
	p.render(c, http.StatusOK, "saved", v)
}

// resumePath is the path of a resume link. The token is in the query,
// which the request log leaves out.
func resumePath(id, token string) string {
	return startPath(id) + "/resume?" + url.Values{"token": {token}}.Encode()
}

// absoluteURL makes a path an address to give away: under BaseURL, or
// the address the request came to.
func (p *pages) absoluteURL(c *gin.Context, path string) string {
	if p.opts.BaseURL != "" {
		return p.opts.BaseURL + path
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + path
}
