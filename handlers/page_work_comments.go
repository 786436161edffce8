package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// workCommentsView is a consultation's comments, filtered, with the
// triage of several at once for coordinators.
type workCommentsView struct {
	pageBase
	ID, Heading, State     string
	Coordinator, CanTriage bool
	Action, PublishURL     string
	StateFilter            []choiceOption
	SectionFilter          []choiceOption
	GroupFilter            []choiceOption
	Filter                 commentFilter
	Rows                   []commentRow
	Total                  int // before filtering
	Triage                 triageForm
	Notice                 string // what the last triage did
	Conflict               string // the comments somebody changed meanwhile
	SelectError            string
}

// commentFilter selects comments: by state, section ("-" for the whole
// document) and working group; "" matches all.
type commentFilter struct{ State, Section, Group string }

func (f commentFilter) match(cm *engine.Comment) bool {
	section := cm.Section
	if section == "" {
		section = "-"
	}
	return (f.State == "" || cm.State == f.State) && (f.Section == "" || section == f.Section) &&
		(f.Group == "" || slices.Contains(cm.Groups, f.Group))
}

func (f commentFilter) query() string {
	q := url.Values{}
	for k, v := range map[string]string{"state": f.State, "section": f.Section, "group": f.Group} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// commentRow is one comment of the list.
type commentRow struct {
	ID, URL, Reference, Section, Excerpt string
	State, Relevance, Groups, Outcome    string
	Version                              int
	Checked, Changed                     bool
}

// workComments answers GET /work/consultations/{id}/comments?state=&section=&group=.
func (p *pages) workComments(c *gin.Context) {
	f := commentFilter{State: c.Query("state"), Section: c.Query("section"), Group: c.Query("group")}
	notice := ""
	if n, err := strconv.Atoi(c.Query("triaged")); err == nil && n > 0 {
		notice = p.base(c, "").L.N("cp.comments.triaged", n)
	}
	p.renderComments(c, http.StatusOK, f, triageInput{}, nil, nil, notice, nil)
}

// renderComments draws the list; selected are the ids checked, conflicts
// those somebody changed meanwhile, errs the triage's problems.
func (p *pages) renderComments(c *gin.Context, status int, f commentFilter, in triageInput, selected, conflicts []string,
	notice string, errs error) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	cons, comments, ok := p.consultationComments(c)
	if !ok {
		return
	}
	b := p.staffBase(c, "cp.comments.title")
	L := b.L
	b.Title = L.T("cp.comments.of", cons.Title)
	state := cons.State(p.eng.Now())
	v := workCommentsView{pageBase: b, ID: cons.ID, Heading: cons.Title, State: L.T("cp.state." + state),
		Coordinator: u.Role != engine.RoleMember, Action: "/work/consultations/" + url.PathEscape(cons.ID) + "/triage",
		Filter: f, Total: len(comments), Notice: notice}
	v.CanTriage = v.Coordinator && state != engine.StatePublished
	if v.Coordinator && state == engine.StateClosed {
		v.PublishURL = workPublishPath(cons.ID)
	}
	var err error
	if v.Triage, err = p.newTriageForm(ctx, L, u, in); err != nil {
		p.staffFail(c, err)
		return
	}
	v.Errors = triageErrors(L, errs, in, &v.Triage)
	if len(conflicts) > 0 {
		var refs []string
		for _, cm := range comments {
			if slices.Contains(conflicts, cm.ID) {
				refs = append(refs, cm.Reference)
			}
		}
		v.Conflict = L.T("cp.comments.conflict", strings.Join(refs, ", "))
	}
	v.StateFilter = filterOptions(L, "state", f.State, []string{engine.CommentReceived, engine.CommentTriaged, engine.CommentDecided}, "cp.comment_state.")
	v.SectionFilter = append(filterOptions(L, "section", f.Section, nil, ""), choiceOption{ID: "section--", Value: "-",
		Label: L.T("consult.whole"), Checked: f.Section == "-"})
	for _, s := range cons.Sections {
		v.SectionFilter = append(v.SectionFilter, choiceOption{Value: s.ID, Label: s.Title, Checked: f.Section == s.ID})
	}
	v.GroupFilter = filterOptions(L, "group", f.Group, nil, "")
	for _, g := range v.Triage.Groups {
		v.GroupFilter = append(v.GroupFilter, choiceOption{Value: g.Value, Label: g.Label, Checked: f.Group == g.Value})
	}
	for _, cm := range comments {
		if !f.match(cm) {
			continue
		}
		row := newCommentRow(L, cons, cm, slices.Contains(selected, cm.ID), slices.Contains(conflicts, cm.ID))
		row.Groups = groupNames(cm.Groups, v.Triage.Groups)
		v.Rows = append(v.Rows, row)
	}
	if errs != nil && engine.ErrorCode(errs) == errNoneSelected {
		// The summary links to the first checkbox the list shows.
		v.SelectError = L.T("cp.comments.select_none")
		first := "triage"
		if len(v.Rows) > 0 {
			first = "select-" + v.Rows[0].ID
		}
		v.Errors = append([]errorView{{InputID: first, Message: v.SelectError}}, v.Errors...)
	}
	p.render(c, status, "work_comments", v)
}

// filterOptions starts a filter's options with "all", then the values
// labelled by their catalog keys (prefix + value).
func filterOptions(L *i18n.Printer, name, current string, values []string, prefix string) []choiceOption {
	out := []choiceOption{{Value: "", Label: L.T("cp.comments.all"), Checked: current == ""}}
	for _, val := range values {
		out = append(out, choiceOption{Value: val, Label: L.T(prefix + val), Checked: current == val})
	}
	return out
}

func newCommentRow(L *i18n.Printer, cons *engine.Consultation, cm *engine.Comment, checked, changed bool) commentRow {
	r := commentRow{ID: cm.ID, URL: workCommentPath(cm.ID), Reference: cm.Reference, Section: sectionTitle(L, cons, cm.Section),
		Excerpt: excerpt(cm.Text, 160), State: L.T("cp.comment_state." + cm.State),
		Version: cm.Version, Checked: checked, Changed: changed}
	if cm.Relevance != "" {
		r.Relevance = L.T("cp.relevance." + cm.Relevance)
	}
	if cm.Outcome != "" {
		r.Outcome = L.T("cp.outcome." + cm.Outcome)
	}
	return r
}

// sectionTitle names a comment's section, or the whole document.
func sectionTitle(L *i18n.Printer, cons *engine.Consultation, id string) string {
	if s := cons.Section(id); s != nil {
		return s.Title
	}
	return L.T("consult.whole")
}

// excerpt shortens text to at most n characters, at a space when it can.
func excerpt(text string, n int) string {
	r := []rune(strings.Join(strings.Fields(text), " "))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// consultationComments finds the consultation of the path and the
// comments of it that the signed-in person may see; ok is false when it
// answered with an error page.
func (p *pages) consultationComments(c *gin.Context) (*engine.Consultation, []*engine.Comment, bool) {
	ctx := c.Request.Context()
	cons, err := p.eng.FindConsultation(ctx, c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return nil, nil, false
	}
	comments, err := p.eng.ListComments(ctx, p.staffUser(c), cons.ID)
	if err != nil {
		p.staffFail(c, err)
		return nil, nil, false
	}
	return cons, comments, true
}
