package handlers

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// notFound answers a path that no route serves: JSON under /api/, a page
// in the visitor's language elsewhere.
func (p *pages) notFound(c *gin.Context) {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: "No API endpoint has this path; see /api/v1/questionnaires for a start."})
		return
	}
	p.language(c)
	p.message(c, http.StatusNotFound, "msg.not_found", "/", "msg.home")
}

// methodNotAllowed answers a known path asked with the wrong method; gin
// has set the Allow header.
func methodNotAllowed(c *gin.Context) {
	allow := c.Writer.Header().Get("Allow")
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: fmt.Sprintf("This path does not take %s; it takes %s.", c.Request.Method, allow)})
}
