package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// compareResults sets the results of two cycles side by side:
// ?with=OTHER and repeatable ?filter=QID:VALUE (applied to both).
func (a *api) compareResults(c *gin.Context) {
	rq, ok := resultsQuery(c)
	if !ok {
		return
	}
	cmp, err := a.eng.CompareResults(c.Request.Context(), actor(c), c.Param("id"), c.Query("with"), rq.Filters)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, cmp)
}
