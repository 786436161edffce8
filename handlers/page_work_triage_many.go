package handlers

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// errNoneSelected marks a triage of several comments with none checked.
const errNoneSelected = "none_selected"

// workTriageMany answers POST /work/consultations/{id}/triage: the one
// triage applies to every comment checked, each at the version the
// coordinator saw. A bad triage changes nothing and comes back with the
// errors (422); comments somebody changed meanwhile are left as they
// are and shown with their current state, still checked, with the
// triage as typed (409); otherwise the list says how many were triaged.
func (p *pages) workTriageMany(c *gin.Context) {
	f := commentFilter{State: c.PostForm("filter_state"), Section: c.PostForm("filter_section"), Group: c.PostForm("filter_group")}
	in := readTriage(c.Request.PostForm)
	ids := c.PostFormArray("ids")
	if len(ids) == 0 {
		p.renderComments(c, http.StatusUnprocessableEntity, f, in, nil, nil, "", engine.Errorf(errNoneSelected, "No comment selected."))
		return
	}
	// Only comments of this consultation: the list posts no others.
	comments, err := p.eng.ListComments(c.Request.Context(), p.staffUser(c), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	for _, id := range ids {
		if !slices.ContainsFunc(comments, func(cm *engine.Comment) bool { return cm.ID == id }) {
			p.staffFail(c, engine.Errorf(engine.ENOTFOUND, "The consultation has no comment %q.", id))
			return
		}
	}
	var conflicts []string
	done := 0
	for _, id := range ids {
		seen, _ := strconv.Atoi(c.PostForm("version-" + id))
		_, err := p.eng.TriageComment(c.Request.Context(), p.staffUser(c), id,
			engine.TriageInput{Relevance: in.Relevance, Groups: in.Groups, Response: in.Reason, Version: max(seen, 0)})
		var e *engine.Error
		switch {
		case err == nil:
			done++
		case errors.As(err, &e) && e.Code == engine.EINVALID:
			// The same triage is bad for every comment: nothing was changed
			// before the first, and the rest need not be tried.
			if done == 0 {
				p.renderComments(c, http.StatusUnprocessableEntity, f, in, ids, nil, "", err)
				return
			}
			conflicts = append(conflicts, id)
		case errors.As(err, &e) && e.Code == engine.ECONFLICT:
			conflicts = append(conflicts, id)
		default:
			p.staffFail(c, err)
			return
		}
	}
	if len(conflicts) > 0 {
		notice := ""
		if done > 0 {
			notice = p.base(c, "").L.N("cp.comments.triaged", done)
		}
		p.renderComments(c, http.StatusConflict, f, in, conflicts, conflicts, notice, nil)
		return
	}
	q := f.query()
	if q != "" {
		q += "&"
	}
	redirect(c, workCommentsPath(c.Param("id"))+"?"+q+"triaged="+strconv.Itoa(done))
}
