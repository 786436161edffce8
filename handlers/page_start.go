package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// startView introduces a questionnaire.
type startView struct {
	pageBase
	Description string
	StepsText   string
	Closes      string
	StartURL    string
	ContinueURL string // set when the person has a draft
	Submitted   bool   // the person's draft became a response
	RestartURL  string
	Invited     bool // answered through a personal link: one response, changeable
}

// start shows a questionnaire's title, description, length and closing
// date, with a button to start, or to continue the person's draft.
func (p *pages) start(c *gin.Context) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return
	}
	if err := p.eng.CanAnswer(q, invite); err != nil {
		p.fail(c, err, q)
		return
	}
	st, err := p.eng.InvitationDraftState(c.Request.Context(), q, draftToken(c), invite)
	if err != nil {
		p.fail(c, err, q)
		return
	}
	def := q.Definition
	b := p.base(c, "")
	lang := b.L.Lang()
	v := startView{
		pageBase:    b,
		Description: def.Description.In(lang),
		StepsText:   b.L.N("start.steps", len(def.Pages)),
		Closes:      closesText(b.L, def.ClosesAt),
		StartURL:    pagePath(q.ID, 0),
		Submitted:   st.Submitted != nil,
		RestartURL:  restartPath(q.ID),
		Invited:     invite != "",
	}
	v.Title = def.Title.In(lang)
	if st.Draft != nil {
		v.ContinueURL = pagePath(q.ID, st.Draft.Page)
	}
	if v.Submitted || st.Draft != nil {
		v.CSRF = p.csrfToken(c)
	}
	p.render(c, http.StatusOK, "start", v)
}

// questionnaire finds the questionnaire of the path and the invitation
// the request carries for it; it answers 404 and returns false when there
// is no such questionnaire.
func (p *pages) questionnaire(c *gin.Context) (*engine.Questionnaire, string, bool) {
	p.language(c)
	q, err := p.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.fail(c, err, nil)
		return nil, "", false
	}
	invite, err := p.invitation(c, q)
	if err != nil {
		p.fail(c, err, q)
		return nil, "", false
	}
	return q, invite, true
}

// invitation is the seam of the invite flow: the hash of the invitation
// the request carries, "" for none.
func (p *pages) invitation(c *gin.Context, q *engine.Questionnaire) (string, error) {
	if p.opts.Invitation == nil {
		return p.invitationOf(c, q)
	}
	return p.opts.Invitation(c, q)
}
