package handlers

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// notFound answers a path that no route serves.
func notFound(c *gin.Context) {
	msg := "Page not found."
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		msg = "No API endpoint has this path; see /api/v1/questionnaires for a start."
	}
	c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: msg})
}

// methodNotAllowed answers a known path asked with the wrong method; gin
// has set the Allow header.
func methodNotAllowed(c *gin.Context) {
	allow := c.Writer.Header().Get("Allow")
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: fmt.Sprintf("This path does not take %s; it takes %s.", c.Request.Method, allow)})
}
