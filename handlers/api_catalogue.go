package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// The catalogue's API beyond CONTRACT.md's /providers: draft records
// that providers' questionnaire responses make, for coordinators to
// compare and decide; each working group's supply; the code lists.

// listDrafts answers GET /catalogue/drafts?state=pending|returned|approved.
func (a *api) listDrafts(c *gin.Context) {
	ds, err := a.eng.ListCatalogueDrafts(c.Request.Context(), actor(c), c.Query("state"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]draftView, 0, len(ds))
	for _, d := range ds {
		out = append(out, newDraftView(d))
	}
	c.JSON(http.StatusOK, out)
}

// getDraft answers GET /catalogue/drafts/{ico}: the draft beside the
// published record of its IČO.
func (a *api) getDraft(c *gin.Context) {
	cmp, err := a.eng.CompareCatalogueDraft(c.Request.Context(), actor(c), c.Param("ico"))
	if err != nil {
		writeError(c, err)
		return
	}
	v := newDraftView(cmp.Draft)
	if cmp.Published != nil {
		pub := newProviderView(cmp.Published)
		v.Published = &pub
	}
	c.JSON(http.StatusOK, v)
}

// decisionBody is the body of approve and return; an empty body is an
// approval of whatever version the draft has.
type decisionBody struct {
	Version int    `json:"version"`
	Note    string `json:"note"`
}

func decodeDecision(c *gin.Context) (decisionBody, bool) {
	var body decisionBody
	if c.Request.ContentLength == 0 {
		return body, true
	}
	return body, decodeJSON(c, &body)
}

// approveDraft answers POST /catalogue/drafts/{ico}/approve {"version"}:
// 200 with the published record; 409 when the draft is not pending or
// changed since that version.
func (a *api) approveDraft(c *gin.Context) {
	body, ok := decodeDecision(c)
	if !ok {
		return
	}
	p, err := a.eng.ApproveCatalogueDraft(c.Request.Context(), actor(c), c.Param("ico"), body.Version)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newProviderView(p))
}

// returnDraft answers POST /catalogue/drafts/{ico}/return {"version",
// "note"}: 200 with the draft; 422 without a note; 409 as approveDraft.
func (a *api) returnDraft(c *gin.Context) {
	body, ok := decodeDecision(c)
	if !ok {
		return
	}
	d, err := a.eng.ReturnCatalogueDraft(c.Request.Context(), actor(c), c.Param("ico"), body.Version, body.Note)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newDraftView(d))
}

// groupSupply answers GET /groups/{id}/supply: the published services
// for the group's target groups, in total and by municipality.
func (a *api) groupSupply(c *gin.Context) {
	s, err := a.eng.GroupSupply(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, s)
}

// codeLists answers GET /codelists: the installation's kinds of service,
// forms and target groups with their labels.
func (a *api) codeLists(c *gin.Context) {
	c.JSON(http.StatusOK, newCodeListsView(a.eng.CodeLists()))
}
