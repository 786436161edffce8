package handlers

import "github.com/gin-gonic/gin"

// registerStaffCatalogue adds the coordinators' pages of the catalogue:
// the draft records that providers' questionnaires made, and a page to
// compare one with the published record and approve or return it; and
// the list of every record, to withdraw one or list it again.
func registerStaffCatalogue(st *gin.RouterGroup, p *pages) {
	st.GET("/providers", p.staffProviders)
	st.GET("/providers/:id/withdraw", p.providerWithdrawConfirm)
	st.POST("/providers/:id/withdraw", p.guardForm, p.providerWithdraw)
	st.POST("/providers/:id/restore", p.guardForm, p.providerRestore)
	st.GET("/providers/drafts", p.draftList)
	st.GET("/providers/drafts/:ico", p.draftCompare)
	st.POST("/providers/drafts/:ico/approve", p.guardForm, p.draftApprove)
	st.POST("/providers/drafts/:ico/return", p.guardForm, p.draftReturn)
}
