package engine

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ProviderInput is a provider record as a coordinator or a questionnaire
// gives it.
type ProviderInput struct {
	Name         string         `json:"name"`
	ICO          string         `json:"ico"`
	Municipality string         `json:"municipality"`
	Address      string         `json:"address"`
	Description  string         `json:"description"`
	Contact      ContactInput   `json:"contact"`
	Services     []ServiceInput `json:"services"`
}

// ContactInput is a provider's contact.
type ContactInput struct {
	Person string `json:"person"`
	Email  string `json:"email"`
	Phone  string `json:"phone"`
	Web    string `json:"web"`
}

// ServiceInput is one service of a provider.
type ServiceInput struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Form         string   `json:"form"`
	TargetGroups []string `json:"target_groups"`
	Description  string   `json:"description"`
	Capacity     *int     `json:"capacity"`
	WaitingDays  *int     `json:"waiting_days"`
	Area         string   `json:"area"`
}

// CreateProvider checks a provider record against the code lists and
// publishes it at once. EINVALID names every bad field (unknown service
// type, form or target group; an IČO whose check digit is wrong);
// ECONFLICT when the IČO is listed already.
func (e *Engine) CreateProvider(ctx context.Context, actor *User, in ProviderInput) (*Provider, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	p, err := e.checkProvider(in)
	if err != nil {
		return nil, err
	}
	p.ID, p.Status = NewID(), ProviderPublished
	p.CreatedAt, p.UpdatedAt = e.Now(), e.Now()
	if err := e.store.CreateProvider(ctx, p); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return nil, Errorf(ECONFLICT, "A provider with the IČO %s is listed.", p.ICO)
		}
		return nil, err
	}
	return p, nil
}

func (e *Engine) checkProvider(in ProviderInput) (*Provider, error) {
	var fe fieldErrors
	fe.text("name", &in.Name, true, 300)
	in.ICO = strings.ReplaceAll(strings.TrimSpace(in.ICO), " ", "")
	if !ValidICO(in.ICO) {
		fe.add("ico", "An IČO is eight digits whose last is a check digit; %q is not a valid IČO.", in.ICO)
	}
	fe.text("municipality", &in.Municipality, true, 200)
	fe.text("address", &in.Address, false, 500)
	fe.text("description", &in.Description, false, 5000)
	fe.text("contact.person", &in.Contact.Person, false, 200)
	fe.text("contact.phone", &in.Contact.Phone, false, 50)
	if in.Contact.Email = strings.TrimSpace(in.Contact.Email); in.Contact.Email != "" {
		if email, err := NormalizeEmail("contact.email", in.Contact.Email); err != nil {
			fe.add("contact.email", "Enter an e-mail address like name@example.cz.")
		} else {
			in.Contact.Email = email
		}
	}
	if in.Contact.Web = strings.TrimSpace(in.Contact.Web); in.Contact.Web != "" {
		u, err := url.Parse(in.Contact.Web)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fe.add("contact.web", "Enter a web address starting with https:// or http://.")
		}
	}
	if len(in.Services) == 0 {
		fe.add("services", "List at least one service.")
	}
	p := &Provider{Name: in.Name, ICO: in.ICO, Municipality: in.Municipality, Address: in.Address, Description: in.Description,
		Contact: Contact(in.Contact), MunicipalityKey: Fold(in.Municipality)}
	for i, s := range in.Services {
		p.Services = append(p.Services, e.checkService(&fe, fmt.Sprintf("services[%d]", i), s))
	}
	if err := fe.err("The provider record is not valid."); err != nil {
		return nil, err
	}
	p.SearchText = searchText(p)
	return p, nil
}

// searchText is what q searches: the provider's name and description,
// then its services' names and descriptions, folded. It starts with the
// name, so that ordering by it orders by name.
func searchText(p *Provider) string {
	parts := []string{p.Name, p.Description}
	for _, s := range p.Services {
		parts = append(parts, s.Name, s.Description)
	}
	return Fold(strings.Join(parts, " "))
}

func (e *Engine) checkService(fe *fieldErrors, field string, s ServiceInput) Service {
	st := e.lists.ServiceType(s.Type)
	switch {
	case st == nil:
		fe.add(field+".type", "Unknown kind of social service %q.", s.Type)
	case e.lists.Form(s.Form) == nil:
		fe.add(field+".form", "Unknown form %q: use residential, outpatient or field.", s.Form)
	case !st.AllowsForm(s.Form):
		fe.add(field+".form", "The law provides %q only in the forms %s.", s.Type, strings.Join(st.Forms, ", "))
	}
	if len(s.TargetGroups) == 0 {
		fe.add(field+".target_groups", "List at least one target group.")
	}
	for j, tg := range s.TargetGroups {
		if e.lists.TargetGroup(tg) == nil {
			fe.add(fmt.Sprintf("%s.target_groups[%d]", field, j), "Unknown target group %q.", tg)
		}
	}
	fe.text(field+".name", &s.Name, false, 300)
	fe.text(field+".description", &s.Description, false, 2000)
	fe.text(field+".area", &s.Area, false, 500)
	out := Service{Name: s.Name, Type: s.Type, Form: s.Form, TargetGroups: uniqueSorted(s.TargetGroups),
		Description: s.Description, Area: s.Area}
	if s.Capacity != nil {
		if *s.Capacity < 0 || *s.Capacity > 1_000_000 {
			fe.add(field+".capacity", "Give the capacity as a whole number from 0.")
		}
		out.Capacity = *s.Capacity
	}
	if s.WaitingDays != nil {
		if *s.WaitingDays < 0 || *s.WaitingDays > 3650 {
			fe.add(field+".waiting_days", "Give the waiting time in days, from 0 to 3650.")
		}
		out.WaitingDays = *s.WaitingDays
	}
	return out
}

// ProviderQuery is what a resident searches the catalogue by.
type ProviderQuery struct {
	TargetGroup  string
	ServiceType  string
	Municipality string
	Form         string
	Q            string
}

// ListProviders returns the published providers matching every given
// filter; Q searches names and descriptions ignoring case and accents.
func (e *Engine) ListProviders(ctx context.Context, q ProviderQuery) ([]*Provider, error) {
	return e.store.ListProviders(ctx, ProviderFilter{
		Status:       ProviderPublished,
		TargetGroup:  strings.TrimSpace(q.TargetGroup),
		ServiceType:  strings.TrimSpace(q.ServiceType),
		Municipality: Fold(q.Municipality),
		Form:         strings.TrimSpace(q.Form),
		Query:        Fold(q.Q),
	})
}

// FindProvider returns a published provider, or ENOTFOUND.
func (e *Engine) FindProvider(ctx context.Context, id string) (*Provider, error) {
	p, err := e.store.FindProvider(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && p.Status != ProviderPublished) {
		return nil, Errorf(ENOTFOUND, "No provider has the id %q.", id)
	}
	return p, err
}
