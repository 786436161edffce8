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
	Email string `bson:"email"`
	Phone string `bson:"phone"`
	Web   string `bson:"web"`
}

type serviceDoc struct {
	Type         string   `bson:"type"`
	Form         string   `bson:"form"`
	TargetGroups []string `bson:"target_groups"`
	Capacity     int      `bson:"capacity"`
	WaitingDays  int      `bson:"waiting_days"`
}

func newProviderDoc(p *engine.Provider) *providerDoc {
	services := make([]serviceDoc, len(p.Services))
	for i, sv := range p.Services {
		services[i] = serviceDoc{Type: sv.Type, Form: sv.Form, TargetGroups: orEmpty(sv.TargetGroups),
			Capacity: sv.Capacity, WaitingDays: sv.WaitingDays}
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
		services[i] = engine.Service{Type: sv.Type, Form: sv.Form, TargetGroups: sv.TargetGroups,
			Capacity: sv.Capacity, WaitingDays: sv.WaitingDays}
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
	if f.Query != "" {
		add("search_text", bson.D{{Key: "$regex", Value: regexp.QuoteMeta(f.Query)}})
	}
	return list(ctx, s, s.providers, filter, asc("search_text", "_id"), (*providerDoc).provider, "list providers")
}
