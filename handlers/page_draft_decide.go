package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// formVersion reads the version of the draft the coordinator saw; a
// missing or broken one is 0, which decides whatever version is stored.
func formVersion(c *gin.Context) int {
	v, err := strconv.Atoi(c.PostForm("version"))
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// draftApprove answers POST /work/providers/drafts/{ico}/approve: the
// draft is published and the comparison shows it approved. A draft
// decided or changed meanwhile is refused with the reason (409).
func (p *pages) draftApprove(c *gin.Context) {
	_, err := p.eng.ApproveCatalogueDraft(c.Request.Context(), p.staffUser(c), c.Param("ico"), formVersion(c))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, draftPath(c.Param("ico")))
}

// draftReturn answers POST /work/providers/drafts/{ico}/return: without
// a note the page comes back with the error and what was typed.
func (p *pages) draftReturn(c *gin.Context) {
	note := c.PostForm("note")
	_, err := p.eng.ReturnCatalogueDraft(c.Request.Context(), p.staffUser(c), c.Param("ico"), formVersion(c), note)
	if engine.ErrorCode(err) == engine.EINVALID {
		key := "drafts.note_required"
		if strings.TrimSpace(note) != "" {
			key = "drafts.note_too_long"
		}
		p.renderCompare(c, http.StatusUnprocessableEntity, note, p.base(c, "").L.T(key))
		return
	}
	if err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, draftPath(c.Param("ico")))
}
