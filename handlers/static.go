package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// static serves the style sheet and the script. Pages link them with
// their hash (?v=), so a matching request may be cached for a year.
func (p *pages) static(c *gin.Context) {
	a, ok := p.tmpl.Asset(c.Param("name"))
	if !ok {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	if c.Query("v") == a.Hash {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "public, max-age=300")
	}
	c.Header("ETag", `"`+a.Hash+`"`)
	if c.GetHeader("If-None-Match") == `"`+a.Hash+`"` {
		c.AbortWithStatus(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.ContentType, a.Body)
}
