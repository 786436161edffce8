package handlers

import (
	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// api serves the JSON API of CONTRACT.md under /api/v1. Handlers are
// thin: decode, call the engine with the actor, write the view or the error.
type api struct {
	eng *engine.Engine
}

// registerAPI adds every API route; roles are checked by the engine.
func registerAPI(r *gin.RouterGroup, eng *engine.Engine) {
	a := &api{eng: eng}
	r.POST("/questionnaires", a.createQuestionnaire)
	r.GET("/questionnaires", a.listQuestionnaires)
	r.GET("/questionnaires/:id", a.getQuestionnaire)
	r.POST("/questionnaires/:id/responses", a.submitResponse)
	r.GET("/questionnaires/:id/results", a.questionnaireResults)
	// Results data (api_text_answers.go, api_export.go, api_compare.go):
	// free-text answers and their codes, exports, comparison of cycles.
	r.GET("/questionnaires/:id/questions/:qid/answers", a.listTextAnswers)
	r.POST("/questionnaires/:id/questions/:qid/answers/:rid/codes", a.codeAnswer)
	r.GET("/questionnaires/:id/export.csv", a.exportCSV)
	r.GET("/questionnaires/:id/export.xlsx", a.exportXLSX)
	r.GET("/questionnaires/:id/export.json", a.exportJSON)
	r.GET("/questionnaires/:id/compare", a.compareResults)
	// Personal links (api_invites.go): a response sent with the header
	// X-Invite-Token (or ?invite=) goes to submitInviteResponse.
	r.POST("/questionnaires/:id/invites", a.createInvite)
	r.GET("/questionnaires/:id/invites", a.listInvites)
	r.GET("/invite", a.getInvitation)

	r.POST("/groups", a.createGroup)
	r.GET("/groups", a.listGroups)
	r.POST("/groups/:id/members", a.addGroupMember)
	r.GET("/groups/:id/results", a.groupResults)
	r.GET("/groups/:id/supply", a.groupSupply)

	r.POST("/providers", a.createProvider)
	r.GET("/providers", a.listProviders)
	r.GET("/providers/:id", a.getProvider)
	r.POST("/providers/:id/withdraw", a.withdrawProvider)
	r.POST("/providers/:id/restore", a.restoreProvider)
	// Draft records from providers' questionnaires, and the code lists
	// (api_catalogue.go).
	r.GET("/catalogue/drafts", a.listDrafts)
	r.GET("/catalogue/drafts/:ico", a.getDraft)
	r.POST("/catalogue/drafts/:ico/approve", a.approveDraft)
	r.POST("/catalogue/drafts/:ico/return", a.returnDraft)
	r.GET("/codelists", a.codeLists)

	r.POST("/consultations", a.createConsultation)
	r.GET("/consultations", a.listConsultations)
	r.GET("/consultations/:id", a.getConsultation)
	r.POST("/consultations/:id/comments", a.submitComment)
	r.GET("/consultations/:id/comments", a.listComments)
	r.POST("/consultations/:id/publish", a.publishConsultation)
	r.GET("/consultations/:id/outcomes", a.outcomes)

	r.POST("/comments/:id/triage", a.triageComment)
	r.POST("/comments/:id/decision", a.decideComment)

	r.GET("/personal-data", a.personalData)
	r.POST("/personal-data/erase", a.erasePersonalData)
}
