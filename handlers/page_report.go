package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/i18n"
)

// reportView is a questionnaire's report, for everyone or for a working
// group: a form of filters and a segment, then every question with its
// table and chart; a group's report adds the supply of services.
type reportView struct {
	pageBase
	Caption        string // the questionnaire, or the group
	Heading        string
	Action         string // where the filter form goes: the page itself
	Questionnaire  string // a hidden field of a group's report
	Print          bool   // the printable version: no form
	PrintURL       string
	BackURL        string // from the printable version to the report
	ClearURL       string // the report without filters and segment
	Total, All     int    // responses in view, and in all
	Filters        []filterQuestion
	Chosen         []string // the filters in words
	Segments       []selectOption
	SegmentName    string // the question the report is broken down by
	Questions      []reportQuestion
	Failed         bool // the parameters were refused: no figures
	Supply         *supplyView
	GroupIndex     bool         // a group's report before a questionnaire is chosen:
	Questionnaires []reportLink // the questionnaires with questions for it
}

// filterQuestion is one fieldset of the filter form: a choice or multi
// question's options as checkboxes. The options chosen of one question
// are alternatives (OR); questions combine (AND).
type filterQuestion struct {
	ID, Text string
	Open     bool // a choice of it is checked
	Options  []filterOption
}

type filterOption struct {
	InputID, Value, Label string
	Checked               bool
}

// questionnaireReport answers GET /work/reports/q/{id}: the results of
// every question, for anyone signed in (the engine's rule for results).
func (p *pages) questionnaireReport(c *gin.Context) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	q, err := p.eng.FindQuestionnaire(ctx, c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "report.title")
	v := p.newReportView(c, b, q)
	v.Caption = b.L.T("report.questionnaire_caption")
	v.Action = questionnaireReportPath(q.ID)
	p.finishReport(c, &v, q, func(rq engine.ResultsQuery) (*engine.Results, error) {
		return p.eng.QuestionnaireResults(ctx, u, q.ID, rq)
	})
}

// groupReport answers GET /work/reports/g/{group}: the group's supply
// of services and the questionnaires with questions relevant to it; with
// ?questionnaire=ID, that questionnaire's results restricted to those
// questions. Coordinators, admins and the group's members only.
func (p *pages) groupReport(c *gin.Context) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	groupID := c.Param("group")
	supply, err := p.eng.GroupSupply(ctx, u, groupID) // checks who may see the group
	if err != nil {
		p.staffFail(c, err)
		return
	}
	g, err := p.eng.FindGroup(ctx, groupID)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "report.group.title")
	qid := c.Query("questionnaire")
	if qid == "" {
		qs, err := p.eng.ListQuestionnaires(ctx)
		if err != nil {
			p.staffFail(c, err)
			return
		}
		v := reportView{pageBase: b, GroupIndex: true, Heading: g.Name, Caption: b.L.T("report.group.caption"), Supply: p.newSupplyView(b.L, supply)}
		v.Title = g.Name
		for _, q := range qs {
			if n := len(engine.RelevantQuestions(q.Definition, g.Tags)); n > 0 {
				v.Questionnaires = append(v.Questionnaires, reportLink{URL: groupReportPath(g.ID, q.ID), Title: q.Definition.Title.In(b.L.Lang()), Questions: n})
			}
		}
		p.render(c, http.StatusOK, "report", v)
		return
	}
	q, err := p.eng.FindQuestionnaire(ctx, qid)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	v := p.newReportView(c, b, q)
	v.Caption = b.L.T("report.group.for", g.Name)
	v.Action = "/work/reports/g/" + url.PathEscape(g.ID)
	v.Questionnaire = q.ID
	v.Supply = p.newSupplyView(b.L, supply)
	p.finishReport(c, &v, q, func(rq engine.ResultsQuery) (*engine.Results, error) {
		return p.eng.GroupResults(ctx, u, g.ID, q.ID, rq)
	})
}

// newReportView starts a questionnaire's report: its heading and the
// form's questions, with what the request chose.
func (p *pages) newReportView(c *gin.Context, b pageBase, q *engine.Questionnaire) reportView {
	lang := b.L.Lang()
	v := reportView{pageBase: b, Heading: q.Definition.Title.In(lang), Print: c.Query("print") != ""}
	v.Title = b.L.T("report.title") + ": " + v.Heading
	chosen := map[string]bool{}
	for _, s := range c.QueryArray("filter") {
		chosen[s] = true
	}
	for _, fq := range q.Definition.Questions() {
		if fq.Type != forms.TypeChoice && fq.Type != forms.TypeMulti {
			continue
		}
		f := filterQuestion{ID: fq.ID, Text: fq.Text.In(lang)}
		for i, o := range fq.Options {
			value := fq.ID + ":" + o.Value
			f.Options = append(f.Options, filterOption{InputID: "filter-" + fq.ID + "-" + itoa(i), Value: value,
				Label: o.Label.In(lang), Checked: chosen[value]})
			f.Open = f.Open || chosen[value]
		}
		v.Filters = append(v.Filters, f)
	}
	segment := c.Query("segment")
	for _, id := range q.Definition.Segments {
		if sq := q.Definition.Question(id); sq != nil {
			v.Segments = append(v.Segments, selectOption{Value: id, Label: sq.Text.In(lang), Selected: id == segment})
		}
	}
	return v
}

// finishReport reads the filters and the segment, counts with results
// and renders the report; refused parameters render the form with an
// error summary and no figures (400).
func (p *pages) finishReport(c *gin.Context, v *reportView, q *engine.Questionnaire, results func(engine.ResultsQuery) (*engine.Results, error)) {
	ctx := c.Request.Context()
	v.ClearURL = v.Action
	if v.Questionnaire != "" {
		v.ClearURL = groupReportPath(strings.TrimPrefix(v.Action, "/work/reports/g/"), v.Questionnaire)
	}
	rq, chosen, errs := reportQuery(c, q.Definition, v.L)
	if len(errs) > 0 {
		v.Errors, v.Failed, v.Print = errs, true, false
		v.Title = v.L.T("report.title") + ": " + v.Heading
		p.render(c, http.StatusBadRequest, "report", *v)
		return
	}
	res, err := results(rq)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	all := res.Total
	if len(rq.AnyOf) > 0 { // else the results counted them all
		if all, err = p.eng.CountResponses(ctx, p.staffUser(c), q.ID); err != nil {
			p.staffFail(c, err)
			return
		}
	}
	v.Total, v.All, v.Chosen = res.Total, all, chosen
	if rq.Segment != "" {
		v.SegmentName = q.Definition.Question(rq.Segment).Text.In(v.L.Lang())
	}
	printable := url.Values{}
	for k, vals := range c.Request.URL.Query() {
		if k != "print" {
			printable[k] = vals
		}
	}
	v.BackURL = v.Action
	if len(printable) > 0 {
		v.BackURL += "?" + printable.Encode()
	}
	printable.Set("print", "1")
	v.PrintURL = v.Action + "?" + printable.Encode()
	mayCode := func(qid string) bool {
		ok, err := p.eng.MayReadText(ctx, p.staffUser(c), q.Definition, qid)
		return err == nil && ok
	}
	v.Questions = newReportQuestions(v.L, q, res, mayCode)
	p.render(c, http.StatusOK, "report", *v)
}

// reportQuery reads ?filter=QID:VALUE (repeatable) and ?segment=QID and
// checks them against the definition. The values chosen of one question
// become one set of alternatives (engine.ResultsQuery.AnyOf): "aged 66–80
// or over 80"; sets of different questions must all hold. It returns the
// filters in words, or the errors of refused parameters in the page's
// language.
func reportQuery(c *gin.Context, def *forms.Definition, l *i18n.Printer) (engine.ResultsQuery, []string, []errorView) {
	lang := l.Lang()
	var rq engine.ResultsQuery
	var errs []errorView
	refuse := func(key string, args ...any) {
		errs = append(errs, errorView{InputID: "filters", Message: l.T(key, args...)})
	}
	if seg := c.Query("segment"); seg != "" {
		if sq := def.Question(seg); sq == nil || sq.Type != forms.TypeChoice {
			field := "segment"
			if len(def.Segments) == 0 {
				field = "filters" // the form has no segment select
			}
			errs = append(errs, errorView{InputID: field, Message: l.T("report.error.segment", seg)})
		} else {
			rq.Segment = seg
		}
	}
	sets := map[string]int{} // question -> index in rq.AnyOf
	var words [][]string
	for _, s := range c.QueryArray("filter") {
		qid, value, ok := strings.Cut(s, ":")
		fq := def.Question(qid)
		switch {
		case !ok || qid == "":
			refuse("report.error.filter_form", s)
			continue
		case fq == nil:
			refuse("report.error.no_question", qid)
			continue
		case fq.Type == forms.TypeText:
			refuse("report.error.text_filter", fq.Text.In(lang))
			continue
		}
		label := value
		if fq.Type == forms.TypeScale || fq.Type == forms.TypeNumber {
			n, err := strconv.ParseFloat(value, 64)
			if err != nil {
				refuse("report.error.number", fq.Text.In(lang), value)
				continue
			}
			label = l.Number(forms.FormatNumber(n))
		} else if o := fq.Option(value); o == nil {
			refuse("report.error.no_option", fq.Text.In(lang), value)
			continue
		} else {
			label = o.Label.In(lang)
		}
		i, seen := sets[qid]
		if !seen {
			i = len(rq.AnyOf)
			sets[qid] = i
			rq.AnyOf = append(rq.AnyOf, nil)
			words = append(words, []string{fq.Text.In(lang)})
		}
		rq.AnyOf[i] = append(rq.AnyOf[i], engine.Filter{Question: qid, Value: value})
		words[i] = append(words[i], label)
	}
	var chosen []string
	for _, w := range words {
		chosen = append(chosen, l.T("report.filter_words", w[0], strings.Join(w[1:], l.T("report.or"))))
	}
	return rq, chosen, errs
}
