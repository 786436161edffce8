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
	Invited    bool
}

// thanks confirms the response the person's draft became, with its
// reference; reloading it shows the same. Without a response it sends
// the person to the questionnaire's start.
func (p *pages) thanks(c *gin.Context) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return
	}
	st, err := p.eng.InvitationDraftState(c.Request.Context(), q, draftToken(c), invite)
	if err != nil {
		p.fail(c, err, q)
		return
	}
	r := st.Submitted
	if r == nil || st.Draft != nil {
		redirect(c, startPath(q.ID))
		return
	}
	b := p.base(c, "")
	v := thanksView{pageBase: b, Reference: engine.ResponseReference(r.ID), RestartURL: restartPath(q.ID), Invited: invite != ""}
	v.Title = b.L.T("thanks.title") + " – " + q.Definition.Title.In(b.L.Lang())
	v.CSRF = p.csrfToken(c)
	p.render(c, http.StatusOK, "thanks", v)
}

// restart forgets the person's draft cookie, so that they can fill the
// questionnaire anew (a social worker entering several answers); a draft
// left behind expires by itself. The holder of an invitation changes the
// invitation's one response instead: their new draft starts from it.
func (p *pages) restart(c *gin.Context) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return
	}
	if invite != "" {
		token, d, err := p.eng.EditInvitationDraft(c.Request.Context(), q, invite, languageOf(c))
		if err != nil {
			p.fail(c, err, q)
			return
		}
		p.setDraftToken(c, q.ID, token, d.ExpiresAt)
		redirect(c, pagePath(q.ID, 0))
		return
	}
	p.setDraftToken(c, q.ID, "", p.eng.Now())
	redirect(c, pagePath(q.ID, 0))
}
