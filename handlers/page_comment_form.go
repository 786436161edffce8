package handlers

import (
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
	"github.com/triada-kpss/triada/richtext"
)

// commentFormView is the form a resident comments with: on the whole
// document, or on one section (quoted above the form).
type commentFormView struct {
	pageBase
	ConsultationTitle, DraftURL, Action string
	SectionTitle                        string // "" for the whole document
	SectionHTML                         template.HTML
	Period                              string
	In                                  commentInput
	Fields                              commentFields
}

// commentFields are the form's inputs, with what was typed and the errors.
type commentFields struct {
	Text, Name, Email, Municipality, Organisation formField
}

// commentInput is what the person typed, as typed.
type commentInput struct {
	Name, Email, Municipality, Organisation, Text string
	PublishName                                   bool
}

// Input ids of the comment form, in the order of the page.
const (
	inText         = "text"
	inName         = "name"
	inEmail        = "email"
	inMunicipality = "municipality"
	inOrganisation = "organisation"
)

// commentForm answers GET /c/{id}/comment and /c/{id}/s/{section}/comment:
// the empty form while the period is open, else why it is not.
func (p *pages) commentForm(c *gin.Context) {
	cons, section, ok := p.commentTarget(c)
	if !ok {
		return
	}
	p.renderCommentForm(c, http.StatusOK, cons, section, commentInput{}, nil)
}

// commentSubmit answers the form's POST: a comment is stored and the
// person sent to its confirmation (303); a bad one comes back with an
// error summary and everything typed (422).
func (p *pages) commentSubmit(c *gin.Context) {
	cons, section, ok := p.commentTarget(c)
	if !ok {
		return
	}
	in := commentInput{Name: c.PostForm(inName), Email: c.PostForm(inEmail), Municipality: c.PostForm(inMunicipality),
		Organisation: c.PostForm(inOrganisation), Text: c.PostForm(inText), PublishName: c.PostForm("publish_name") == "yes"}
	if ok, wait := p.comments.allow(c.ClientIP()); !ok {
		p.tooMany(c, wait)
		return
	}
	var sectionID string
	if section != nil {
		sectionID = section.ID
	}
	cm, err := p.eng.SubmitComment(c.Request.Context(), cons.ID, engine.CommentInput{Section: sectionID, Text: in.Text,
		Language: p.language(c), // of the receipt and the outcome e-mails
		Author: engine.AuthorInput{Name: in.Name, Email: in.Email, Municipality: in.Municipality,
			Organisation: in.Organisation, PublishName: in.PublishName}})
	var e *engine.Error
	switch {
	case errors.As(err, &e) && e.Code == engine.EINVALID:
		p.renderCommentForm(c, http.StatusUnprocessableEntity, cons, section, in, commentErrors(p.base(c, "").L, e, in))
	case engine.ErrorCode(err) == engine.ECONFLICT:
		p.commentsClosed(c, cons)
	case err != nil:
		p.fail(c, err, nil)
	default:
		redirect(c, commentSentPath(cons.ID, cm.ID))
	}
}

// commentTarget finds the consultation and the section of the path, and
// answers itself when either is unknown (404) or the period is not open
// (409, saying why).
func (p *pages) commentTarget(c *gin.Context) (*engine.Consultation, *engine.Section, bool) {
	cons, ok := p.findConsultation(c)
	if !ok {
		return nil, nil, false
	}
	var section *engine.Section
	if id := c.Param("section"); id != "" {
		if section = cons.Section(id); section == nil {
			p.message(c, http.StatusNotFound, "msg.not_found", consultationPath(cons.ID), "consult.back")
			return nil, nil, false
		}
	}
	if cons.State(p.eng.Now()) != engine.StateOpen {
		p.commentsClosed(c, cons)
		return nil, nil, false
	}
	return cons, section, true
}

// commentsClosed tells that comments are not taken now, and why.
func (p *pages) commentsClosed(c *gin.Context, cons *engine.Consultation) {
	L := p.base(c, "").L
	p.message(c, http.StatusConflict, "consult.closed", consultationPath(cons.ID), "consult.back",
		periodText(L, cons, cons.State(p.eng.Now())))
}

func (p *pages) renderCommentForm(c *gin.Context, status int, cons *engine.Consultation, section *engine.Section,
	in commentInput, errs []errorView) {
	b := p.base(c, "")
	b.CSRF = p.csrfToken(c)
	v := commentFormView{pageBase: b, ConsultationTitle: cons.Title, DraftURL: consultationPath(cons.ID),
		Period: periodText(b.L, cons, engine.StateOpen), In: in}
	v.Title = b.L.T("consult.form.whole", cons.Title)
	v.Action = commentFormPath(cons.ID, "")
	if section != nil {
		v.SectionTitle, v.SectionHTML = section.Title, richtext.Render(section.Text)
		v.Title = b.L.T("consult.form.section", section.Title)
		v.Action = commentFormPath(cons.ID, section.ID)
	}
	v.Errors = errs
	byInput := map[string]string{}
	for _, e := range errs {
		byInput[e.InputID] = e.Message
	}
	field := func(id, label, hint, value, kind, autocomplete string, optional bool) formField {
		f := formField{L: b.L, ID: id, Label: b.L.T(label), Value: value, Error: byInput[id], Kind: kind,
			Autocomplete: autocomplete, Optional: optional, Rows: 10}
		if hint != "" {
			f.Hint = b.L.T(hint)
		}
		return f
	}
	v.Fields = commentFields{
		Text:         field(inText, "consult.form.text", "consult.form.text_hint", in.Text, "textarea", "", false),
		Name:         field(inName, "consult.form.name", "", in.Name, "text", "name", false),
		Email:        field(inEmail, "consult.form.email", "consult.form.email_hint", in.Email, "email", "email", false),
		Municipality: field(inMunicipality, "consult.form.municipality", "", in.Municipality, "text", "address-level2", true),
		Organisation: field(inOrganisation, "consult.form.organisation", "consult.form.organisation_hint", in.Organisation, "text", "organization", true),
	}
	p.render(c, status, "comment_form", v)
}

// commentFields maps the engine's field names to the form's inputs and
// the catalog keys of their labels.
var commentFieldKeys = []struct{ field, input, label string }{
	{"text", inText, "consult.form.text"},
	{"author.name", inName, "consult.form.name"},
	{"author.email", inEmail, "consult.form.email"},
	{"author.municipality", inMunicipality, "consult.form.municipality"},
	{"author.organisation", inOrganisation, "consult.form.organisation"},
}

// commentErrors translates the engine's problems with a comment into the
// error summary, in the order of the form: a missing value, one too long
// (with its limit and length) or an e-mail that is not one.
func commentErrors(L *i18n.Printer, e *engine.Error, in commentInput) []errorView {
	typed := map[string]string{inText: in.Text, inName: in.Name, inEmail: in.Email,
		inMunicipality: in.Municipality, inOrganisation: in.Organisation}
	limits := map[string]int{inText: engine.MaxCommentLength, inName: 200, inMunicipality: 200, inOrganisation: 300}
	var out []errorView
	for _, f := range commentFieldKeys {
		if !slices.ContainsFunc(e.Fields, func(x engine.FieldError) bool { return x.Field == f.field }) {
			continue
		}
		value := strings.TrimSpace(typed[f.input])
		msg := L.T("consult.error." + f.input + ".required")
		switch {
		case f.input == inEmail && value != "":
			msg = L.T("consult.error.email.invalid")
		case value != "":
			msg = L.N("consult.error.too_long", limits[f.input], utf8.RuneCountInString(value))
		}
		out = append(out, errorView{InputID: f.input, Question: L.T(f.label) + ":", Message: msg})
	}
	if len(out) == 0 { // a field the form does not have (the section): say it plainly
		out = append(out, errorView{InputID: inText, Message: L.T("consult.error.other")})
	}
	return out
}

// commentRateWindow is the period of the per-address limit on comments.
const commentRateWindow = time.Hour
