package handlers

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// createQuestionnaire takes a definition as YAML or JSON.
func (a *api) createQuestionnaire(c *gin.Context) {
	body, format, ok := readDefinition(c)
	if !ok {
		return
	}
	q, warnings, err := a.eng.CreateQuestionnaire(c.Request.Context(), actor(c), body, format)
	if err != nil {
		writeError(c, err)
		return
	}
	ws := []engine.FieldError{}
	for _, w := range warnings {
		ws = append(ws, engine.FieldError{Field: w.Field, Message: w.Message, Line: w.Line})
	}
	c.JSON(http.StatusCreated, gin.H{"id": q.ID, "warnings": ws})
}

func (a *api) listQuestionnaires(c *gin.Context) {
	qs, err := a.eng.ListQuestionnaires(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]questionnaireItem, 0, len(qs))
	for _, q := range qs {
		out = append(out, newQuestionnaireItem(q, a.eng.IsOpen(q)))
	}
	c.JSON(http.StatusOK, out)
}

func (a *api) getQuestionnaire(c *gin.Context) {
	q, err := a.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, q.Definition)
}

// submitResponse takes {"answers": {QID: VALUE}}. An Idempotency-Key
// header makes a retried request store one response. With an invitation
// token (X-Invite-Token) it answers through the personal link instead.
func (a *api) submitResponse(c *gin.Context) {
	var body struct {
		Answers map[string]json.RawMessage `json:"answers"`
	}
	if !decodeJSON(c, &body) {
		return
	}
	if body.Answers == nil {
		writeError(c, engine.Invalid("Send the answers.", engine.FieldError{Field: "answers", Message: `Send {"answers": {QUESTION_ID: VALUE}}.`}))
		return
	}
	if token := inviteToken(c); token != "" {
		a.submitInviteResponse(c, token, body.Answers)
		return
	}
	r, err := a.eng.SubmitResponse(c.Request.Context(), c.Param("id"), body.Answers, c.GetHeader("Idempotency-Key"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": r.ID})
}

func (a *api) questionnaireResults(c *gin.Context) {
	rq, ok := resultsQuery(c)
	if !ok {
		return
	}
	res, err := a.eng.QuestionnaireResults(c.Request.Context(), actor(c), c.Param("id"), rq)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// resultsQuery reads ?segment=QID and repeatable ?filter=QID:VALUE.
func resultsQuery(c *gin.Context) (engine.ResultsQuery, bool) {
	rq := engine.ResultsQuery{Segment: c.Query("segment")}
	for _, s := range c.QueryArray("filter") {
		f, err := engine.ParseFilter(s)
		if err != nil {
			writeError(c, err)
			return rq, false
		}
		rq.Filters = append(rq.Filters, f)
	}
	return rq, true
}
