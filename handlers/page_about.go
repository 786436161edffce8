package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// aboutView is a page about the installation: who runs it and how to
// reach them.
type aboutView struct {
	pageBase
	Operator     string // the municipality or organisation running Triada, "" when not configured
	ContactEmail string
	DraftDays    int
}

// about renders one of the pages every public-sector site owes its
// visitors: the accessibility statement (zákon č. 99/2019 Sb.) and what
// is done with personal data (GDPR), in the visitor's language.
func (p *pages) about(page, titleKey string) gin.HandlerFunc {
	return func(c *gin.Context) {
		p.language(c)
		b := p.base(c, "")
		b.Title = b.L.T(titleKey)
		p.render(c, http.StatusOK, page, aboutView{
			pageBase:     b,
			Operator:     p.opts.Operator,
			ContactEmail: p.opts.ContactEmail,
			DraftDays:    int(p.eng.DraftTTL().Hours() / 24),
		})
	}
}
