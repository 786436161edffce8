package handlers

import (
	"errors"
	"regexp"
	"strings"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// formState is what the staff forms of people, groups, invitations and
// consultations show back: the error summary's entries (in pageBase) and
// each field's message by input id.
type formState struct {
	Err map[string]string
}

// indexPattern turns the engine's field names (sections[2].title) into
// input ids (sections-2-title) and message keys (sections.title).
var indexPattern = regexp.MustCompile(`\[(\d+)\]`)

// inputID is the id of the input an engine field error belongs to.
func inputID(field string) string {
	return strings.ReplaceAll(indexPattern.ReplaceAllString(field, "-$1"), ".", "-")
}

// fieldKey is the catalog key of the message for an engine field error:
// one message per field says what is expected there.
func fieldKey(area, field string) string {
	return area + ".err." + indexPattern.ReplaceAllString(field, "")
}

// fieldErrors fills the form's messages and the page's error summary
// from an engine error: its field errors, each in the page's language
// (labels names each field by input id), or else the engine's message.
func fieldErrors(b *pageBase, area string, err error, labels map[string]string) formState {
	st := formState{Err: map[string]string{}}
	var e *engine.Error
	fields := []engine.FieldError(nil)
	if asEngineError(err, &e) {
		fields = e.Fields
	}
	for _, f := range fields {
		id := inputID(f.Field)
		if _, seen := st.Err[id]; seen {
			continue
		}
		msg := translated(b.L, fieldKey(area, f.Field), fieldText(b.L, f))
		st.Err[id] = msg
		b.Errors = append(b.Errors, errorView{InputID: id, Question: labels[id], Message: msg})
	}
	if len(fields) == 0 && err != nil {
		b.Errors = append(b.Errors, errorView{InputID: "main", Message: engineText(b.L, err)})
	}
	return st
}

// addError adds one message of the page's own to the form.
func (st *formState) addError(b *pageBase, id, label, msg string) {
	if st.Err == nil {
		st.Err = map[string]string{}
	}
	st.Err[id] = msg
	b.Errors = append(b.Errors, errorView{InputID: id, Question: label, Message: msg})
}

// translated returns the catalog's text for key, or fallback when the
// catalog has none.
func translated(l *i18n.Printer, key, fallback string) string {
	if t := l.T(key); t != key {
		return t
	}
	return fallback
}

func asEngineError(err error, target **engine.Error) bool { return errors.As(err, target) }

// staffForm is the base of a staff page with a form: the layout's data
// and the form's messages, with Field to describe one input.
type staffForm struct {
	pageBase
	formState
}

// fieldView is one input of people_field.html.
type fieldView struct {
	ID, Name, Type, Label, Hint, Error, Value, Prefix, Autocomplete string
	Rows                                                            int
}

// Field describes the input id labelled by the catalog key label, with
// the hint of the key hint ("" for none) and the value typed.
func (f staffForm) Field(id, label, hint, value string) fieldView {
	v := fieldView{ID: id, Label: f.L.T(label), Value: value, Error: f.Err[id], Prefix: f.L.T("error.prefix")}
	if hint != "" {
		v.Hint = f.L.T(hint)
	}
	return v
}

// As returns the field with the input type and autocomplete value.
func (v fieldView) As(typ, autocomplete string) fieldView {
	v.Type, v.Autocomplete = typ, autocomplete
	return v
}

// Named returns the field with another name than its id (rows of
// sections share names, not ids).
func (v fieldView) Named(name string) fieldView {
	v.Name = name
	return v
}
