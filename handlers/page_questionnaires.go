package handlers

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/i18n"
)

// questionnaireListView lists every questionnaire with its window.
type questionnaireListView struct {
	pageBase
	Questionnaires []questionnaireRow
}

type questionnaireRow struct {
	ID, Title, URL, Audience, State, Window string
	ReportURL, InvitationsURL               string // InvitationsURL only for questionnaires answered by personal link
}

// questionnaireList answers GET /work/questionnaires.
func (p *pages) questionnaireList(c *gin.Context) {
	qs, err := p.eng.ListQuestionnaires(c.Request.Context())
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "qs.title")
	v := questionnaireListView{pageBase: b}
	now := p.eng.Now()
	for _, q := range qs {
		row := questionnaireRow{ID: q.ID, URL: workQuestionnairePath(q.ID),
			Title: q.Definition.Title.In(b.L.Lang()), Audience: b.L.T("qs.audience." + q.Definition.Audience),
			State: b.L.T("qs.state." + windowState(q, now)), Window: windowText(b.L, q),
			ReportURL: "/work/reports/q/" + url.PathEscape(q.ID)}
		if q.Definition.Access == forms.AccessInvite {
			row.InvitationsURL = workQuestionnairePath(q.ID) + "/invitations"
		}
		v.Questionnaires = append(v.Questionnaires, row)
	}
	p.render(c, http.StatusOK, "questionnaires", v)
}

func workQuestionnairePath(id string) string { return "/work/questionnaires/" + url.PathEscape(id) }

// windowState is "scheduled" before opens_at, "closed" from closes_at,
// else "open".
func windowState(q *engine.Questionnaire, now time.Time) string {
	def := q.Definition
	switch {
	case def.OpensAt != nil && now.Before(*def.OpensAt):
		return "scheduled"
	case def.ClosesAt != nil && !now.Before(*def.ClosesAt):
		return "closed"
	}
	return "open"
}

// windowText says from when until when, in Prague time.
func windowText(L *i18n.Printer, q *engine.Questionnaire) string {
	def := q.Definition
	switch {
	case def.OpensAt != nil && def.ClosesAt != nil:
		return L.T("qs.window.between", pragueTime(*def.OpensAt), pragueTime(*def.ClosesAt))
	case def.OpensAt != nil:
		return L.T("qs.window.from", pragueTime(*def.OpensAt))
	case def.ClosesAt != nil:
		return L.T("qs.window.until", pragueTime(*def.ClosesAt))
	}
	return L.T("qs.window.always")
}

// dateTime writes a moment as Czech and Slovak readers write it, in
// Prague time.
func pragueTime(t time.Time) string { return t.In(prague).Format("2. 1. 2006 15:04") }
