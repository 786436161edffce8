package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// listTextAnswers serves one page of the answers to a text question:
// ?search=&offset=&limit= and repeatable ?filter=QID:VALUE.
func (a *api) listTextAnswers(c *gin.Context) {
	q, ok := textAnswersQuery(c)
	if !ok {
		return
	}
	page, err := a.eng.ListTextAnswers(c.Request.Context(), actor(c), c.Param("id"), c.Param("qid"), q)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, page)
}

// textAnswersQuery reads the paging, search and filters of a page of text
// answers; a bad number is a 422 naming the parameter.
func textAnswersQuery(c *gin.Context) (engine.TextAnswersQuery, bool) {
	rq, ok := resultsQuery(c)
	if !ok {
		return engine.TextAnswersQuery{}, false
	}
	q := engine.TextAnswersQuery{Search: c.Query("search"), Filters: rq.Filters}
	var fe []engine.FieldError
	for _, p := range []struct {
		name string
		to   *int
	}{{"offset", &q.Offset}, {"limit", &q.Limit}} {
		s, given := c.GetQuery(p.name)
		if !given {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			fe = append(fe, engine.FieldError{Field: p.name, Message: "Give a whole number, not " + strconv.Quote(s) + "."})
			continue
		}
		*p.to = n
		if p.name == "limit" && n == 0 {
			*p.to = -1 // an explicit 0 is out of range, not the default
		}
	}
	if len(fe) > 0 {
		writeError(c, engine.Invalid("The page of answers cannot be shown.", fe...))
		return q, false
	}
	return q, true
}

// codeAnswer adds and removes codes of one answer: body
// {"add": [...], "remove": [...], "version": N} (version optional).
func (a *api) codeAnswer(c *gin.Context) {
	var ch engine.CodingChange
	if !decodeJSON(c, &ch) {
		return
	}
	coding, err := a.eng.CodeAnswer(c.Request.Context(), actor(c), c.Param("id"), c.Param("qid"), c.Param("rid"), ch)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{
		"questionnaire": coding.QuestionnaireID, "question": coding.QuestionID, "response_id": coding.ResponseID,
		"codes": coding.Codes, "version": coding.Version, "updated_at": coding.UpdatedAt,
	})
}
