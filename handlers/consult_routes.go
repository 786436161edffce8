package handlers

import (
	"net/url"

	"github.com/gin-gonic/gin"
)

// registerConsultation adds the public pages of a comment period under
// /c/ID: the draft, the comment form (on the whole document or one
// section), the confirmation, and the published settlement.
func registerConsultation(r *gin.Engine, p *pages) {
	c := r.Group("/c/:id", func(c *gin.Context) { p.language(c) })
	c.GET("", p.consultationShow)
	c.GET("/comment", p.commentForm)
	c.POST("/comment", p.guardForm, p.commentSubmit)
	c.GET("/s/:section/comment", p.commentForm)
	c.POST("/s/:section/comment", p.guardForm, p.commentSubmit)
	c.GET("/sent/:comment", p.commentSent)
	c.GET("/outcomes", p.outcomesPage)
	c.GET("/outcomes.csv", p.outcomesCSV)
	c.GET("/outcomes.xlsx", p.outcomesXLSX)
}

// registerStaffConsultations adds the staff pages of comment periods:
// the consultations, their comments with triage of several at once, one
// comment with its history, triage and decision, and publication.
func registerStaffConsultations(st *gin.RouterGroup, p *pages) {
	st.GET("/consultations", p.coordinatorsOnly, p.workConsultations)
	st.GET("/consultations/:id/comments", p.workComments)
	st.POST("/consultations/:id/triage", p.coordinatorsOnly, p.guardForm, p.workTriageMany)
	st.GET("/consultations/:id/publish", p.coordinatorsOnly, p.workPublishShow)
	st.POST("/consultations/:id/publish", p.coordinatorsOnly, p.guardForm, p.workPublish)
	st.GET("/comments", p.workCommentsHome)
	st.GET("/comments/:id", p.workComment)
	st.POST("/comments/:id/triage", p.guardForm, p.workCommentTriage)
	st.POST("/comments/:id/decision", p.guardForm, p.workCommentDecide)
}

// Paths of the comment period's pages.
func consultationPath(id string) string { return "/c/" + url.PathEscape(id) }
func commentFormPath(id, section string) string {
	if section == "" {
		return consultationPath(id) + "/comment"
	}
	return consultationPath(id) + "/s/" + url.PathEscape(section) + "/comment"
}
func commentSentPath(id, comment string) string {
	return consultationPath(id) + "/sent/" + url.PathEscape(comment)
}
func outcomesPath(id string) string { return consultationPath(id) + "/outcomes" }
func workCommentsPath(id string) string {
	return "/work/consultations/" + url.PathEscape(id) + "/comments"
}
func workCommentPath(id string) string { return "/work/comments/" + url.PathEscape(id) }
func workPublishPath(id string) string {
	return "/work/consultations/" + url.PathEscape(id) + "/publish"
}
