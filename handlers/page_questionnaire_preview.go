package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// carryPrefix marks the hidden fields in which a preview carries the
// answers of the other pages.
const carryPrefix = "carry:"

// questionnairePreview answers GET /work/questionnaires/ID/preview/N:
// page N exactly as a respondent sees it, whether or not the
// questionnaire is open, with a notice that nothing is saved.
func (p *pages) questionnairePreview(c *gin.Context) {
	q, n, ok := p.previewPage(c)
	if !ok {
		return
	}
	p.renderPreview(c, http.StatusOK, q, n, map[string][]string{}, nil)
}

// questionnairePreviewNext answers the buttons of a preview page: it
// checks the page as the real form does and moves on, back, or to the
// end, storing nothing (no draft, no response).
func (p *pages) questionnairePreviewNext(c *gin.Context) {
	q, n, ok := p.previewPage(c)
	if !ok {
		return
	}
	def := q.Definition
	values := map[string][]string{}
	for name, vs := range c.Request.PostForm {
		if qid, ok := strings.CutPrefix(name, carryPrefix); ok {
			values[qid] = vs
		}
	}
	for _, question := range def.Pages[n].Questions {
		values[question.ID] = c.Request.PostForm[question.ID]
	}
	answers, _ := engine.DraftAnswers(def, values)
	switch c.PostForm("action") {
	case actionBack:
		p.renderPreview(c, http.StatusOK, q, max(engine.PreviousPage(def, answers, n), 0), values, nil)
		return
	case actionSave:
		p.renderPreview(c, http.StatusOK, q, n, values, nil)
		return
	}
	if errs := engine.PageErrors(def, values, n); len(errs) > 0 {
		p.renderPreview(c, http.StatusUnprocessableEntity, q, n, values, errs)
		return
	}
	next := engine.NextPage(def, answers, n)
	if next < 0 {
		p.message(c, http.StatusOK, "qs.preview.done", workQuestionnairePath(q.ID), "qs.edit.back")
		return
	}
	p.renderPreview(c, http.StatusOK, q, next, values, nil)
}

// renderPreview draws page n with the form page's own rendering, its
// buttons posting back to the preview and the other pages' answers
// carried in hidden fields.
func (p *pages) renderPreview(c *gin.Context, status int, q *engine.Questionnaire, n int, values map[string][]string, errs []engine.FieldError) {
	v := p.formPageView(c, q, n, values, errs)
	v.Action = workQuestionnairePath(q.ID) + "/preview/" + itoa(n+1)
	v.Preview = v.L.T("qs.preview.notice")
	onPage := map[string]bool{}
	for _, question := range q.Definition.Pages[n].Questions {
		onPage[question.ID] = true
	}
	for _, question := range q.Definition.Questions() {
		if onPage[question.ID] {
			continue
		}
		for _, value := range values[question.ID] {
			v.Carry = append(v.Carry, carriedValue{Name: carryPrefix + question.ID, Value: value})
		}
	}
	c.Header("X-Robots-Tag", "noindex")
	p.render(c, status, "form", v)
}

// previewPage finds the questionnaire and page number of a preview's
// path; ok is false when it answered with an error page.
func (p *pages) previewPage(c *gin.Context) (*engine.Questionnaire, int, bool) {
	q, err := p.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return nil, 0, false
	}
	n, ok := p.pageNumber(c, q)
	return q, n, ok
}
