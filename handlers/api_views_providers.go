package handlers

import (
	"time"

	"github.com/triada-kpss/triada/engine"
)

// providerView is a provider record as the API and the open data show
// it. A service's Source (the response it came from) is never shown.
type providerView struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	ICO          string        `json:"ico"`
	Municipality string        `json:"municipality"`
	Address      string        `json:"address"`
	Description  string        `json:"description"`
	Contact      contactView   `json:"contact"`
	Services     []serviceView `json:"services"`
	Status       string        `json:"status"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

type contactView struct {
	Person string `json:"person"`
	Email  string `json:"email"`
	Phone  string `json:"phone"`
	Web    string `json:"web"`
}

type serviceView struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Form         string   `json:"form"`
	TargetGroups []string `json:"target_groups"`
	Description  string   `json:"description"`
	Capacity     int      `json:"capacity"`
	WaitingDays  int      `json:"waiting_days"`
	Area         string   `json:"area"`
}

func newProviderView(p *engine.Provider) providerView {
	v := providerView{ID: p.ID, Name: p.Name, ICO: p.ICO, Municipality: p.Municipality, Address: p.Address,
		Description: p.Description, Contact: contactView(p.Contact), Services: []serviceView{}, Status: p.Status, UpdatedAt: p.UpdatedAt}
	for _, s := range p.Services {
		v.Services = append(v.Services, serviceView{Name: s.Name, Type: s.Type, Form: s.Form, TargetGroups: nonNil(s.TargetGroups),
			Description: s.Description, Capacity: s.Capacity, WaitingDays: s.WaitingDays, Area: s.Area})
	}
	return v
}

// draftView is a draft record for coordinators: its state and note, the
// proposed record, and the published record it would replace (null when
// the IČO is not listed yet). Version goes back with a decision, so that
// a decision on a draft that changed meanwhile is refused.
type draftView struct {
	ICO        string        `json:"ico"`
	State      string        `json:"state"`
	Note       string        `json:"note"`
	Version    int           `json:"version"`
	ReviewedAt *time.Time    `json:"reviewed_at"`
	UpdatedAt  time.Time     `json:"updated_at"`
	Record     providerView  `json:"record"`
	Published  *providerView `json:"published,omitempty"`
}

func newDraftView(d *engine.CatalogueDraft) draftView {
	return draftView{ICO: d.ICO, State: d.State, Note: d.Note, Version: d.Version, ReviewedAt: d.ReviewedAt,
		UpdatedAt: d.UpdatedAt, Record: newProviderView(&d.Record)}
}
