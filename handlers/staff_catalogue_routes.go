package handlers

import "github.com/gin-gonic/gin"

// registerStaffCatalogue adds the coordinators' pages of the catalogue:
// the draft records that providers' questionnaires made, and a page to
// compare one with the published record and approve or return it.
func registerStaffCatalogue(st *gin.RouterGroup, p *pages) {
	st.GET("/providers/drafts", p.draftList)
	st.GET("/providers/drafts/:ico", p.draftCompare)
	st.POST("/providers/drafts/:ico/approve", p.guardForm, p.draftApprove)
	st.POST("/providers/drafts/:ico/return", p.guardForm, p.draftReturn)
}
