package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// formShow shows one page of a questionnaire with the answers of the
// person's draft. A page past the first one with a missing or wrong
// answer, or one whose questions earlier answers all hide, sends the
// person to the page they should fill. With ?check=1 (after a submission
// found a problem here) the page shows its errors.
func (p *pages) formShow(c *gin.Context) {
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
	st, err := p.eng.DraftState(c.Request.Context(), q, draftToken(c))
	if err != nil {
		p.fail(c, err, q)
		return
	}
	if st.Submitted != nil {
		redirect(c, thanksPath(q.ID))
		return
	}
	values := map[string][]string{}
	if st.Draft != nil {
		values = st.Draft.Values
	}
	def := q.Definition
	if furthest := engine.FurthestPage(def, values); n > furthest {
		redirect(c, pagePath(q.ID, furthest))
		return
	}
	answers, _ := engine.DraftAnswers(def, values)
	if !engine.PageShown(def, answers, n) {
		to := engine.NextPage(def, answers, n)
		if to < 0 {
			to = max(engine.PreviousPage(def, answers, n), 0)
		}
		redirect(c, pagePath(q.ID, to))
		return
	}
	var errs []engine.FieldError
	if c.Query("check") != "" {
		errs = engine.PageErrors(def, values, n)
	}
	p.renderForm(c, http.StatusOK, q, n, values, errs)
}

// pageNumber reads the 1-based page number of the path and returns the
// 0-based page; it answers 404 for a page the questionnaire does not have.
func (p *pages) pageNumber(c *gin.Context, q *engine.Questionnaire) (int, bool) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 || n > len(q.Definition.Pages) || c.Param("n") != strconv.Itoa(n) {
		p.message(c, http.StatusNotFound, "msg.not_found", startPath(q.ID), "msg.start")
		return 0, false
	}
	return n - 1, true
}
