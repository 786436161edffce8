package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func (a *api) createGroup(c *gin.Context) {
	var in engine.GroupInput
	if !decodeJSON(c, &in) {
		return
	}
	g, err := a.eng.CreateGroup(c.Request.Context(), actor(c), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, newGroupView(g))
}

func (a *api) listGroups(c *gin.Context) {
	gs, err := a.eng.ListGroups(c.Request.Context(), actor(c))
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]groupView, 0, len(gs))
	for _, g := range gs {
		out = append(out, newGroupView(g))
	}
	c.JSON(http.StatusOK, out)
}

func (a *api) addGroupMember(c *gin.Context) {
	var in struct {
		Email string `json:"email"`
	}
	if !decodeJSON(c, &in) {
		return
	}
	g, err := a.eng.AddGroupMember(c.Request.Context(), actor(c), c.Param("id"), in.Email)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newGroupView(g))
}

func (a *api) groupResults(c *gin.Context) {
	rq, ok := resultsQuery(c)
	if !ok {
		return
	}
	res, err := a.eng.GroupResults(c.Request.Context(), actor(c), c.Param("id"), c.Query("questionnaire"), rq)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}
