package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// workPublishView asks a coordinator to confirm the publication of the
// settlement, or says what stands in its way.
type workPublishView struct {
	pageBase
	ID, Heading, CommentsURL, OutcomesURL, Action string
	Reason                                        string // why it cannot be published now, if it cannot
	Untriaged, Undecided                          []refLink
	Counts                                        engine.CommentCounts
	CanPublish, Published                         bool
	ConfirmError                                  string
}

type refLink struct{ Reference, URL string }

// workPublishShow answers GET /work/consultations/{id}/publish.
func (p *pages) workPublishShow(c *gin.Context) {
	p.renderPublish(c, http.StatusOK, "")
}

// workPublish answers POST /work/consultations/{id}/publish: without the
// confirmation the page comes back with the error (422); a settlement
// that cannot be published yet comes back with what blocks it (409);
// otherwise the settlement is out and the page says so (303).
func (p *pages) workPublish(c *gin.Context) {
	if c.PostForm("confirm") != "yes" {
		p.renderPublish(c, http.StatusUnprocessableEntity, p.base(c, "").L.T("cp.publish.confirm_required"))
		return
	}
	_, err := p.eng.PublishConsultation(c.Request.Context(), p.staffUser(c), c.Param("id"))
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, workPublishPath(c.Param("id")))
	case engine.ECONFLICT:
		p.renderPublish(c, http.StatusConflict, "")
	default:
		p.staffFail(c, err)
	}
}

func (p *pages) renderPublish(c *gin.Context, status int, confirmError string) {
	cons, comments, ok := p.consultationComments(c)
	if !ok {
		return
	}
	b := p.staffBase(c, "cp.publish.title")
	L := b.L
	v := workPublishView{pageBase: b, ID: cons.ID, Heading: cons.Title, CommentsURL: workCommentsPath(cons.ID),
		OutcomesURL: outcomesPath(cons.ID), Action: workPublishPath(cons.ID), Counts: engine.CountComments(comments),
		ConfirmError: confirmError}
	if confirmError != "" {
		v.Errors = []errorView{{InputID: "confirm", Message: confirmError}}
	}
	for _, cm := range comments {
		link := refLink{Reference: cm.Reference, URL: workCommentPath(cm.ID)}
		switch {
		case cm.State == engine.CommentReceived:
			v.Untriaged = append(v.Untriaged, link)
		case cm.Relevance == engine.Relevant && cm.State != engine.CommentDecided:
			v.Undecided = append(v.Undecided, link)
		}
	}
	switch state := cons.State(p.eng.Now()); state {
	case engine.StatePublished:
		v.Published = true
		v.Reason = L.T("cp.publish.done", L.Date(cons.PublishedAt.In(prague)))
	case engine.StateScheduled, engine.StateOpen:
		v.Reason = L.T("cp.publish.not_ended", L.Date(lastDay(cons.ClosesAt)))
	default:
		if v.Counts.Blocking() > 0 {
			v.Reason = L.T("cp.publish.blocked")
		} else {
			v.CanPublish = true
		}
	}
	p.render(c, status, "work_publish", v)
}
