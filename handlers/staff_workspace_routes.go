package handlers

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
)

// OutboxSummary tells the staff dashboard how the outbox of e-mail
// fares: how many messages failed for good, and how many wait to be
// sent. The outbox (mail/) implements it; the dashboard shows its slot
// as not connected while Options.Outbox is nil.
type OutboxSummary interface {
	OutboxSummary(ctx context.Context) (failed, waiting int, err error)
}

// registerStaffWorkspace adds the coordinators' workspace: the
// questionnaires (list, write or upload, check, preview, window, copy)
// and the audit log. The dashboard itself is /work (page_work.go).
func registerStaffWorkspace(st *gin.RouterGroup, p *pages) {
	co := st.Group("", p.coordinatorsOnly)
	co.GET("/audit", p.auditLog)
	co.GET("/audit.csv", p.auditCSV)

	co.GET("/questionnaires", p.questionnaireList)
	co.GET("/questionnaires/new", p.questionnaireNew)
	co.POST("/questionnaires", p.guardUpload, p.questionnaireCreate)
	co.GET("/questionnaires/:id", p.questionnaireEdit)
	co.POST("/questionnaires/:id", p.guardUpload, p.questionnaireSave)
	co.POST("/questionnaires/:id/window", p.guardForm, p.questionnaireWindow)
	co.GET("/questionnaires/:id/open", p.questionnaireConfirm("open"))
	co.POST("/questionnaires/:id/open", p.guardForm, p.questionnaireOpenClose("open"))
	co.GET("/questionnaires/:id/close", p.questionnaireConfirm("close"))
	co.POST("/questionnaires/:id/close", p.guardForm, p.questionnaireOpenClose("close"))
	co.GET("/questionnaires/:id/copy", p.questionnaireCopyForm)
	co.POST("/questionnaires/:id/copy", p.guardForm, p.questionnaireCopy)
	co.GET("/questionnaires/:id/preview/:n", p.questionnairePreview)
	co.POST("/questionnaires/:id/preview/:n", p.guardForm, p.questionnairePreviewNext)
}

// coordinatorsOnly refuses members (403) before a page of the workspace
// that only coordinators and admins use; the engine checks each action
// again.
func (p *pages) coordinatorsOnly(c *gin.Context) {
	u := p.staffUser(c)
	if u == nil || !slices.Contains(coordinators, u.Role) {
		p.message(c, http.StatusForbidden, "msg.forbidden", "/work", "work.home")
		c.Abort()
		return
	}
	c.Next()
}
