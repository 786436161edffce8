package forms

import (
	"slices"
	"strings"
)

// CatalogueMap declares how a provider's answers fill their record in the
// public catalogue of providers: Fields maps a record field (one of
// CatalogueFields) to the id of the question that answers it. A response
// feeds the catalogue only when When is met (a consent question, say).
// Only a questionnaire answered through personal links (access: invite)
// may carry one: the link is what ties a response to a provider.
//
// One response describes one service: the service.* fields give it, and
// the engine gathers the services of every response with the same IČO
// into one record.
type CatalogueMap struct {
	When   *Condition        `json:"when,omitempty"`
	Fields map[string]string `json:"fields"`
}

// Kinds of catalogue fields, which decide the question types that may
// answer them.
const (
	catalogueText   = iota // text, or choice/multi giving option labels
	catalogueCode          // choice giving its option value (a code)
	catalogueCodes         // multi (or choice) giving option values
	catalogueNumber        // number
)

// CatalogueFields are the record fields a CatalogueMap may fill, in the
// order of the record.
var CatalogueFields = []string{
	"name", "ico", "municipality", "address", "description",
	"contact.person", "contact.email", "contact.phone", "contact.web",
	"service.name", "service.type", "service.form", "service.target_groups",
	"service.description", "service.capacity", "service.waiting_days", "service.area",
}

// catalogueRequired are the fields a record cannot do without.
var catalogueRequired = []string{"name", "ico", "municipality", "service.type", "service.form", "service.target_groups"}

func catalogueKind(field string) int {
	switch field {
	case "service.type", "service.form":
		return catalogueCode
	case "service.target_groups":
		return catalogueCodes
	case "service.capacity", "service.waiting_days":
		return catalogueNumber
	}
	return catalogueText
}

// catalogueTypes are the question types that may answer a field kind.
func catalogueTypes(kind int) []string {
	switch kind {
	case catalogueCode:
		return []string{TypeChoice}
	case catalogueCodes:
		return []string{TypeMulti, TypeChoice}
	case catalogueNumber:
		return []string{TypeNumber}
	}
	return []string{TypeText, TypeChoice, TypeMulti}
}

// CatalogueValues returns the record fields that answers give, keyed by
// field: a string for text fields (a choice or multi answer gives its
// options' labels in DefaultLanguage, joined by ", "), a string for
// service.type and service.form, []string for service.target_groups and
// float64 for numbers. Fields whose question was not answered (or is
// hidden) are left out. It returns false when the definition has no
// catalogue map or the answers do not meet its When condition.
func (def *Definition) CatalogueValues(a Answers) (map[string]any, bool) {
	m := def.Catalogue
	if m == nil {
		return nil, false
	}
	a = def.VisibleAnswers(a)
	if !m.When.Met(a) {
		return nil, false
	}
	out := map[string]any{}
	for field, qid := range m.Fields {
		q := def.Question(qid)
		v, ok := a[qid]
		if q == nil || !ok || v == nil {
			continue
		}
		switch catalogueKind(field) {
		case catalogueCodes:
			if s, ok := v.(string); ok {
				v = []string{s}
			}
		case catalogueText:
			if q.HasOptions() {
				chosen, _ := asStrings(v)
				if s, ok := v.(string); ok {
					chosen = []string{s}
				}
				v = q.optionLabels(chosen)
			}
		}
		out[field] = v
	}
	return out, true
}

// optionLabels joins the labels of the chosen options.
func (q *Question) optionLabels(values []string) string {
	labels := make([]string, 0, len(values))
	for _, v := range values {
		if o := q.Option(v); o != nil {
			labels = append(labels, o.Label.In(DefaultLanguage))
		}
	}
	return strings.Join(labels, ", ")
}

// CatalogueQuestion returns the id of the question that fills field, or "".
func (def *Definition) CatalogueQuestion(field string) string {
	if def.Catalogue == nil {
		return ""
	}
	return def.Catalogue.Fields[field]
}

// checkCatalogue checks the catalogue map: known fields, existing
// questions of fitting types, the required fields, and a condition on
// any question.
func (c *checker) checkCatalogue() {
	m := c.def.Catalogue
	if m == nil {
		return
	}
	if c.def.Access != AccessInvite {
		c.ps.errorf("access", "\"catalogue\" needs \"access: invite\": only a personal link ties a response to one provider")
	}
	if m.When != nil {
		c.condition(m.When, "catalogue.when", len(c.questions))
	}
	fieldsPath := "catalogue.fields"
	for _, field := range CatalogueFields {
		qid, ok := m.Fields[field]
		path := keyPath(fieldsPath, field)
		if !ok {
			if slices.Contains(catalogueRequired, field) {
				c.ps.errorf(fieldsPath, "the catalogue needs the field %q: name the question that answers it", field)
			}
			continue
		}
		q := c.def.Question(qid)
		types := catalogueTypes(catalogueKind(field))
		switch {
		case q == nil:
			c.ps.errorf(path, "the catalogue field %q refers to the question %q, which does not exist", field, qid)
		case !slices.Contains(types, q.Type):
			c.ps.errorf(path, "the catalogue field %q takes a %s question; %q is a %s question", field, strings.Join(types, " or "), qid, q.Type)
		}
	}
}
