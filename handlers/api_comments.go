package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func (a *api) submitComment(c *gin.Context) {
	var in engine.CommentInput
	if !decodeJSON(c, &in) {
		return
	}
	cm, err := a.eng.SubmitComment(c.Request.Context(), c.Param("id"), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": cm.ID, "reference": cm.Reference})
}

// listComments shows coordinators every comment with the authors'
// e-mails, and members the comments assigned to their groups without them.
func (a *api) listComments(c *gin.Context) {
	u := actor(c)
	cs, err := a.eng.ListComments(c.Request.Context(), u, c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	coordinator := u.Role == engine.RoleCoordinator || u.Role == engine.RoleAdmin
	out := make([]commentView, 0, len(cs))
	for _, cm := range cs {
		out = append(out, newCommentView(cm, coordinator))
	}
	c.JSON(http.StatusOK, out)
}

func (a *api) triageComment(c *gin.Context) {
	var in engine.TriageInput
	if !decodeJSON(c, &in) {
		return
	}
	cm, err := a.eng.TriageComment(c.Request.Context(), actor(c), c.Param("id"), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newCommentView(cm, true))
}

func (a *api) decideComment(c *gin.Context) {
	var in engine.DecisionInput
	if !decodeJSON(c, &in) {
		return
	}
	u := actor(c)
	cm, err := a.eng.DecideComment(c.Request.Context(), u, c.Param("id"), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newCommentView(cm, u.Role != engine.RoleMember))
}
