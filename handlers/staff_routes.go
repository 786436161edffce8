package handlers

import "github.com/gin-gonic/gin"

// registerStaffArea adds sign-in and the staff area under /work, whose
// every page requires a signed-in user (requireSignedIn); the engine
// checks each user's role for each action.
func registerStaffArea(r *gin.Engine, p *pages) {
	r.GET("/signin", p.signInForm)
	r.POST("/signin", p.guardForm, p.signIn)
	r.POST("/signout", p.guardForm, p.signOut)
	st := r.Group("/work", p.requireSignedIn, auditChanges(p.eng, p.log, p.staffUser))
	registerStaff(st, p)
}

// registerStaff lists the staff area's pages; each part of Triada adds
// its own with one line here.
func registerStaff(st *gin.RouterGroup, p *pages) {
	st.GET("", p.workHome)
	registerStaffWorkspace(st, p) // staff_workspace_routes.go: questionnaires, audit log
	registerStaffTextAnswers(st, p)
	registerStaffCatalogue(st, p)
	registerStaffPersonalData(st, p)
	registerStaffConsultations(st, p)
	registerStaffOutbox(st, p)
	registerStaffReports(st, p)
	registerStaffPeople(st, p) // page_groups.go: groups, people, invitations, consultation editing
}
