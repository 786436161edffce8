package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// workConsultationsView lists the consultations with the counts of
// their comments.
type workConsultationsView struct {
	pageBase
	Coordinator bool
	Items       []workConsultationItem
}

type workConsultationItem struct {
	ID, Title, State, Period string
	CommentsURL, PublicURL   string
	PublishURL, OutcomesURL  string
	Counts                   engine.CommentCounts
}

// workConsultations answers GET /work/consultations, for coordinators:
// every consultation, its state and period, and where its comments stand.
func (p *pages) workConsultations(c *gin.Context) {
	p.renderConsultations(c, "cp.consultations.title")
}

// workCommentsHome answers GET /work/comments, for everyone signed in:
// the consultations with the counts of the comments the person may see
// (for members, those assigned to their groups).
func (p *pages) workCommentsHome(c *gin.Context) {
	p.renderConsultations(c, "cp.comments.title")
}

func (p *pages) renderConsultations(c *gin.Context, titleKey string) {
	u := p.staffUser(c)
	list, err := p.eng.OverviewConsultations(c.Request.Context(), u)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, titleKey)
	v := workConsultationsView{pageBase: b, Coordinator: u.Role != engine.RoleMember}
	now := p.eng.Now()
	for _, o := range list {
		cons := o.Consultation
		state := cons.State(now)
		item := workConsultationItem{ID: cons.ID, Title: cons.Title, State: b.L.T("cp.state." + state),
			Period:      b.L.T("cp.consultations.period", b.L.Date(cons.OpensAt.In(prague)), b.L.Date(lastDay(cons.ClosesAt))),
			CommentsURL: workCommentsPath(cons.ID), PublicURL: consultationPath(cons.ID), Counts: o.Counts}
		if v.Coordinator && state == engine.StateClosed {
			item.PublishURL = workPublishPath(cons.ID)
		}
		if state == engine.StatePublished {
			item.OutcomesURL = outcomesPath(cons.ID)
		}
		v.Items = append(v.Items, item)
	}
	p.render(c, http.StatusOK, "work_consultations", v)
}
