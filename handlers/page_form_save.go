package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// Actions of the buttons of a form page.
const (
	actionNext   = "next"
	actionBack   = "back"
	actionSave   = "save"   // "continue later"
	actionSubmit = "submit" // on the last page
	actionLang   = "lang:"  // + a language code: the script's language links
)

// formSave keeps what the person typed on a page in their draft, starting
// one (and its cookie) on the first POST, then acts on the button:
// Continue checks the page and re-renders it with an error summary (422)
// or goes on; Back and "continue later" keep everything as typed; Submit
// on the last page stores one response, however often it is sent.
func (p *pages) formSave(c *gin.Context) {
	q, invite, ok := p.questionnaire(c)
	if !ok {
		return
	}
	if err := p.eng.CanAnswer(q, invite); err != nil {
		p.fail(c, err, q)
		return
	}
	n, ok := p.pageNumber(c, q)
	if !ok {
		return
	}
	action := c.PostForm("action")
	move := engine.Next
	switch {
	case action == actionBack:
		move = engine.Back
	case action == actionSave, strings.HasPrefix(action, actionLang):
		move = engine.Stay
	}
	token := draftToken(c)
	if token == "" {
		if ok, wait := p.starts.allow(c.ClientIP()); !ok {
			p.tooMany(c, wait)
			return
		}
	}
	values := map[string][]string{}
	for _, question := range q.Definition.Pages[n].Questions {
		values[question.ID] = c.Request.PostForm[question.ID]
	}
	saved, err := p.eng.SaveDraftPage(c.Request.Context(), engine.DraftPage{
		QuestionnaireID: q.ID, Token: token, Page: n, Values: values, Move: move,
		Language: languageOf(c), InviteHash: invite,
	})
	if err != nil {
		p.fail(c, err, q)
		return
	}
	if saved.Submitted != nil {
		redirect(c, thanksPath(q.ID))
		return
	}
	d := saved.Draft
	p.setDraftToken(c, q.ID, saved.Token, d.ExpiresAt)
	switch {
	case strings.HasPrefix(action, actionLang):
		if lang := strings.TrimPrefix(action, actionLang); i18n.Supported(lang) {
			p.setLanguage(c, lang)
		}
		redirect(c, pagePath(q.ID, n))
	case move == engine.Stay:
		redirect(c, savedPath(q.ID))
	case len(saved.Errors) > 0:
		p.renderForm(c, http.StatusUnprocessableEntity, q, n, d.Values, saved.Errors)
	case saved.Last:
		p.submit(c, q, saved.Token, invite)
	default:
		redirect(c, pagePath(q.ID, d.Page))
	}
}

// submit turns the draft into a response and shows the thank-you page;
// when an answer on another page is at fault, it sends the person there.
func (p *pages) submit(c *gin.Context, q *engine.Questionnaire, token, invite string) {
	if ok, wait := p.submits.allow(c.ClientIP()); !ok {
		p.tooMany(c, wait) // the draft is kept: nothing typed is lost
		return
	}
	_, err := p.eng.SubmitDraft(c.Request.Context(), q.ID, token, invite)
	var e *engine.Error
	switch {
	case errors.As(err, &e) && e.Code == engine.EINVALID && len(e.Fields) > 0:
		page := max(engine.PageOf(q.Definition, e.Fields[0].Field), 0)
		redirect(c, pagePath(q.ID, page)+"?check=1")
	case err != nil:
		p.fail(c, err, q)
	default:
		redirect(c, thanksPath(q.ID))
	}
}
