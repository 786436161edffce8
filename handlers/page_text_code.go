package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// codeTextAnswer adds a code to an answer (field "add") or removes one
// (field "remove"), then returns to the same page of the screen, at the
// answer. The change merges with what others did meanwhile. A refused
// code re-renders the page with the error at its answer and the typed
// text kept.
func (p *pages) codeTextAnswer(c *gin.Context) {
	id, qid, rid := c.Param("id"), c.Param("qid"), c.Param("rid")
	form := c.Request.PostForm
	search := form.Get("search")
	pageNo, err := strconv.Atoi(form.Get("page"))
	if err != nil || pageNo < 1 {
		pageNo = 1
	}
	var ch engine.CodingChange
	if form.Has("remove") {
		ch.Remove = []string{form.Get("remove")}
	} else {
		ch.Add = []string{form.Get("add")}
	}
	_, err = p.eng.CodeAnswer(c.Request.Context(), p.staffUser(c), id, qid, rid, ch)
	if engine.ErrorCode(err) == engine.EINVALID {
		p.renderTextAnswers(c, http.StatusUnprocessableEntity, search, pageNo, &refusal{
			responseID: rid, typed: form.Get("add"), message: p.base(c, "").L.T("text.code.invalid", engine.MaxCodeLength),
		})
		return
	}
	if err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, textPath(id, qid, search, pageNo)+"#answer-"+rid)
}
