package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// savedView shows the link to continue later.
type savedView struct {
	pageBase
	ResumeURL   string
	Expires     string
	ContinueURL string
	MailURL     string // where the e-mail form posts (page_saved_mail.go)
	Email       string // as typed, when the e-mail form came back
	EmailError  string
	SentTo      string // the address the link was sent to
}

// saved shows the unguessable link that brings the person's draft back,
// on this or another device, and until when it is valid, with a form to
// have it e-mailed (page_saved_mail.go).
func (p *pages) saved(c *gin.Context) {
	p.renderSaved(c, http.StatusOK, savedView{})
}

// savedDraft finds the questionnaire of the request and this browser's
// draft of it. ok is false when it answered the request itself: an error
// page, or a redirect when the response is sent already or no draft is
// saved (any more).
func (p *pages) savedDraft(c *gin.Context) (q *engine.Questionnaire, token string, st *engine.DraftState, ok bool) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return nil, "", nil, false
	}
	if err := p.eng.CanAnswer(q, invite); err != nil {
		p.fail(c, err, q)
		return nil, "", nil, false
	}
	token = draftToken(c)
	st, err := p.eng.DraftState(c.Request.Context(), q, token)
	switch {
	case err != nil:
		p.fail(c, err, q)
		return nil, "", nil, false
	case st.Submitted != nil:
		redirect(c, thanksPath(q.ID))
		return nil, "", nil, false
	case st.Draft == nil:
		redirect(c, startPath(q.ID))
		return nil, "", nil, false
	}
	return q, token, st, true
}

// renderSaved shows the saved page with the e-mail form's state in v.
func (p *pages) renderSaved(c *gin.Context, status int, v savedView) {
	q, token, st, ok := p.savedDraft(c)
	if !ok {
		return
	}
	b := p.base(c, "")
	b.CSRF = p.csrfToken(c)
	if v.EmailError != "" {
		b.Errors = []errorView{{InputID: "email", Message: v.EmailError}}
	}
	v.pageBase = b
	v.ResumeURL = p.absoluteURL(c, resumePath(q.ID, token))
	v.Expires = b.L.T("saved.expires", b.L.Date(st.Draft.ExpiresAt.In(prague)))
	v.ContinueURL = pagePath(q.ID, st.Draft.Page)
	v.MailURL = savedPath(q.ID)
	v.Title = b.L.T("saved.title") + " – " + q.Definition.Title.In(b.L.Lang())
	p.render(c, status, "saved", v)
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
