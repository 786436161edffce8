package handlers

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// registerStaffReports adds the report pages of working groups: the list,
// a questionnaire's report and a group's report.
func registerStaffReports(st *gin.RouterGroup, p *pages) {
	st.GET("/reports", p.reportList)
	st.GET("/reports/q/:id", p.questionnaireReport)
	st.GET("/reports/g/:group", p.groupReport)
}

// reportsView lists what the signed-in person may report on.
type reportsView struct {
	pageBase
	Questionnaires []reportLink // coordinators only: every questionnaire
	Groups         []groupReports
}

// reportLink is one report in the list, with its number of responses.
type reportLink struct {
	URL, Title string
	Responses  int
	Questions  int // the questions it holds
}

type groupReports struct {
	Name, URL string
	Reports   []reportLink
}

// reportList answers GET /work/reports: coordinators and admins see every
// questionnaire and every working group; members their own groups, each
// with the questionnaires holding questions relevant to it.
func (p *pages) reportList(c *gin.Context) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	qs, err := p.eng.ListQuestionnaires(ctx)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	groups, err := p.eng.ListGroups(ctx, u)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "report.list.title")
	lang := b.L.Lang()
	counts := map[string]int{}
	count := func(id string) (int, error) {
		if n, ok := counts[id]; ok {
			return n, nil
		}
		n, err := p.eng.CountResponses(ctx, u, id)
		counts[id] = n
		return n, err
	}
	v := reportsView{pageBase: b}
	coordinator := u.Role != engine.RoleMember
	if coordinator {
		for _, q := range qs {
			n, err := count(q.ID)
			if err != nil {
				p.staffFail(c, err)
				return
			}
			v.Questionnaires = append(v.Questionnaires, reportLink{URL: questionnaireReportPath(q.ID),
				Title: q.Definition.Title.In(lang), Responses: n, Questions: len(q.Definition.Questions())})
		}
	}
	for _, g := range groups {
		if !coordinator && !slices.Contains(g.Members, u.ID) {
			continue
		}
		gr := groupReports{Name: g.Name, URL: groupReportPath(g.ID, "")}
		for _, q := range qs {
			relevant := len(engine.RelevantQuestions(q.Definition, g.Tags))
			if relevant == 0 {
				continue
			}
			n, err := count(q.ID)
			if err != nil {
				p.staffFail(c, err)
				return
			}
			gr.Reports = append(gr.Reports, reportLink{URL: groupReportPath(g.ID, q.ID),
				Title: q.Definition.Title.In(lang), Responses: n, Questions: relevant})
		}
		v.Groups = append(v.Groups, gr)
	}
	p.render(c, http.StatusOK, "reports", v)
}

func questionnaireReportPath(id string) string { return "/work/reports/q/" + url.PathEscape(id) }

// groupReportPath is a group's report, of one questionnaire when given.
func groupReportPath(group, questionnaire string) string {
	path := "/work/reports/g/" + url.PathEscape(group)
	if questionnaire != "" {
		path += "?" + url.Values{"questionnaire": {questionnaire}}.Encode()
	}
	return path
}
