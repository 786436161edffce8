package handlers

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
)

// directoryView is the printable directory: published services grouped
// by target group, in the order of the code list.
type directoryView struct {
	pageBase
	Groups []directoryGroup
}

type directoryGroup struct {
	Name    string
	Entries []directoryEntry
}

type directoryEntry struct {
	Provider, Service, Form, Municipality, Address, Phone, Email, Web, Area string
	Capacity, WaitingDays                                                   int
}

// catalogueDirectory answers GET /providers/print.
func (p *pages) catalogueDirectory(c *gin.Context) {
	p.language(c)
	all, err := p.eng.ListProviders(c.Request.Context(), catalogueQuery(c))
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	b := p.base(c, "")
	b.Title = b.L.T("directory.title")
	lb := labels{p.eng.CodeLists(), b.L.Lang()}
	v := directoryView{pageBase: b}
	for _, tg := range lb.lists.TargetGroups {
		g := directoryGroup{Name: lb.targetGroup(tg.Code)}
		for _, pr := range all {
			for _, s := range pr.Services {
				if !slices.Contains(s.TargetGroups, tg.Code) {
					continue
				}
				g.Entries = append(g.Entries, directoryEntry{Provider: pr.Name, Service: lb.serviceTitle(s), Form: lb.form(s.Form),
					Municipality: pr.Municipality, Address: pr.Address, Phone: pr.Contact.Phone, Email: pr.Contact.Email,
					Web: pr.Contact.Web, Area: s.Area, Capacity: s.Capacity, WaitingDays: s.WaitingDays})
			}
		}
		if len(g.Entries) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	p.render(c, http.StatusOK, "directory", v)
}
