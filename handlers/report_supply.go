package handlers

import (
	"html/template"
	"strconv"

	"github.com/triada-kpss/triada/charts"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// supplyView is the capacity side of a group's report: the published
// services for its target groups, in total and by municipality.
type supplyView struct {
	TargetGroups   string // their names, joined
	Totals         supplyTotals
	Municipalities []municipalitySupply
	Chart          template.HTML // capacity by municipality
	Services       []supplyService
}

type supplyTotals struct {
	Providers, Services, Capacity int
	MedianWait, MaxWait           string // "–" without services
}

type municipalitySupply struct {
	Municipality string
	supplyTotals
}

type supplyService struct {
	Provider, ProviderURL, Service, Form, Municipality string
	Capacity, WaitingDays                              int
}

func (p *pages) newSupplyView(l *i18n.Printer, s *engine.Supply) *supplyView {
	lb := labels{p.eng.CodeLists(), l.Lang()}
	v := &supplyView{TargetGroups: lb.targetGroups(s.TargetGroups), Totals: newSupplyTotals(l, s.SupplyTotals)}
	bars := make([]charts.Bar, 0, len(s.Municipalities))
	for _, m := range s.Municipalities {
		v.Municipalities = append(v.Municipalities, municipalitySupply{Municipality: m.Municipality, supplyTotals: newSupplyTotals(l, m.SupplyTotals)})
		bars = append(bars, charts.Bar{Label: m.Municipality, Value: float64(m.Capacity), Text: strconv.Itoa(m.Capacity)})
	}
	if len(bars) > 0 {
		v.Chart = charts.Chart{ID: "chart-supply", Title: l.T("report.supply.chart_title"), Desc: l.T("report.chart.desc_supply"), Bars: bars}.SVG()
	}
	for _, sv := range s.List {
		v.Services = append(v.Services, supplyService{Provider: sv.Provider, ProviderURL: "/providers/" + sv.ProviderID,
			Service: lb.serviceTitle(engine.Service{Name: sv.Name, Type: sv.Type}), Form: lb.form(sv.Form),
			Municipality: sv.Municipality, Capacity: sv.Capacity, WaitingDays: sv.WaitingDays})
	}
	return v
}

func newSupplyTotals(l *i18n.Printer, t engine.SupplyTotals) supplyTotals {
	out := supplyTotals{Providers: t.Providers, Services: t.Services, Capacity: t.Capacity, MedianWait: "–", MaxWait: "–"}
	if t.MedianWaitingDays != nil {
		out.MedianWait = decimal(l, *t.MedianWaitingDays)
	}
	if t.MaxWaitingDays != nil {
		out.MaxWait = strconv.Itoa(*t.MaxWaitingDays)
	}
	return out
}
