package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// windowView is the part of the editor about when a questionnaire takes
// responses, and the actions on a stored questionnaire.
type windowView struct {
	State, Text        string
	OpensAt, ClosesAt  string // as datetime-local inputs take them, Prague time
	OpensErr, CloseErr string
	CanOpen, CanClose  bool
	PreviewURL         string
	OpenURL, CloseURL  string
	CopyURL, PublicURL string
}

// localInput is the datetime-local format.
const localInput = "2006-01-02T15:04"

func (p *pages) newWindowView(L *i18n.Printer, q *engine.Questionnaire) *windowView {
	state := windowState(q, p.eng.Now())
	w := &windowView{State: L.T("qs.state." + state), Text: windowText(L, q),
		CanOpen: state != "open", CanClose: state == "open",
		PreviewURL: workQuestionnairePath(q.ID) + "/preview/1", OpenURL: workQuestionnairePath(q.ID) + "/open",
		CloseURL: workQuestionnairePath(q.ID) + "/close", CopyURL: workQuestionnairePath(q.ID) + "/copy",
		PublicURL: startPath(q.ID)}
	if t := q.Definition.OpensAt; t != nil {
		w.OpensAt = t.In(prague).Format(localInput)
	}
	if t := q.Definition.ClosesAt; t != nil {
		w.ClosesAt = t.In(prague).Format(localInput)
	}
	return w
}

// parseLocal reads a datetime-local value in Prague time; "" is no time.
func parseLocal(s string) (*time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	t, err := time.ParseInLocation(localInput, s, prague)
	if err != nil {
		if t, err = time.ParseInLocation("2006-01-02T15:04:05", s, prague); err != nil {
			return nil, false
		}
	}
	t = t.UTC()
	return &t, true
}

// questionnaireWindow answers POST /work/questionnaires/ID/window.
func (p *pages) questionnaireWindow(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := p.eng.FindQuestionnaire(ctx, c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	v := p.editView(c, q, engine.SourceOf(q))
	w := v.Window
	w.OpensAt, w.ClosesAt = c.PostForm("opens_at"), c.PostForm("closes_at")
	opens, ok1 := parseLocal(w.OpensAt)
	closes, ok2 := parseLocal(w.ClosesAt)
	version, verr := strconv.Atoi(c.PostForm("version"))
	if verr != nil {
		p.message(c, http.StatusBadRequest, "msg.bad_request", workQuestionnairePath(q.ID), "qs.edit.back")
		return
	}
	if !ok1 {
		w.OpensErr = v.L.T("qs.error.datetime")
		v.Errors = append(v.Errors, errorView{InputID: "opens_at", Message: w.OpensErr})
	}
	if !ok2 {
		w.CloseErr = v.L.T("qs.error.datetime")
		v.Errors = append(v.Errors, errorView{InputID: "closes_at", Message: w.CloseErr})
	}
	if len(v.Errors) == 0 {
		_, err = p.eng.SetQuestionnaireWindow(ctx, p.staffUser(c), q.ID, opens, closes, version)
		if err == nil {
			redirect(c, workQuestionnairePath(q.ID)+"?saved=1")
			return
		}
		if engine.ErrorCode(err) != engine.EINVALID {
			p.staffFail(c, err)
			return
		}
		w.CloseErr = v.L.T("qs.error.window_order")
		v.Errors = append(v.Errors, errorView{InputID: "closes_at", Message: w.CloseErr})
	}
	p.render(c, http.StatusUnprocessableEntity, "questionnaire_edit", v)
}

// questionnaireConfirm answers GET /work/questionnaires/ID/open and
// /close: a page that says what will happen, with the button that does it.
func (p *pages) questionnaireConfirm(what string) gin.HandlerFunc {
	return func(c *gin.Context) {
		q, err := p.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
		if err != nil {
			p.staffFail(c, err)
			return
		}
		p.renderConfirm(c, http.StatusOK, what, q)
	}
}

func (p *pages) renderConfirm(c *gin.Context, status int, what string, q *engine.Questionnaire) {
	b := p.staffBase(c, "qs."+what+".title")
	title := q.Definition.Title.In(b.L.Lang())
	v := confirmView{pageBase: b, Heading: b.L.T("qs." + what + ".title"), Text: b.L.T("qs."+what+".text", title),
		Action: workQuestionnairePath(q.ID) + "/" + what, Button: b.L.T("qs." + what + ".button"),
		Back: workQuestionnairePath(q.ID), Version: q.Version}
	p.render(c, status, "questionnaire_confirm", v)
}

// questionnaireOpenClose answers POST /work/questionnaires/ID/open and
// /close from their confirmation page.
func (p *pages) questionnaireOpenClose(what string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		q, err := p.eng.FindQuestionnaire(ctx, c.Param("id"))
		if err != nil {
			p.staffFail(c, err)
			return
		}
		version, verr := strconv.Atoi(c.PostForm("version"))
		if verr != nil || c.PostForm("confirm") != "yes" {
			// Not from the confirmation page: ask there.
			p.renderConfirm(c, http.StatusBadRequest, what, q)
			return
		}
		if what == "open" {
			_, err = p.eng.OpenQuestionnaireNow(ctx, p.staffUser(c), q.ID, version)
		} else {
			_, err = p.eng.CloseQuestionnaireNow(ctx, p.staffUser(c), q.ID, version)
		}
		if err != nil {
			p.staffFail(c, err)
			return
		}
		redirect(c, workQuestionnairePath(q.ID)+"?saved=1")
	}
}

// copyView is the form that starts a new cycle from a questionnaire.
type copyView struct {
	pageBase
	ID, Title, Action, Back    string
	NewID, OpensAt, ClosesAt   string
	IDErr, OpensErr, ClosesErr string
}

// questionnaireCopyForm answers GET /work/questionnaires/ID/copy.
func (p *pages) questionnaireCopyForm(c *gin.Context) {
	q, err := p.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	p.render(c, http.StatusOK, "questionnaire_copy", p.copyView(c, q))
}

func (p *pages) copyView(c *gin.Context, q *engine.Questionnaire) copyView {
	b := p.staffBase(c, "qs.copy.title")
	return copyView{pageBase: b, ID: q.ID, Title: q.Definition.Title.In(b.L.Lang()),
		Action: workQuestionnairePath(q.ID) + "/copy", Back: workQuestionnairePath(q.ID)}
}

// questionnaireCopy answers POST /work/questionnaires/ID/copy.
func (p *pages) questionnaireCopy(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := p.eng.FindQuestionnaire(ctx, c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	v := p.copyView(c, q)
	v.NewID = strings.TrimSpace(c.PostForm("new_id"))
	v.OpensAt, v.ClosesAt = c.PostForm("opens_at"), c.PostForm("closes_at")
	opens, ok1 := parseLocal(v.OpensAt)
	closes, ok2 := parseLocal(v.ClosesAt)
	if v.NewID == "" {
		v.IDErr = v.L.T("qs.error.new_id")
	}
	if !ok1 {
		v.OpensErr = v.L.T("qs.error.datetime")
	}
	if !ok2 {
		v.ClosesErr = v.L.T("qs.error.datetime")
	}
	if v.IDErr == "" && ok1 && ok2 {
		created, err := p.eng.CopyQuestionnaire(ctx, p.staffUser(c), q.ID, v.NewID, opens, closes)
		if err == nil {
			redirect(c, workQuestionnairePath(created.ID)+"?saved=1")
			return
		}
		var e *engine.Error
		switch {
		case engine.ErrorCode(err) == engine.ECONFLICT:
			v.IDErr = v.L.T("qs.error.id_exists", v.NewID)
		case errors.As(err, &e) && e.Code == engine.EINVALID:
			for _, f := range e.Fields {
				switch {
				case f.Field == "id":
					v.IDErr = v.L.T("qs.error.new_id_format")
				case f.Field == "closes_at" || f.Field == "opens_at":
					v.ClosesErr = v.L.T("qs.error.window_order")
				}
			}
			if v.IDErr == "" && v.ClosesErr == "" {
				v.IDErr = engineText(v.L, e)
			}
		default:
			p.staffFail(c, err)
			return
		}
	}
	for _, e := range []struct{ id, msg string }{{"new_id", v.IDErr}, {"opens_at", v.OpensErr}, {"closes_at", v.ClosesErr}} {
		if e.msg != "" {
			v.Errors = append(v.Errors, errorView{InputID: e.id, Message: e.msg})
		}
	}
	p.render(c, http.StatusUnprocessableEntity, "questionnaire_copy", v)
}
