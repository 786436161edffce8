package handlers

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// workCommentView is one comment for the staff: what was written, by
// whom, where it stands, its history, and the forms to triage and decide.
type workCommentView struct {
	pageBase
	ID, Reference, ConsultationTitle, CommentsURL string
	Section, Text, Created                        string
	Author                                        engine.Author
	ShowEmail                                     bool
	State, Relevance, Groups, Outcome, Response   string
	History                                       []historyRow
	Version                                       int
	CanTriage, CanDecide, Published               bool
	Triage                                        triageForm
	Decision                                      decisionForm
	Conflict, Notice                              string
}

type historyRow struct{ At, Who, From, To, Note string }

// decisionForm is the outcome and the response of a relevant comment.
type decisionForm struct {
	L        *i18n.Printer
	Outcomes []choiceOption
	Answer   string
	Errors   map[string]string // by key: outcome, answer
}

// workComment answers GET /work/comments/{id}.
func (p *pages) workComment(c *gin.Context) {
	p.renderComment(c, http.StatusOK, nil, nil, nil)
}

// workCommentTriage answers POST /work/comments/{id}/triage: back to the
// comment (303), or the page again with the errors (422) or, when
// somebody changed the comment meanwhile, its current state and the
// triage as typed (409).
func (p *pages) workCommentTriage(c *gin.Context) {
	in := readTriage(c.Request.PostForm)
	_, err := p.eng.TriageComment(c.Request.Context(), p.staffUser(c), c.Param("id"),
		engine.TriageInput{Relevance: in.Relevance, Groups: in.Groups, Response: in.Reason, Version: formVersion(c)})
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, workCommentPath(c.Param("id"))+"?saved=triage")
	case engine.EINVALID:
		p.renderComment(c, http.StatusUnprocessableEntity, &in, nil, err)
	case engine.ECONFLICT:
		p.renderComment(c, http.StatusConflict, &in, nil, err)
	default:
		p.staffFail(c, err)
	}
}

// decisionInput is a decision as typed.
type decisionInput struct{ Outcome, Answer string }

// workCommentDecide answers POST /work/comments/{id}/decision, as
// workCommentTriage does.
func (p *pages) workCommentDecide(c *gin.Context) {
	in := decisionInput{Outcome: c.PostForm("outcome"), Answer: c.PostForm("response")}
	_, err := p.eng.DecideComment(c.Request.Context(), p.staffUser(c), c.Param("id"),
		engine.DecisionInput{Outcome: in.Outcome, Response: in.Answer, Version: formVersion(c)})
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, workCommentPath(c.Param("id"))+"?saved=decision")
	case engine.EINVALID:
		p.renderComment(c, http.StatusUnprocessableEntity, nil, &in, err)
	case engine.ECONFLICT:
		p.renderComment(c, http.StatusConflict, nil, &in, err)
	default:
		p.staffFail(c, err)
	}
}

// renderComment draws the comment as it is stored now, with the triage
// or decision as typed when one came back, and its problem.
func (p *pages) renderComment(c *gin.Context, status int, triage *triageInput, decision *decisionInput, problem error) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	cm, err := p.eng.FindComment(ctx, u, c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	cons, err := p.eng.FindConsultation(ctx, cm.ConsultationID)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "cp.comment.title")
	L := b.L
	b.Title = L.T("cp.comment.title_ref", cm.Reference)
	published := cons.PublishedAt != nil
	v := workCommentView{pageBase: b, ID: cm.ID, Reference: cm.Reference, ConsultationTitle: cons.Title,
		CommentsURL: workCommentsPath(cons.ID), Section: sectionTitle(L, cons, cm.Section), Text: cm.Text,
		Created: L.Date(cm.CreatedAt.In(prague)) + " " + cm.CreatedAt.In(prague).Format("15:04"),
		Author:  cm.Author, ShowEmail: u.Role != engine.RoleMember, State: L.T("cp.comment_state." + cm.State),
		Response: cm.Response, Version: cm.Version, Published: published}
	if cm.Relevance != "" {
		v.Relevance = L.T("cp.relevance." + cm.Relevance)
	}
	if cm.Outcome != "" {
		v.Outcome = L.T("cp.outcome." + cm.Outcome)
	}
	v.CanTriage = u.Role != engine.RoleMember && !published
	v.CanDecide = !published && cm.Relevance == engine.Relevant && p.eng.CanDecide(ctx, u, cm)
	if err := p.fillHistory(c, &v, cm); err != nil {
		p.staffFail(c, err)
		return
	}
	// The forms start from the stored comment, or from what was typed.
	tin := triageInput{Relevance: cm.Relevance, Groups: cm.Groups, Reason: cm.Response}
	if cm.Relevance != engine.NotRelevant {
		tin.Reason = ""
	}
	if triage != nil {
		tin = *triage
	}
	if v.Triage, err = p.newTriageForm(ctx, L, u, tin); err != nil {
		p.staffFail(c, err)
		return
	}
	din := decisionInput{Outcome: cm.Outcome}
	if cm.State == engine.CommentDecided {
		din.Answer = cm.Response
	}
	if decision != nil {
		din = *decision
	}
	v.Groups = groupNames(cm.Groups, v.Triage.Groups)
	v.Decision = newDecisionForm(L, din)
	switch {
	case engine.ErrorCode(problem) == engine.ECONFLICT:
		v.Conflict = L.T("cp.comment.conflict")
	case triage != nil:
		v.Errors = triageErrors(L, problem, tin, &v.Triage)
	case decision != nil:
		v.Errors = decisionErrors(L, problem, din, &v.Decision)
	}
	if c.Query("saved") != "" && status == http.StatusOK {
		v.Notice = L.T("cp.comment.saved")
	}
	p.render(c, status, "work_comment", v)
}

// fillHistory lists the comment's changes: when, who, from, to.
func (p *pages) fillHistory(c *gin.Context, v *workCommentView, cm *engine.Comment) error {
	var ids []string
	for _, h := range cm.History {
		ids = append(ids, h.UserID)
	}
	names, err := p.eng.StaffNames(c.Request.Context(), p.staffUser(c), ids)
	if err != nil {
		return err
	}
	L := v.L
	for _, h := range cm.History {
		row := historyRow{At: L.Date(h.At.In(prague)) + " " + h.At.In(prague).Format("15:04"), Who: names[h.UserID],
			To: L.T("cp.comment_state." + h.To)}
		if h.UserID == "" {
			row.Who = L.T("cp.comment.history_public")
		}
		if h.From != "" {
			row.From = L.T("cp.comment_state." + h.From)
		}
		switch {
		case h.Note == engine.Relevant || h.Note == engine.NotRelevant:
			row.Note = L.T("cp.relevance." + h.Note)
		case h.Note != "":
			row.Note = L.T("cp.outcome." + h.Note)
		}
		v.History = append(v.History, row)
	}
	return nil
}

// OutcomeGroup is the decision's choice of an outcome.
func (f decisionForm) OutcomeGroup() choiceGroup {
	return choiceGroup{L: f.L, Name: "outcome", Legend: f.L.T("cp.decision.outcome"), Error: f.Errors["outcome"],
		Options: f.Outcomes}
}

func newDecisionForm(L *i18n.Printer, in decisionInput) decisionForm {
	f := decisionForm{L: L, Answer: in.Answer, Errors: map[string]string{}}
	for _, o := range engine.Outcomes {
		f.Outcomes = append(f.Outcomes, choiceOption{ID: "outcome-" + o, Value: o, Label: L.T("cp.outcome." + o), Checked: in.Outcome == o})
	}
	return f
}

// decisionErrors translates the engine's problems with a decision.
func decisionErrors(L *i18n.Printer, err error, in decisionInput, f *decisionForm) []errorView {
	var e *engine.Error
	if !errors.As(err, &e) || e.Code != engine.EINVALID {
		return nil
	}
	var out []errorView
	for _, fe := range e.Fields {
		switch fe.Field {
		case "outcome":
			f.Errors["outcome"] = L.T("cp.decision.error.outcome")
			out = append(out, errorView{InputID: "outcome-accepted", Question: L.T("cp.decision.outcome") + ":", Message: f.Errors["outcome"]})
		case "response":
			msg := L.T("cp.decision.error.answer")
			if n := utf8.RuneCountInString(strings.TrimSpace(in.Answer)); n > 0 {
				msg = L.N("consult.error.too_long", engine.MaxCommentLength, n)
			}
			f.Errors["answer"] = msg
			out = append(out, errorView{InputID: "answer", Question: L.T("cp.decision.answer") + ":", Message: msg})
		}
	}
	return out
}
