package handlers

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// triageForm is the triage form of one comment or of several: relevance,
// working groups and the public reason for a comment not relevant.
type triageForm struct {
	L          *i18n.Printer
	Relevance  string
	Relevances []choiceOption
	Groups     []choiceOption
	Reason     string
	Errors     map[string]string // by input id: relevance, groups, reason
}

// choiceOption is one radio button or checkbox.
type choiceOption struct {
	ID, Value, Label string
	Checked          bool
}

// choiceGroup is a fieldset of radio buttons (or checkboxes, Multiple)
// named Name, for the partial choice_group: its hint and error have the
// ids Name-hint and Name-error.
type choiceGroup struct {
	L                         *i18n.Printer
	Name, Legend, Hint, Error string
	Empty                     string // said when there are no options
	Multiple                  bool
	Options                   []choiceOption
}

// RelevanceGroup is the triage's choice between relevant and not.
func (f triageForm) RelevanceGroup() choiceGroup {
	return choiceGroup{L: f.L, Name: "relevance", Legend: f.L.T("cp.triage.relevance"), Error: f.Errors["relevance"],
		Options: f.Relevances}
}

// GroupsGroup is the triage's choice of the working groups that decide.
func (f triageForm) GroupsGroup() choiceGroup {
	return choiceGroup{L: f.L, Name: "groups", Legend: f.L.T("cp.triage.groups"), Hint: f.L.T("cp.triage.groups_hint"),
		Error: f.Errors["groups"], Empty: f.L.T("cp.triage.no_groups"), Multiple: true, Options: f.Groups}
}

// triageInput is the triage as typed in a form.
type triageInput struct {
	Relevance, Reason string
	Groups            []string
}

func readTriage(form map[string][]string) triageInput {
	get := func(k string) string {
		if v := form[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	return triageInput{Relevance: get("relevance"), Reason: get("response"), Groups: form["groups"]}
}

// newTriageForm fills the triage form with in, offering every working group.
func (p *pages) newTriageForm(ctx context.Context, L *i18n.Printer, actor *engine.User, in triageInput) (triageForm, error) {
	f := triageForm{L: L, Relevance: in.Relevance, Reason: in.Reason, Errors: map[string]string{}}
	for _, r := range []string{engine.Relevant, engine.NotRelevant} {
		f.Relevances = append(f.Relevances, choiceOption{ID: "relevance-" + r, Value: r,
			Label: L.T("cp.relevance." + r), Checked: in.Relevance == r})
	}
	groups, err := p.eng.ListGroups(ctx, actor)
	if err != nil {
		return f, err
	}
	for _, g := range groups {
		f.Groups = append(f.Groups, choiceOption{ID: "group-" + g.ID, Value: g.ID, Label: g.Name,
			Checked: slices.Contains(in.Groups, g.ID)})
	}
	return f, nil
}

// triageErrors translates the engine's problems with a triage into the
// error summary and the form's messages; nil when err is no EINVALID.
func triageErrors(L *i18n.Printer, err error, in triageInput, f *triageForm) []errorView {
	var e *engine.Error
	if !errors.As(err, &e) || e.Code != engine.EINVALID {
		return nil
	}
	var out []errorView
	// add shows the problem of field at the form's key, and in the
	// summary linked to the input (the first of a group of choices).
	add := func(field, key, input, label, msg string) {
		if slices.ContainsFunc(e.Fields, func(x engine.FieldError) bool { return x.Field == field }) {
			f.Errors[key] = msg
			out = append(out, errorView{InputID: input, Question: L.T(label) + ":", Message: msg})
		}
	}
	add("relevance", "relevance", "relevance-relevant", "cp.triage.relevance", L.T("cp.triage.error.relevance"))
	groupsInput := "triage"
	if len(f.Groups) > 0 {
		groupsInput = f.Groups[0].ID
	}
	add("groups", "groups", groupsInput, "cp.triage.groups", L.T("cp.triage.error.groups"))
	reason := L.T("cp.triage.error.reason")
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Reason)); n > 0 {
		reason = L.N("consult.error.too_long", engine.MaxCommentLength, n)
	}
	add("response", "reason", "reason", "cp.triage.reason", reason)
	return out
}

// groupNames names the groups with the ids, as the triage form offers
// them; an id of no group offered stays as it is.
func groupNames(ids []string, offered []choiceOption) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		if i := slices.IndexFunc(offered, func(o choiceOption) bool { return o.Value == id }); i >= 0 {
			name = offered[i].Label
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}
