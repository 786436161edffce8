package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// messageView is a page that only tells something.
type messageView struct {
	pageBase
	Heading    string
	Paragraphs []string
	LinkURL    string
	LinkText   string
}

// message answers with the message page of key: its heading is the
// catalog's key+".title", its text key+".text"; a link follows when url
// is set, reading linkKey.
func (p *pages) message(c *gin.Context, status int, key, url, linkKey string, paragraphs ...string) {
	b := p.base(c, "")
	v := messageView{pageBase: b, Heading: b.L.T(key + ".title")}
	v.Title = v.Heading
	v.Paragraphs = append([]string{b.L.T(key + ".text")}, paragraphs...)
	if url != "" {
		v.LinkURL, v.LinkText = url, b.L.T(linkKey)
	}
	p.render(c, status, "message", v)
	c.Abort()
}

// fail answers an engine error with its page: not found, closed, by
// invitation only, or an internal error (logged by the request log).
// q may be nil when the questionnaire is not known.
func (p *pages) fail(c *gin.Context, err error, q *engine.Questionnaire) {
	status, ok := statusOf[engine.ErrorCode(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch status {
	case http.StatusNotFound:
		p.message(c, status, "msg.not_found", "/", "msg.home")
	case http.StatusConflict:
		p.closed(c, q)
	case http.StatusForbidden:
		p.message(c, status, "msg.invite", "/", "msg.home")
	default:
		_ = c.Error(err)
		p.message(c, http.StatusInternalServerError, "msg.internal", "", "")
	}
}

// closed tells that the questionnaire is not open: not yet (when), or no
// longer.
func (p *pages) closed(c *gin.Context, q *engine.Questionnaire) {
	L := p.base(c, "").L
	if q != nil && q.Definition.OpensAt != nil && p.eng.Now().Before(*q.Definition.OpensAt) {
		p.message(c, http.StatusConflict, "msg.not_yet", "/", "msg.home",
			L.T("msg.not_yet.opens", L.Date(q.Definition.OpensAt.In(prague))))
		return
	}
	p.message(c, http.StatusConflict, "msg.closed", "/", "msg.home")
}

// tooMany tells a person to wait, with Retry-After.
func (p *pages) tooMany(c *gin.Context, wait time.Duration) {
	minutes := int(wait.Minutes()) + 1
	c.Header("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
	L := p.base(c, "").L
	p.message(c, http.StatusTooManyRequests, "msg.too_many", "", "", L.N("msg.too_many.wait", minutes))
}
