package handlers

import (
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// workView is the dashboard of the staff area: what is open and until
// when, how responses come in, where comments stand, and what waits for
// a coordinator.
type workView struct {
	pageBase
	Coordinator    bool
	Groups         []groupLink
	Questionnaires []dashQuestionnaire
	Consultations  []dashConsultation
	Drafts         *dashDrafts
	Outbox         *dashOutbox
}

type groupLink struct {
	ID, Name string
	URL      string // the group's report
}

type dashQuestionnaire struct {
	ID, Title, URL, State, Window string
	Chart                         *dayChart
}

type dashConsultation struct {
	ID, Title, State, Window string
	Total                    int
	ByState                  []dashCount
}

type dashCount struct {
	Label string
	Count int
}

// dashDrafts is the slot of providers' draft records waiting for review.
type dashDrafts struct {
	Pending int
	URL     string
}

// dashOutbox is the slot of e-mail problems: failed messages (Problems),
// those waiting to go, or Failed when the outbox could not be read.
type dashOutbox struct {
	Failed            bool
	Problems, Waiting int
	URL               string
}

// dashboardDays is how far back the charts of responses reach.
const dashboardDays = 30

// workHome answers GET /work. Members see their own groups and the
// comments assigned to them; coordinators and admins everything, plus
// the drafts and the outbox.
func (p *pages) workHome(c *gin.Context) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	b := p.staffBase(c, "work.title")
	v := workView{pageBase: b, Coordinator: slices.Contains(coordinators, u.Role)}
	groups, err := p.eng.ListGroups(ctx, u)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	for _, g := range groups {
		if u.Role == engine.RoleMember && !slices.Contains(g.Members, u.ID) {
			continue
		}
		v.Groups = append(v.Groups, groupLink{ID: g.ID, Name: g.Name, URL: groupReportPath(g.ID, "")})
	}
	if err := p.dashQuestionnaires(c, u, &v); err != nil {
		p.staffFail(c, err)
		return
	}
	if err := p.dashConsultations(c, u, &v); err != nil {
		p.staffFail(c, err)
		return
	}
	if v.Coordinator {
		drafts, err := p.eng.ListCatalogueDrafts(ctx, u, engine.DraftPending)
		if err != nil {
			p.staffFail(c, err)
			return
		}
		v.Drafts = &dashDrafts{Pending: len(drafts), URL: "/work/providers/drafts"}
		v.Outbox = &dashOutbox{URL: "/work/outbox?state=" + engine.MailFailed}
		failed, waiting, err := p.outbox.OutboxSummary(ctx)
		if err != nil {
			// The dashboard still serves; the slot says it could not tell.
			p.log.ErrorContext(ctx, "the outbox summary failed", "error", err)
			v.Outbox.Failed = true
		}
		v.Outbox.Problems, v.Outbox.Waiting = failed, waiting
	}
	p.render(c, http.StatusOK, "work", v)
}

// dashQuestionnaires lists the questionnaires that are open or are to
// open, each with its responses of the last 30 days.
func (p *pages) dashQuestionnaires(c *gin.Context, u *engine.User, v *workView) error {
	ctx := c.Request.Context()
	qs, err := p.eng.ListQuestionnaires(ctx)
	if err != nil {
		return err
	}
	now := p.eng.Now()
	for _, q := range qs {
		state := windowState(q, now)
		if state == "closed" && (q.Definition.ClosesAt == nil || now.Sub(*q.Definition.ClosesAt) > dashboardDays*24*time.Hour) {
			continue // closed for more than the chart's days: nothing to watch
		}
		d := dashQuestionnaire{ID: q.ID, Title: q.Definition.Title.In(v.L.Lang()), State: v.L.T("qs.state." + state),
			Window: windowText(v.L, q)}
		if v.Coordinator {
			d.URL = workQuestionnairePath(q.ID)
		}
		counts, err := p.eng.ResponsesPerDay(ctx, u, q.ID, dashboardDays)
		if err != nil {
			return err
		}
		d.Chart = newDayChart(v.L, "chart-"+q.ID, v.L.T("dash.chart.label", d.Title), counts)
		v.Questionnaires = append(v.Questionnaires, d)
	}
	return nil
}

// commentStates are the columns of the comments' progress, in the order
// a comment goes through them.
var commentStates = []string{"received", "relevant_open", "decided", "not_relevant"}

// dashConsultations lists the consultations not yet published, with
// their comments by state: all comments for coordinators, those assigned
// to the member's groups for members.
func (p *pages) dashConsultations(c *gin.Context, u *engine.User, v *workView) error {
	ctx := c.Request.Context()
	cs, err := p.eng.ListConsultations(ctx)
	if err != nil {
		return err
	}
	now := p.eng.Now()
	for _, cons := range cs {
		state := cons.State(now)
		if state == engine.StatePublished {
			continue
		}
		comments, err := p.eng.ListComments(ctx, u, cons.ID)
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, cm := range comments {
			counts[commentProgress(cm)]++
		}
		d := dashConsultation{ID: cons.ID, Title: cons.Title, State: v.L.T("dash.consultation." + state),
			Window: v.L.T("qs.window.between", pragueTime(cons.OpensAt), pragueTime(cons.ClosesAt)), Total: len(comments)}
		for _, s := range commentStates {
			d.ByState = append(d.ByState, dashCount{Label: v.L.T("dash.comments." + s), Count: counts[s]})
		}
		v.Consultations = append(v.Consultations, d)
	}
	return nil
}

// commentProgress is where a comment stands: received (not triaged),
// relevant but not decided, decided, or judged not relevant.
func commentProgress(cm *engine.Comment) string {
	switch {
	case cm.Relevance == engine.NotRelevant:
		return "not_relevant"
	case cm.State == engine.CommentDecided:
		return "decided"
	case cm.State == engine.CommentReceived:
		return "received"
	}
	return "relevant_open"
}
