package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/forms"
)

// homeView lists the open questionnaires.
type homeView struct {
	pageBase
	Questionnaires []questionnaireLink
	Consultations  []questionnaireLink // drafts open for comment (page_consultation.go)
}

type questionnaireLink struct {
	URL, Title, Description, Closes string
}

// home lists the questionnaires open to everyone, in the visitor's
// language. Those answered by invitation only are not listed.
func (p *pages) home(c *gin.Context) {
	p.language(c)
	qs, err := p.eng.ListQuestionnaires(c.Request.Context())
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	b := p.base(c, "")
	v := homeView{pageBase: b}
	v.Title = b.L.T("home.title")
	for _, q := range qs {
		def := q.Definition
		if !p.eng.IsOpen(q) || def.Access == forms.AccessInvite {
			continue
		}
		v.Questionnaires = append(v.Questionnaires, questionnaireLink{
			URL:         startPath(q.ID),
			Title:       def.Title.In(b.L.Lang()),
			Description: def.Description.In(b.L.Lang()),
			Closes:      closesText(b.L, def.ClosesAt),
		})
	}
	if v.Consultations, err = p.openConsultations(c, b.L); err != nil {
		p.fail(c, err, nil)
		return
	}
	p.render(c, http.StatusOK, "home", v)
}
