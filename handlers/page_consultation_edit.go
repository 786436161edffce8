package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// Creating and editing a consultation without JavaScript: the form has
// rows of sections, and buttons that add a row, remove one or move one
// up or down come back with the form changed and nothing saved.
func registerStaffConsultationEdit(st *gin.RouterGroup, p *pages) {
	st.GET("/consultations/new", p.consultationNew)
	st.POST("/consultations/new", p.guardForm, p.consultationCreate)
	st.GET("/consultations/:id/edit", p.consultationEdit)
	st.POST("/consultations/:id/edit", p.guardForm, p.consultationUpdate)
}

// emptySectionRows is how many empty rows a new consultation starts with.
const emptySectionRows = 3

// maxSectionRows bounds the rows a form may post.
const maxSectionRows = 200

// dateTimeLayout is the value of <input type="datetime-local">, read in
// Prague time.
const dateTimeLayout = "2006-01-02T15:04"

type consultationForm struct {
	ID, Title, OpensAt, ClosesAt string
	Version                      int
	Sections                     []sectionRow
}

type sectionRow struct {
	N, Number         int // the row's index (for input ids) and number
	ID, Title, Text   string
	Comments          int
	First, Last, Only bool
}

type consultationEditView struct {
	staffForm
	New      bool
	Action   string
	State    string
	Open     bool // only wording may change
	Form     consultationForm
	Notice   string
	Existing []consultationLink // on the page of a new one: those to edit
}

type consultationLink struct{ ID, Title, URL string }

func consultationEditPath(id string) string {
	return "/work/consultations/" + url.PathEscape(id) + "/edit"
}

func (p *pages) consultationNew(c *gin.Context) {
	if err := coordinatorOnly(p.staffUser(c)); err != nil {
		p.staffFail(c, err)
		return
	}
	form := consultationForm{Sections: make([]sectionRow, emptySectionRows)}
	p.renderConsultationEdit(c, http.StatusOK, nil, form, nil, "")
}

func (p *pages) consultationEdit(c *gin.Context) {
	if err := coordinatorOnly(p.staffUser(c)); err != nil {
		p.staffFail(c, err)
		return
	}
	cons, err := p.eng.FindConsultation(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	form := consultationForm{ID: cons.ID, Title: cons.Title, Version: cons.Version,
		OpensAt: cons.OpensAt.In(prague).Format(dateTimeLayout), ClosesAt: cons.ClosesAt.In(prague).Format(dateTimeLayout)}
	for _, s := range cons.Sections {
		form.Sections = append(form.Sections, sectionRow{ID: s.ID, Title: s.Title, Text: s.Text})
	}
	notice := ""
	if c.Query("saved") != "" {
		notice = "consultation_edit.saved"
	}
	p.renderConsultationEdit(c, http.StatusOK, cons, form, nil, notice)
}

// renderConsultationEdit shows the form; cons is nil for a new one.
func (p *pages) renderConsultationEdit(c *gin.Context, status int, cons *engine.Consultation, form consultationForm, err error, notice string) {
	title := "consultation_edit.new_title"
	if cons != nil {
		title = "consultation_edit.edit_title"
	}
	b := p.staffBase(c, title)
	v := consultationEditView{staffForm: staffForm{pageBase: b}, New: cons == nil, Action: "/work/consultations/new"}
	if notice != "" {
		v.Notice = b.L.T(notice)
	}
	if cons == nil {
		all, lerr := p.eng.ListConsultations(c.Request.Context())
		if lerr != nil {
			p.staffFail(c, lerr)
			return
		}
		for _, o := range all {
			v.Existing = append(v.Existing, consultationLink{ID: o.ID, Title: o.Title, URL: consultationEditPath(o.ID)})
		}
	}
	if cons != nil {
		v.Action = consultationEditPath(cons.ID)
		state := cons.State(p.eng.Now())
		v.State, v.Open = b.L.T("consultation_edit.state."+state), state != engine.StateScheduled
		used, uerr := p.eng.SectionsWithComments(c.Request.Context(), p.staffUser(c), cons.ID)
		if uerr != nil {
			p.staffFail(c, uerr)
			return
		}
		for i := range form.Sections {
			form.Sections[i].Comments = used[form.Sections[i].ID]
		}
	}
	for i := range form.Sections {
		form.Sections[i].N, form.Sections[i].Number, form.Sections[i].First, form.Sections[i].Last = i, i+1, i == 0, i == len(form.Sections)-1
		form.Sections[i].Only = len(form.Sections) == 1
	}
	v.Form = form
	if err != nil {
		labels := map[string]string{"id": b.L.T("consultation_edit.id"), "title": b.L.T("consultation_edit.title"),
			"opens_at": b.L.T("consultation_edit.opens_at"), "closes_at": b.L.T("consultation_edit.closes_at"),
			"sections": b.L.T("consultation_edit.sections")}
		for i := range form.Sections {
			n := strconv.Itoa(i + 1)
			labels["sections-"+strconv.Itoa(i)+"-id"] = b.L.T("consultation_edit.section_id_n", n)
			labels["sections-"+strconv.Itoa(i)+"-title"] = b.L.T("consultation_edit.section_title_n", n)
			labels["sections-"+strconv.Itoa(i)+"-text"] = b.L.T("consultation_edit.section_text_n", n)
		}
		if engine.ErrorCode(err) == engine.ECONFLICT {
			v.addError(&v.staffForm.pageBase, "id", labels["id"], b.L.T("consultation_edit.err.conflict"))
		} else {
			v.formState = fieldErrors(&v.staffForm.pageBase, "consultation_edit", err, labels)
		}
	}
	p.render(c, status, "consultation_edit", v)
}

// readConsultationForm reads the form and applies a row button (add,
// remove, up, down); it reports whether one was pressed.
func readConsultationForm(c *gin.Context) (consultationForm, bool) {
	form := consultationForm{ID: strings.TrimSpace(c.PostForm("id")), Title: c.PostForm("title"),
		OpensAt: c.PostForm("opens_at"), ClosesAt: c.PostForm("closes_at")}
	form.Version, _ = strconv.Atoi(c.PostForm("version"))
	ids, titles, texts := c.PostFormArray("section_id"), c.PostFormArray("section_title"), c.PostFormArray("section_text")
	for i := 0; i < len(ids) && i < maxSectionRows; i++ {
		row := sectionRow{ID: strings.TrimSpace(ids[i])}
		if i < len(titles) {
			row.Title = titles[i]
		}
		if i < len(texts) {
			row.Text = texts[i]
		}
		form.Sections = append(form.Sections, row)
	}
	op, arg, _ := strings.Cut(c.PostForm("op"), ":")
	n, err := strconv.Atoi(arg)
	valid := err == nil && n >= 0 && n < len(form.Sections)
	s := form.Sections
	switch {
	case op == "add" && len(s) < maxSectionRows:
		form.Sections = append(s, sectionRow{})
	case op == "remove" && valid:
		form.Sections = append(s[:n:n], s[n+1:]...)
	case op == "up" && valid && n > 0:
		s[n-1], s[n] = s[n], s[n-1]
	case op == "down" && valid && n < len(s)-1:
		s[n+1], s[n] = s[n], s[n+1]
	default:
		return form, false
	}
	return form, true
}

// input turns the form into the engine's input; empty rows are left
// out, and a date that does not parse stays zero (the engine names it).
func (form consultationForm) input() (engine.ConsultationInput, []engine.FieldError) {
	in := engine.ConsultationInput{ID: form.ID, Title: form.Title}
	var bad []engine.FieldError
	for field, v := range map[string]struct {
		text string
		t    *time.Time
	}{"opens_at": {form.OpensAt, &in.OpensAt}, "closes_at": {form.ClosesAt, &in.ClosesAt}} {
		if strings.TrimSpace(v.text) == "" {
			continue
		}
		t, err := time.ParseInLocation(dateTimeLayout, strings.TrimSpace(v.text), prague)
		if err != nil {
			bad = append(bad, engine.FieldError{Field: field, Message: "Enter a date and time."})
			continue
		}
		*v.t = t
	}
	for _, s := range form.Sections {
		if s.ID == "" && strings.TrimSpace(s.Title) == "" && strings.TrimSpace(s.Text) == "" {
			continue
		}
		in.Sections = append(in.Sections, engine.SectionInput{ID: s.ID, Title: s.Title, Text: s.Text})
	}
	return in, bad
}

// withDateErrors adds the errors of dates that do not parse to err, in
// the engine's shape.
func withDateErrors(err error, bad []engine.FieldError) error {
	if len(bad) == 0 {
		return err
	}
	fields := bad
	var e *engine.Error
	if asEngineError(err, &e) && e.Code == engine.EINVALID {
		for _, f := range e.Fields {
			if f.Field != "opens_at" && f.Field != "closes_at" {
				fields = append(fields, f)
			}
		}
	}
	return engine.Invalid("The consultation is not valid.", fields...)
}

func (p *pages) consultationCreate(c *gin.Context) {
	form, rowOp := readConsultationForm(c)
	if rowOp {
		p.renderConsultationEdit(c, http.StatusOK, nil, form, nil, "")
		return
	}
	in, bad := form.input()
	_, err := p.eng.CreateConsultation(c.Request.Context(), p.staffUser(c), in)
	if err == nil && len(bad) > 0 {
		err = withDateErrors(nil, bad) // unreachable: a zero date fails in the engine
	}
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, consultationEditPath(in.ID)+"?saved=1")
	case engine.EINVALID, engine.ECONFLICT:
		p.renderConsultationEdit(c, http.StatusUnprocessableEntity, nil, form, mapSectionFields(withDateErrors(err, bad), form), "")
	default:
		p.staffFail(c, err)
	}
}

func (p *pages) consultationUpdate(c *gin.Context) {
	cons, err := p.eng.FindConsultation(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	form, rowOp := readConsultationForm(c)
	form.ID = cons.ID
	if rowOp {
		p.renderConsultationEdit(c, http.StatusOK, cons, form, nil, "")
		return
	}
	in, bad := form.input()
	_, err = p.eng.UpdateConsultation(c.Request.Context(), p.staffUser(c), cons.ID, form.Version, in)
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, consultationEditPath(cons.ID)+"?saved=1")
	case engine.EINVALID:
		p.renderConsultationEdit(c, http.StatusUnprocessableEntity, cons, form, mapSectionFields(withDateErrors(err, bad), form), "")
	case engine.ECONFLICT:
		fresh, ferr := p.eng.FindConsultation(c.Request.Context(), cons.ID)
		if ferr != nil || fresh.State(p.eng.Now()) == engine.StatePublished {
			p.staffFail(c, err)
			return
		}
		// Changed meanwhile: what this person typed stays, under the
		// current version, so that saving again is a deliberate choice.
		form.Version = fresh.Version
		p.renderConsultationEdit(c, http.StatusConflict, fresh, form, err, "")
	default:
		p.staffFail(c, err)
	}
}

// mapSectionFields renames the engine's section indexes (which skip
// empty rows) to the form's row indexes.
func mapSectionFields(err error, form consultationForm) error {
	var e *engine.Error
	if !asEngineError(err, &e) || e.Code != engine.EINVALID {
		return err
	}
	var rows []int
	for i, s := range form.Sections {
		if s.ID != "" || strings.TrimSpace(s.Title) != "" || strings.TrimSpace(s.Text) != "" {
			rows = append(rows, i)
		}
	}
	out := *e // the same error but for the fields' names
	out.Fields = nil
	for _, f := range e.Fields {
		if m := indexPattern.FindStringSubmatchIndex(f.Field); m != nil && strings.HasPrefix(f.Field, "sections[") {
			k, _ := strconv.Atoi(f.Field[m[2]:m[3]])
			if k < len(rows) {
				f.Field = "sections[" + strconv.Itoa(rows[k]) + "]" + f.Field[m[1]:]
			}
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}
