package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func (a *api) createConsultation(c *gin.Context) {
	var in engine.ConsultationInput
	if !decodeJSON(c, &in) {
		return
	}
	cons, err := a.eng.CreateConsultation(c.Request.Context(), actor(c), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, newConsultationView(cons, a.eng.Now()))
}

func (a *api) listConsultations(c *gin.Context) {
	cs, err := a.eng.ListConsultations(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]consultationView, 0, len(cs))
	for _, cons := range cs {
		out = append(out, newConsultationView(cons, a.eng.Now()))
	}
	c.JSON(http.StatusOK, out)
}

func (a *api) getConsultation(c *gin.Context) {
	cons, err := a.eng.FindConsultation(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newConsultationView(cons, a.eng.Now()))
}

func (a *api) publishConsultation(c *gin.Context) {
	cons, err := a.eng.PublishConsultation(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newConsultationView(cons, a.eng.Now()))
}

// outcomes is the published settlement; it never shows an e-mail.
func (a *api) outcomes(c *gin.Context) {
	s, err := a.eng.Outcomes(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	comments := make([]publicComment, 0, len(s.Comments))
	for _, cm := range s.Comments {
		comments = append(comments, newPublicComment(cm))
	}
	c.JSON(http.StatusOK, gin.H{"consultation": s.Consultation.ID, "published_at": s.Consultation.PublishedAt, "summary": s.Summary, "comments": comments})
}
