package mongo

import (
	"context"
	"regexp"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// providerDoc is a document of "providers"; ico is unique.
type providerDoc struct {
	ID              string       `bson:"_id"`
	Name            string       `bson:"name"`
	ICO             string       `bson:"ico"`
	Municipality    string       `bson:"municipality"`
	Address         string       `bson:"address"`
	Description     string       `bson:"description"`
	Contact         contactDoc   `bson:"contact"`
	Services        []serviceDoc `bson:"services"`
	Status          string       `bson:"status"`
	SearchText      string       `bson:"search_text"`
	MunicipalityKey string       `bson:"municipality_key"`
	CreatedAt       time.Time    `bson:"created_at"`
	UpdatedAt       time.Time    `bson:"updated_at"`
}

type contactDoc struct {
	Person string `bson:"person,omitempty"`
	Email  string `bson:"email"`
	Phone  string `bson:"phone"`
	Web    string `bson:"web"`
}

type serviceDoc struct {
	Name         string   `bson:"name,omitempty"`
	Type         string   `bson:"type"`
	Form         string   `bson:"form"`
	TargetGroups []string `bson:"target_groups"`
	Description  string   `bson:"description,omitempty"`
	Capacity     int      `bson:"capacity"`
	WaitingDays  int      `bson:"waiting_days"`
	Area         string   `bson:"area,omitempty"`
	Source       string   `bson:"source,omitempty"`
}

func newProviderDoc(p *engine.Provider) *providerDoc {
	services := make([]serviceDoc, len(p.Services))
	for i, sv := range p.Services {
		services[i] = serviceDoc{Name: sv.Name, Type: sv.Type, Form: sv.Form, TargetGroups: orEmpty(sv.TargetGroups),
			Description: sv.Description, Capacity: sv.Capacity, WaitingDays: sv.WaitingDays, Area: sv.Area, Source: sv.Source}
	}
	return &providerDoc{
		ID: p.ID, Name: p.Name, ICO: p.ICO, Municipality: p.Municipality, Address: p.Address,
		Description: p.Description, Contact: contactDoc(p.Contact), Services: services, Status: p.Status,
		SearchText: p.SearchText, MunicipalityKey: p.MunicipalityKey, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}

func (d *providerDoc) provider() (*engine.Provider, error) {
	services := make([]engine.Service, len(d.Services))
	for i, sv := range d.Services {
		services[i] = engine.Service{Name: sv.Name, Type: sv.Type, Form: sv.Form, TargetGroups: sv.TargetGroups,
			Description: sv.Description, Capacity: sv.Capacity, WaitingDays: sv.WaitingDays, Area: sv.Area, Source: sv.Source}
	}
	return &engine.Provider{
		ID: d.ID, Name: d.Name, ICO: d.ICO, Municipality: d.Municipality, Address: d.Address,
		Description: d.Description, Contact: engine.Contact(d.Contact), Services: services, Status: d.Status,
		SearchText: d.SearchText, MunicipalityKey: d.MunicipalityKey, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
	}, nil
}

// CreateProvider stores p; ErrDuplicate if its IČO is listed (or its id
// exists).
func (s *Store) CreateProvider(ctx context.Context, p *engine.Provider) error {
	return s.insert(ctx, s.providers, newProviderDoc(p), "create provider %q (IČO %s)", p.Name, p.ICO)
}

// FindProviderByICO returns the provider with that IČO or ErrNotFound.
func (s *Store) FindProviderByICO(ctx context.Context, ico string) (*engine.Provider, error) {
	return findOne(ctx, s, s.providers, bson.D{{Key: "ico", Value: ico}}, (*providerDoc).provider, "find provider with IČO %s", ico)
}

// ReplaceProvider replaces the provider with p.ID by p; ErrNotFound for
// an unknown id, ErrDuplicate if p's IČO is another provider's.
func (s *Store) ReplaceProvider(ctx context.Context, p *engine.Provider) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.providers.ReplaceOne(ctx, byID(p.ID), newProviderDoc(p))
	if err != nil {
		return fail(err, "replace provider %q", p.ID)
	}
	if res.MatchedCount == 0 {
		return notFound("replace provider %q", p.ID)
	}
	return nil
}

// FindProvider returns the provider or ErrNotFound.
func (s *Store) FindProvider(ctx context.Context, id string) (*engine.Provider, error) {
	return findOne(ctx, s, s.providers, byID(id), (*providerDoc).provider, "find provider %q", id)
}

// ListProviders returns the providers matching every set field of f,
// ordered by SearchText then id. The target group and the service type
// may be matched by different services of a provider (a query on
// services.target_groups and services.type). Query is a plain substring
// of SearchText: its characters are quoted for $regex.
func (s *Store) ListProviders(ctx context.Context, f engine.ProviderFilter) ([]*engine.Provider, error) {
	filter := bson.D{}
	add := func(field string, v any) { filter = append(filter, bson.E{Key: field, Value: v}) }
	if f.Status != "" {
		add("status", f.Status)
	}
	if f.Municipality != "" {
		add("municipality_key", f.Municipality)
	}
	if f.TargetGroup != "" {
		add("services.target_groups", f.TargetGroup)
	}
	if f.ServiceType != "" {
		add("services.type", f.ServiceType)
	}
	if f.Form != "" {
		add("services.form", f.Form)
	}
	if f.Query != "" {
		add("search_text", bson.D{{Key: "$regex", Value: regexp.QuoteMeta(f.Query)}})
	}
	return list(ctx, s, s.providers, filter, asc("search_text", "_id"), (*providerDoc).provider, "list providers")
}
