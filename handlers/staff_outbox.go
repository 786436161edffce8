package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// registerStaffOutbox adds the coordinators' view of the e-mail outbox:
// each message's state, attempts and last error, and a retry for the
// failed ones. Bodies are never shown: they hold comments and resume
// links.
func registerStaffOutbox(st *gin.RouterGroup, p *pages) {
	st.GET("/outbox", p.outboxList)
	st.POST("/outbox/retry", p.guardForm, p.outboxRetry)
}

// outboxLimit is how many messages the list shows.
const outboxLimit = 500

type outboxView struct {
	pageBase
	Tabs     stateTabs
	Messages []outboxItem
	Limited  string // said when the list is cut at outboxLimit
}

type outboxItem struct {
	ID, Subject, To, Cause, State, Created, Next, Sent, Error string
	Attempts                                                  int
	Failed                                                    bool
	StateClass                                                string
}

// outboxList answers GET /work/outbox?state=: coordinators and admins
// only (403 for members, whose role never reaches the messages).
func (p *pages) outboxList(c *gin.Context) {
	state := c.Query("state")
	ms, err := p.eng.ListMail(c.Request.Context(), p.staffUser(c), state)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "outbox.title")
	v := outboxView{pageBase: b}
	v.Tabs = newStateTabs(b.L, "outbox.states", "/work/outbox", "outbox.state.", append([]string{""}, engine.MailStates...), state)
	for _, m := range ms {
		item := outboxItem{ID: m.ID, Subject: m.Subject, To: m.To, Cause: m.Cause, State: b.L.T("outbox.state." + m.State),
			StateClass: m.State, Attempts: m.Attempts, Error: m.LastError, Failed: m.State == engine.MailFailed,
			Created: dateTime(b.L, m.CreatedAt)}
		switch m.State {
		case engine.MailQueued:
			item.Next = dateTime(b.L, m.NextAttemptAt)
		case engine.MailSent:
			item.Sent = dateTime(b.L, m.SentAt)
		}
		v.Messages = append(v.Messages, item)
	}
	if len(ms) == outboxLimit {
		v.Limited = b.L.T("outbox.limit", outboxLimit)
	}
	p.render(c, http.StatusOK, "outbox", v)
}

// outboxRetry answers POST /work/outbox/retry (field id): a failed
// message is queued again and the list of failed ones shows; one that
// is not failed (retried by somebody else meanwhile) is refused (409).
func (p *pages) outboxRetry(c *gin.Context) {
	if err := p.eng.RetryMail(c.Request.Context(), p.staffUser(c), c.PostForm("id")); err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, "/work/outbox?"+url.Values{"state": {engine.MailFailed}}.Encode())
}

// dateTime writes a moment as the date and the time in Prague.
func dateTime(L *i18n.Printer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(prague)
	return L.Date(t) + " " + strconv.Itoa(t.Hour()) + ":" + t.Format("04")
}
