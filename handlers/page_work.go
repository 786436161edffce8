package handlers

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// workView is the first page of the staff area.
type workView struct {
	pageBase
	Groups []groupLink
}

type groupLink struct {
	ID, Name string
	URL      string // the group's report
}

// workHome greets the signed-in person with their working groups (a
// member's own; every group for coordinators and admins).
func (p *pages) workHome(c *gin.Context) {
	u := p.staffUser(c)
	groups, err := p.eng.ListGroups(c.Request.Context(), u)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "work.title")
	v := workView{pageBase: b}
	for _, g := range groups {
		if u.Role == engine.RoleMember && !slices.Contains(g.Members, u.ID) {
			continue
		}
		v.Groups = append(v.Groups, groupLink{ID: g.ID, Name: g.Name, URL: groupReportPath(g.ID, "")})
	}
	p.render(c, http.StatusOK, "work", v)
}
