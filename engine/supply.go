package engine

import (
	"context"
	"slices"
	"sort"

	"github.com/triada-kpss/triada/forms"
)

// Supply is the capacity side of a working group's picture: the
// published services for the group's target groups, in total and by the
// municipality of their provider's seat.
type Supply struct {
	Group        string   `json:"group"`
	TargetGroups []string `json:"target_groups"`
	SupplyTotals
	Municipalities []MunicipalitySupply `json:"municipalities"`
	// List holds each counted service, by municipality then provider.
	List []SupplyService `json:"list"`
}

// SupplyTotals are the figures of a set of services.
type SupplyTotals struct {
	Providers int `json:"providers"`
	Services  int `json:"services"`
	Capacity  int `json:"capacity"` // beds or clients at a time, added up
	// Waiting days over the services: the median and the longest; nil
	// when no service is counted.
	MedianWaitingDays *float64 `json:"median_waiting_days"`
	MaxWaitingDays    *int     `json:"max_waiting_days"`
}

// MunicipalitySupply are the figures of one municipality.
type MunicipalitySupply struct {
	Municipality string `json:"municipality"`
	SupplyTotals
}

// SupplyService is one counted service.
type SupplyService struct {
	ProviderID   string   `json:"provider_id"`
	Provider     string   `json:"provider"`
	Municipality string   `json:"municipality"`
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Form         string   `json:"form"`
	TargetGroups []string `json:"target_groups"`
	Capacity     int      `json:"capacity"`
	WaitingDays  int      `json:"waiting_days"`
}

// GroupSupply returns the supply for a working group's target groups
// (Group.TargetGroups): every published service that lists one of them.
// Coordinators, admins and the group's members may see it; ENOTFOUND for
// an unknown group, EFORBIDDEN for anyone else. A group without target
// groups has an empty supply.
func (e *Engine) GroupSupply(ctx context.Context, actor *User, groupID string) (*Supply, error) {
	g, err := e.groupFor(ctx, actor, groupID, forms.Phrasef("supply"))
	if err != nil {
		return nil, err
	}
	out := &Supply{Group: g.ID, TargetGroups: orEmptyStrings(g.TargetGroups), Municipalities: []MunicipalitySupply{}, List: []SupplyService{}}
	if len(g.TargetGroups) == 0 {
		out.SupplyTotals = totals(nil)
		return out, nil
	}
	providers, err := e.store.ListProviders(ctx, ProviderFilter{Status: ProviderPublished})
	if err != nil {
		return nil, err
	}
	for _, p := range providers {
		for _, s := range p.Services {
			if !slices.ContainsFunc(s.TargetGroups, func(tg string) bool { return slices.Contains(g.TargetGroups, tg) }) {
				continue
			}
			out.List = append(out.List, SupplyService{ProviderID: p.ID, Provider: p.Name, Municipality: p.Municipality,
				Name: s.Name, Type: s.Type, Form: s.Form, TargetGroups: s.TargetGroups, Capacity: s.Capacity, WaitingDays: s.WaitingDays})
		}
	}
	sort.SliceStable(out.List, func(i, j int) bool {
		return Fold(out.List[i].Municipality) < Fold(out.List[j].Municipality)
	})
	out.SupplyTotals = totals(out.List)
	for i := 0; i < len(out.List); {
		j := i
		for j < len(out.List) && Fold(out.List[j].Municipality) == Fold(out.List[i].Municipality) {
			j++
		}
		out.Municipalities = append(out.Municipalities, MunicipalitySupply{Municipality: out.List[i].Municipality, SupplyTotals: totals(out.List[i:j])})
		i = j
	}
	return out, nil
}

// totals adds up services.
func totals(services []SupplyService) SupplyTotals {
	t := SupplyTotals{Services: len(services)}
	seen := map[string]bool{}
	waits := make([]int, 0, len(services))
	for _, s := range services {
		if !seen[s.ProviderID] {
			seen[s.ProviderID] = true
			t.Providers++
		}
		t.Capacity += s.Capacity
		waits = append(waits, s.WaitingDays)
	}
	if len(waits) > 0 {
		slices.Sort(waits)
		n := len(waits)
		median := float64(waits[n/2])
		if n%2 == 0 {
			median = float64(waits[n/2-1]+waits[n/2]) / 2
		}
		longest := waits[n-1]
		t.MedianWaitingDays, t.MaxWaitingDays = &median, &longest
	}
	return t
}

func orEmptyStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
