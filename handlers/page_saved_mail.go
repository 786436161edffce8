package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// resumeMailLimit is how many resume links one client address, and one
// draft, may have e-mailed per hour: enough for a typo or two, too few to
// use Triada to flood somebody's mailbox.
const resumeMailLimit = 5

// savedMail answers POST /q/{id}/saved: it queues an e-mail with the
// resume link to the address typed, and shows the saved page again saying
// where it went; a bad address comes back with the error and what was
// typed (422). The address is kept only in the outbox's message.
func (p *pages) savedMail(c *gin.Context) {
	q, token, _, ok := p.savedDraft(c)
	if !ok {
		return
	}
	typed := c.PostForm("email")
	L := p.base(c, "").L
	if _, err := engine.NormalizeEmail("email", typed); err != nil {
		p.renderSaved(c, http.StatusUnprocessableEntity, savedView{Email: typed, EmailError: L.T("saved.email.invalid")})
		return
	}
	for _, key := range []string{c.ClientIP(), "draft:" + engine.HashSecret(token)} {
		if ok, wait := p.mails.allow(key); !ok {
			p.tooMany(c, wait)
			return
		}
	}
	link := p.absoluteURL(c, resumePath(q.ID, token))
	addr, err := p.eng.MailResumeLink(c.Request.Context(), q, token, typed, link, L.Lang())
	if err != nil {
		p.fail(c, err, q)
		return
	}
	p.renderSaved(c, http.StatusOK, savedView{SentTo: addr})
}
