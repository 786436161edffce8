package handlers

import (
	"errors"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/i18n"
)

// questionnaireEditView is the editor of a definition: a text area (or a
// file to upload), the checker's problems against their lines, and for a
// stored questionnaire its window and actions.
type questionnaireEditView struct {
	pageBase
	New        bool
	ID         string
	Action     string
	Definition string
	Version    int
	Problems   []problemView
	Checked    bool // checked on request, and fine
	Saved      bool
	Window     *windowView
}

// problemView is one problem of the checker, with the line it is about.
type problemView struct {
	ID       string // the anchor the error summary links to
	Line     int
	Source   string // the line as typed
	Message  string
	Warning  bool
	LineText string // "Line 12" in the page's language
}

// questionnaireNew answers GET /work/questionnaires/new.
func (p *pages) questionnaireNew(c *gin.Context) {
	b := p.staffBase(c, "qs.new.title")
	p.render(c, http.StatusOK, "questionnaire_edit", questionnaireEditView{pageBase: b, New: true, Action: "/work/questionnaires"})
}

// questionnaireEdit answers GET /work/questionnaires/ID: its source to
// edit, its window and what can be done with it.
func (p *pages) questionnaireEdit(c *gin.Context) {
	q, err := p.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	v := p.editView(c, q, engine.SourceOf(q))
	v.Saved = c.Query("saved") != ""
	p.render(c, http.StatusOK, "questionnaire_edit", v)
}

func (p *pages) editView(c *gin.Context, q *engine.Questionnaire, text string) questionnaireEditView {
	b := p.staffBase(c, "qs.edit.title")
	b.Title = b.L.T("qs.edit.title") + " " + q.ID
	v := questionnaireEditView{pageBase: b, ID: q.ID, Action: workQuestionnairePath(q.ID), Definition: text, Version: q.Version}
	v.Window = p.newWindowView(b.L, q)
	return v
}

// maxDefinitionBytes bounds an uploaded or pasted definition.
const maxDefinitionBytes = 512 << 10

// postedDefinition returns the definition sent: the uploaded file when
// one was chosen, else the text area; and its format.
func postedDefinition(c *gin.Context) (text, format string, err error) {
	format = "yaml"
	if fh, ferr := c.FormFile("file"); ferr == nil && fh.Size > 0 {
		if fh.Size > maxDefinitionBytes {
			return "", "", errTooLarge
		}
		f, err := fh.Open()
		if err != nil {
			return "", "", err
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, maxDefinitionBytes+1))
		if err != nil {
			return "", "", err
		}
		if strings.EqualFold(path.Ext(fh.Filename), ".json") {
			format = "json"
		}
		return string(data), format, nil
	}
	return strings.ReplaceAll(c.PostForm("definition"), "\r\n", "\n"), format, nil
}

var errTooLarge = errors.New("the file is too large")

// questionnaireCreate answers POST /work/questionnaires: check the
// definition (and only check, for the Check button) and store it.
func (p *pages) questionnaireCreate(c *gin.Context) {
	b := p.staffBase(c, "qs.new.title")
	v := questionnaireEditView{pageBase: b, New: true, Action: "/work/questionnaires"}
	text, format, err := postedDefinition(c)
	if err != nil {
		p.definitionUnreadable(c, v, err)
		return
	}
	v.Definition = text
	if strings.TrimSpace(text) == "" {
		v.Problems = []problemView{{ID: "definition", Message: b.L.T("qs.error.empty")}}
		v.Errors = []errorView{{InputID: "definition", Message: b.L.T("qs.error.empty")}}
		p.render(c, http.StatusUnprocessableEntity, "questionnaire_edit", v)
		return
	}
	if c.PostForm("action") == "check" {
		p.renderChecked(c, v, text, format)
		return
	}
	q, warnings, err := p.eng.CreateQuestionnaire(c.Request.Context(), p.staffUser(c), []byte(text), format)
	if err != nil {
		p.definitionRefused(c, v, err, warnings)
		return
	}
	redirect(c, workQuestionnairePath(q.ID)+"?saved=1")
}

// questionnaireSave answers POST /work/questionnaires/ID: the edited
// definition replaces the stored one, unless it has errors, someone
// changed it meanwhile, or it would lose answers given.
func (p *pages) questionnaireSave(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := p.eng.FindQuestionnaire(ctx, c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	text, format, err := postedDefinition(c)
	v := p.editView(c, q, text)
	if err != nil {
		p.definitionUnreadable(c, v, err)
		return
	}
	version, verr := strconv.Atoi(c.PostForm("version"))
	if verr != nil {
		p.message(c, http.StatusBadRequest, "msg.bad_request", workQuestionnairePath(q.ID), "qs.edit.back")
		return
	}
	v.Version = version
	if c.PostForm("action") == "check" {
		p.renderChecked(c, v, text, format)
		return
	}
	_, warnings, err := p.eng.UpdateQuestionnaire(ctx, p.staffUser(c), q.ID, []byte(text), format, version)
	if err != nil {
		p.definitionRefused(c, v, err, warnings)
		return
	}
	redirect(c, workQuestionnairePath(q.ID)+"?saved=1")
}

// renderChecked shows what the checker finds in text, saving nothing.
func (p *pages) renderChecked(c *gin.Context, v questionnaireEditView, text, format string) {
	_, problems := forms.Parse([]byte(text), format)
	v.Problems = problemViews(v.L, text, problems)
	v.Errors = problemErrors(v.Problems)
	v.Checked = len(v.Errors) == 0
	status := http.StatusOK
	if !v.Checked {
		status = http.StatusUnprocessableEntity
	}
	p.render(c, status, "questionnaire_edit", v)
}

// definitionRefused shows why the engine refused the definition, with
// the text kept as typed.
func (p *pages) definitionRefused(c *gin.Context, v questionnaireEditView, err error, warnings []forms.Problem) {
	var e *engine.Error
	if !errors.As(err, &e) || (e.Code != engine.EINVALID && e.Code != engine.ECONFLICT) {
		p.staffFail(c, err)
		return
	}
	problems := append([]forms.Problem{}, warnings...)
	for _, f := range e.Fields {
		problems = append(problems, forms.Problem{Line: f.Line, Field: f.Field, Message: f.Message, Format: f.Format, Args: f.Args})
	}
	if len(e.Fields) == 0 {
		format, args := e.Text()
		problems = append(problems, forms.Problem{Message: e.Message, Format: format, Args: args})
	}
	slices.SortStableFunc(problems, func(a, b forms.Problem) int { return a.Line - b.Line })
	v.Problems = problemViews(v.L, v.Definition, problems)
	v.Errors = problemErrors(v.Problems)
	if len(e.Fields) > 0 && e.Code == engine.EINVALID && !strings.Contains(e.Message, "definition has errors") {
		// Not the checker's: the engine's own reason (answers would be lost, the id changed).
		v.Errors = append([]errorView{{InputID: "definition", Message: engineText(v.L, e)}}, v.Errors...)
	}
	status := http.StatusUnprocessableEntity
	if e.Code == engine.ECONFLICT {
		status = http.StatusConflict
	}
	p.render(c, status, "questionnaire_edit", v)
}

// definitionUnreadable answers an upload that could not be read.
func (p *pages) definitionUnreadable(c *gin.Context, v questionnaireEditView, err error) {
	msg := v.L.T("qs.error.unreadable")
	status := http.StatusBadRequest
	if errors.Is(err, errTooLarge) {
		msg, status = v.L.T("qs.error.too_large", maxDefinitionBytes>>10), http.StatusRequestEntityTooLarge
	}
	v.Errors = []errorView{{InputID: "file", Message: msg}}
	p.render(c, status, "questionnaire_edit", v)
}

// problemViews pairs each problem, in L's language, with the line of
// text it concerns.
func problemViews(L *i18n.Printer, text string, problems []forms.Problem) []problemView {
	lines := strings.Split(text, "\n")
	out := make([]problemView, 0, len(problems))
	for i, pr := range problems {
		v := problemView{ID: "problem-" + strconv.Itoa(i+1), Line: pr.Line, Message: L.Translate(pr), Warning: pr.Warning}
		if pr.Line > 0 && pr.Line <= len(lines) {
			v.Source = strings.TrimRight(lines[pr.Line-1], " \t\r")
			v.LineText = L.T("qs.line", pr.Line)
		}
		out = append(out, v)
	}
	return out
}

// problemErrors are the error summary's entries: each error links to
// its problem, shown against its line next to the text area.
func problemErrors(problems []problemView) []errorView {
	var out []errorView
	for _, pr := range problems {
		if pr.Warning {
			continue
		}
		out = append(out, errorView{InputID: pr.ID, Question: pr.LineText, Message: pr.Message})
	}
	return out
}
