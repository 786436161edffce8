package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// commentSentView confirms a comment: its public reference and a copy.
type commentSentView struct {
	pageBase
	ConsultationTitle, DraftURL string
	Reference, Section, Text    string
	Name, Municipality, Org     string
	Email                       string // masked: the page's address may be shared
	PublishName                 bool
}

// commentSent answers GET /c/{id}/sent/{comment}. The comment's id is
// 128 random bits (engine.NewID) that only the person who sent it (and
// the staff) know: nobody reaches another person's comment by guessing.
// The page is never cached and sends no referrer to the links it holds.
func (p *pages) commentSent(c *gin.Context) {
	cons, ok := p.findConsultation(c)
	if !ok {
		return
	}
	cm, err := p.eng.FindSentComment(c.Request.Context(), cons.ID, c.Param("comment"))
	if err != nil {
		p.message(c, http.StatusNotFound, "msg.not_found", consultationPath(cons.ID), "consult.back")
		return
	}
	b := p.base(c, "")
	b.Title = b.L.T("consult.sent.title")
	v := commentSentView{pageBase: b, ConsultationTitle: cons.Title, DraftURL: consultationPath(cons.ID),
		Reference: cm.Reference, Section: b.L.T("consult.whole"), Text: cm.Text, Name: cm.Author.Name,
		Municipality: cm.Author.Municipality, Org: cm.Author.Organisation, Email: maskEmail(cm.Author.Email),
		PublishName: cm.Author.PublishName}
	if s := cons.Section(cm.Section); s != nil {
		v.Section = s.Title
	}
	c.Header("Referrer-Policy", "no-referrer")
	p.render(c, http.StatusOK, "comment_sent", v)
}

// maskEmail shows enough of an address for its owner to recognise it:
// "j…@example.cz".
func maskEmail(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" {
		return ""
	}
	first := []rune(local)[0]
	return string(first) + "…@" + domain
}
