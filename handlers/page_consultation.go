package handlers

import (
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
	"github.com/triada-kpss/triada/richtext"
)

// consultationPage is the draft under consultation, for everyone.
type consultationPage struct {
	pageBase
	ID, Heading string
	State       string // engine.State*
	StateText   string // what the state means for a resident, with dates
	Open        bool   // comments are taken: the forms are offered
	CommentURL  string // the form for the whole document
	OutcomesURL string // once the settlement is published
	Sections    []consultationSection
	Attachments []engine.Attachment
}

type consultationSection struct {
	ID, Anchor, Title string
	HTML              template.HTML
	CommentURL        string
}

// consultationShow answers GET /c/{id}: the draft with its table of
// contents, each section rendered from its limited formatting, the
// state and the period, and the way to comment while it is open.
func (p *pages) consultationShow(c *gin.Context) {
	cons, ok := p.findConsultation(c)
	if !ok {
		return
	}
	b := p.base(c, cons.Title)
	state := cons.State(p.eng.Now())
	v := consultationPage{pageBase: b, ID: cons.ID, Heading: cons.Title, State: state, Open: state == engine.StateOpen,
		StateText: periodText(b.L, cons, state), CommentURL: commentFormPath(cons.ID, ""), Attachments: cons.Attachments}
	if state == engine.StatePublished {
		v.OutcomesURL = outcomesPath(cons.ID)
	}
	for _, s := range cons.Sections {
		v.Sections = append(v.Sections, consultationSection{ID: s.ID, Anchor: "s-" + s.ID, Title: s.Title,
			HTML: richtext.Render(s.Text), CommentURL: commentFormPath(cons.ID, s.ID)})
	}
	p.render(c, http.StatusOK, "consultation", v)
}

// findConsultation loads the consultation of the path, answering the
// not-found page itself.
func (p *pages) findConsultation(c *gin.Context) (*engine.Consultation, bool) {
	cons, err := p.eng.FindConsultation(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.fail(c, err, nil)
		return nil, false
	}
	return cons, true
}

// periodText says what the state of the comment period means, with its
// dates: "open until 31. 10. 2027".
func periodText(L *i18n.Printer, cons *engine.Consultation, state string) string {
	opens, last := L.Date(cons.OpensAt.In(prague)), L.Date(lastDay(cons.ClosesAt))
	switch state {
	case engine.StateScheduled:
		return L.T("consult.state.scheduled", opens, last)
	case engine.StateOpen:
		return L.T("consult.state.open", last)
	case engine.StateClosed:
		return L.T("consult.state.closed", last)
	}
	return L.T("consult.state.published", last)
}

// lastDay is the last day of a period that ends at closes (the first
// moment outside it), in Prague: a period that ends at midnight ends on
// the day before.
func lastDay(closes time.Time) time.Time { return closes.In(prague).Add(-time.Second) }

// openConsultations lists the drafts open for comment, for the home page.
func (p *pages) openConsultations(c *gin.Context, L *i18n.Printer) ([]questionnaireLink, error) {
	cs, err := p.eng.ListConsultations(c.Request.Context())
	if err != nil {
		return nil, err
	}
	var out []questionnaireLink
	for _, cons := range cs {
		if cons.State(p.eng.Now()) == engine.StateOpen {
			out = append(out, questionnaireLink{URL: consultationPath(cons.ID), Title: cons.Title,
				Closes: periodText(L, cons, engine.StateOpen)})
		}
	}
	return out, nil
}
