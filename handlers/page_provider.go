package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// providerView is one provider's page: contact and a table of services.
type providerPageView struct {
	pageBase
	Name, ICO, Municipality, Address, Description string
	Person, Email, Phone, Tel, Web                string
	Services                                      []serviceRow
	Updated                                       string
}

// serviceRow is one service in the table.
type serviceRow struct {
	Title, Kind, Form, TargetGroups, Description, Area string
	Capacity, WaitingDays                              int
}

// providerPage answers GET /providers/{id}; 404 for anything but a
// published provider.
func (p *pages) providerPage(c *gin.Context) {
	p.language(c)
	pr, err := p.eng.FindProvider(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	b := p.base(c, pr.Name)
	lb := labels{p.eng.CodeLists(), b.L.Lang()}
	v := providerPageView{pageBase: b, Name: pr.Name, ICO: pr.ICO, Municipality: pr.Municipality, Address: pr.Address,
		Description: pr.Description, Person: pr.Contact.Person, Email: pr.Contact.Email, Phone: pr.Contact.Phone,
		Tel: strings.ReplaceAll(pr.Contact.Phone, " ", ""), Web: pr.Contact.Web, Updated: b.L.Date(pr.UpdatedAt.In(prague))}
	for _, s := range pr.Services {
		v.Services = append(v.Services, serviceRow{Title: lb.serviceTitle(s), Kind: lb.serviceType(s.Type), Form: lb.form(s.Form),
			TargetGroups: lb.targetGroups(s.TargetGroups), Description: s.Description, Area: s.Area,
			Capacity: s.Capacity, WaitingDays: s.WaitingDays})
	}
	p.render(c, http.StatusOK, "provider", v)
}
