package engine

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/triada-kpss/triada/forms"
)

// The capacity questionnaire feeds the catalogue: a definition's
// "catalogue" map (forms.CatalogueMap) names the questions that fill a
// provider record. When a provider submits or changes their response
// through their personal link, the record their answers describe is
// checked before the response is stored (so a wrong IČO is an error on
// the IČO question), and afterwards merged into the draft of that IČO.
//
// One response describes one service. The draft of an IČO gathers the
// services of every response with that IČO: a response's service
// replaces the one it gave before (its Source) and any without a source
// of the same kind and form (entered by a coordinator), else it is added.

// maxDraftRetries bounds the retries of a draft update that met another
// update of the same draft.
const maxDraftRetries = 5

// catalogueProposal is what one response proposes for the catalogue.
type catalogueProposal struct {
	fields  map[string]any // the mapped values (forms.CatalogueValues)
	checked *Provider      // the record the answers alone make, checked
}

// proposeRecord checks the record that the answers describe. It returns
// nil without a catalogue map or when the map's condition is not met;
// EINVALID with one error per question whose answer makes a bad record.
func (e *Engine) proposeRecord(def *forms.Definition, answers forms.Answers) (*catalogueProposal, error) {
	values, ok := def.CatalogueValues(answers)
	if !ok {
		return nil, nil
	}
	in := providerInputOf(values)
	p, err := e.checkProvider(in)
	if err != nil {
		return nil, questionErrors(def, err)
	}
	return &catalogueProposal{fields: values, checked: p}, nil
}

// providerInputOf turns mapped values into a provider record with one
// service (when the map gives one).
func providerInputOf(v map[string]any) ProviderInput {
	str := func(field string) string { s, _ := v[field].(string); return s }
	in := ProviderInput{
		Name: str("name"), ICO: str("ico"), Municipality: str("municipality"), Address: str("address"),
		Description: str("description"),
		Contact:     ContactInput{Person: str("contact.person"), Email: str("contact.email"), Phone: str("contact.phone"), Web: str("contact.web")},
	}
	s := ServiceInput{Name: str("service.name"), Type: str("service.type"), Form: str("service.form"),
		Description: str("service.description"), Area: str("service.area")}
	s.TargetGroups, _ = v["service.target_groups"].([]string)
	s.Capacity = wholeNumber(v["service.capacity"])
	s.WaitingDays = wholeNumber(v["service.waiting_days"])
	in.Services = []ServiceInput{s}
	return in
}

func wholeNumber(v any) *int {
	f, ok := v.(float64)
	if !ok {
		return nil
	}
	n := int(math.Round(f))
	return &n
}

// questionErrors renames the fields of a record's errors to the
// questions that answer them: "services[0].type" → the service.type
// question. Errors of fields no question fills name the form as a whole.
func questionErrors(def *forms.Definition, err error) error {
	var ee *Error
	if !errors.As(err, &ee) {
		return err
	}
	out := &Error{Code: ee.Code, Message: "Some answers cannot go into the catalogue of providers."}
	for _, f := range ee.Fields {
		field := f.Field
		if strings.HasPrefix(field, "services[0].") {
			field = "service." + strings.TrimPrefix(field, "services[0].")
		}
		if i := strings.IndexByte(field, '['); i >= 0 {
			field = field[:i] // service.target_groups[2] → service.target_groups
		}
		qid := def.CatalogueQuestion(field)
		if qid == "" {
			qid = "catalogue"
		}
		out.Fields = append(out.Fields, FieldError{Field: qid, Message: f.Message, Format: f.Format, Args: f.Args})
	}
	return out
}

// feedCatalogue merges a stored response's proposal into the draft of
// its IČO, retrying when another update of the same draft came between.
func (e *Engine) feedCatalogue(ctx context.Context, prop *catalogueProposal, responseID string) error {
	for range maxDraftRetries {
		err := e.mergeDraft(ctx, prop, responseID)
		if !errors.Is(err, ErrConflict) && !errors.Is(err, ErrDuplicate) {
			return err
		}
	}
	return Errorf(ECONFLICT, "The draft record of IČO %s is being changed by others just now: send your answers again.", prop.checked.ICO)
}

func (e *Engine) mergeDraft(ctx context.Context, prop *catalogueProposal, responseID string) error {
	ico := prop.checked.ICO
	d, err := e.store.FindCatalogueDraft(ctx, ico)
	fresh := errors.Is(err, ErrNotFound)
	switch {
	case fresh:
		d = &CatalogueDraft{ICO: ico, CreatedAt: e.Now()}
		if pub, perr := e.store.FindProviderByICO(ctx, ico); perr == nil {
			d.Record = *pub
		} else if !errors.Is(perr, ErrNotFound) {
			return perr
		}
	case err != nil:
		return err
	}
	rec, err := e.mergeRecord(&d.Record, prop, responseID)
	if err != nil {
		return err
	}
	expected := d.Version
	d.Record, d.State, d.Version, d.UpdatedAt = *rec, DraftPending, d.Version+1, e.Now()
	if fresh {
		return e.store.CreateCatalogueDraft(ctx, d)
	}
	return e.store.UpdateCatalogueDraft(ctx, d, expected)
}

// mergeRecord returns base with the fields the proposal maps and its
// service in place, checked again as a whole.
func (e *Engine) mergeRecord(base *Provider, prop *catalogueProposal, responseID string) (*Provider, error) {
	p, got := prop.checked, prop.fields
	rec := *base
	has := func(field string) bool { _, ok := got[field]; return ok }
	set := func(field string, dst *string, v string) {
		if has(field) || *dst == "" {
			*dst = v
		}
	}
	rec.ICO = p.ICO
	set("name", &rec.Name, p.Name)
	set("municipality", &rec.Municipality, p.Municipality)
	set("address", &rec.Address, p.Address)
	set("description", &rec.Description, p.Description)
	set("contact.person", &rec.Contact.Person, p.Contact.Person)
	set("contact.email", &rec.Contact.Email, p.Contact.Email)
	set("contact.phone", &rec.Contact.Phone, p.Contact.Phone)
	set("contact.web", &rec.Contact.Web, p.Contact.Web)
	svc := p.Services[0]
	svc.Source = responseID
	services := make([]Service, 0, len(base.Services)+1)
	placed := false
	for _, s := range base.Services {
		if s.Source == responseID || (s.Source == "" && s.Type == svc.Type && s.Form == svc.Form) {
			if !placed {
				services, placed = append(services, svc), true
			}
			continue
		}
		services = append(services, s)
	}
	if !placed {
		services = append(services, svc)
	}
	rec.Services = services
	checked, err := e.checkProvider(inputOf(&rec))
	if err != nil {
		return nil, err
	}
	for i := range checked.Services {
		checked.Services[i].Source = rec.Services[i].Source
	}
	checked.ID, checked.Status, checked.CreatedAt, checked.UpdatedAt = rec.ID, ProviderDraft, rec.CreatedAt, e.Now()
	return checked, nil
}

// inputOf turns a record back into input, to check it again.
func inputOf(p *Provider) ProviderInput {
	in := ProviderInput{Name: p.Name, ICO: p.ICO, Municipality: p.Municipality, Address: p.Address,
		Description: p.Description, Contact: ContactInput(p.Contact)}
	for _, s := range p.Services {
		capacity, waiting := s.Capacity, s.WaitingDays
		in.Services = append(in.Services, ServiceInput{Name: s.Name, Type: s.Type, Form: s.Form,
			TargetGroups: slices.Clone(s.TargetGroups), Description: s.Description, Capacity: &capacity,
			WaitingDays: &waiting, Area: s.Area})
	}
	return in
}

func quote(s string) string { return strconv.Quote(s) }

// responseICO is the IČO a response's answers give through the
// definition's catalogue map, "" for none.
func responseICO(def *forms.Definition, answers forms.Answers) string {
	v, ok := def.CatalogueValues(answers)
	if !ok {
		return ""
	}
	s, _ := v["ico"].(string)
	return strings.ReplaceAll(strings.TrimSpace(s), " ", "")
}
