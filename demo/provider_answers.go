package demo

import (
	"math"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// financing is how a kind of service is typically paid for, in per cent:
// state subsidy, region, municipalities, clients, health insurance, EU,
// other.
func financing(kind, form string) [7]float64 {
	switch {
	case form == "residential" && (strings.HasPrefix(kind, "domovy_") || kind == "odlehcovaci_sluzby"):
		return [7]float64{22, 6, 8, 52, 10, 0, 2}
	case form == "residential":
		return [7]float64{55, 12, 10, 18, 0, 0, 5}
	case kind == "pecovatelska_sluzba" || kind == "tisnova_pece" || kind == "osobni_asistence":
		return [7]float64{45, 10, 20, 23, 0, 0, 2}
	default:
		return [7]float64{62, 12, 14, 0, 0, 8, 4}
	}
}

var finQuestions = [7]string{"fin_state", "fin_region", "fin_municipalities", "fin_clients", "fin_health_insurance", "fin_eu", "fin_other"}

// capacityAnswers returns the answers of provider p about its service s
// to the capacity questionnaire; the figures vary with the seed.
func capacityAnswers(seed uint64, pi, si int) map[string]any {
	p, s := &providers[pi], &providers[pi].services[si]
	g := stream(seed, 1<<40+uint64(pi)<<8+uint64(si))
	a := map[string]any{
		"org_name": p.name, "ico": ico(p.ico7), "legal_form": p.legalForm,
		"seat_municipality": municipalityName(p.seat), "address": address(p),
		"contact_person": p.contact, "email": p.email, "phone": p.phone, "web": p.web,
		"service_name": s.name, "registry_id": registryID(g),
		"service_type": s.kind, "service_form": s.form, "target_groups": s.targetGroups,
		"service_description": s.description,
		"capacity":            s.capacity,
		"clients_last_year":   g.around(float64(s.clients), 0.1),
		"publish_consent":     "yes",
	}
	if s.area == nil {
		a["area_served"] = "Celý Mikroregion Podhůří a sousední obce okresu."
		a["area_municipalities"] = allMunicipalities()
	} else {
		names := make([]string, len(s.area))
		for i, c := range s.area {
			names[i] = municipalityName(c)
		}
		a["area_served"] = strings.Join(names, ", ") + "."
		a["area_municipalities"] = s.area
	}
	a["waiting_list"] = "no"
	if s.waitingDays > 0 {
		a["waiting_list"] = "yes"
		a["waiting_days"] = g.around(float64(s.waitingDays), 0.15)
		a["waiting_count"] = max(1, g.around(float64(s.capacity)*float64(s.waitingDays)/365, 0.3))
	}
	a["turned_away"] = g.around(float64(s.clients)*0.08, 0.8)
	staff := staffing(g, s)
	a["staff_social_workers"], a["staff_care_workers"], a["staff_health"], a["staff_other"] = staff[0], staff[1], staff[2], staff[3]
	fte := staff[0] + staff[1] + staff[2] + staff[3]
	a["total_costs"] = g.around(fte*720_000+float64(s.capacity)*pct(0, s.form == "residential", 90_000), 0.08)
	for i, share := range shares(g, financing(s.kind, s.form)) {
		if share > 0 {
			a[finQuestions[i]] = share
		}
	}
	a["capacity_outlook"] = g.pick([]weighted{{"increase", pct(2, s.waitingDays > 60, 4)}, {"keep", 8}, {"decrease", 1}, {"dont_know", 2}})
	a["plans"], a["unmet_needs"], a["what_would_help"] = g.text(providerPlans), g.text(providerNeeds), g.text(providerHelp)
	a["cooperation_rating"] = g.between(2, 5)
	if g.chance(0.6) {
		a["cooperation"] = g.text(providerCooperation)
	}
	return a
}

// staffing returns the full-time equivalents of social workers, care
// workers, health staff and others.
func staffing(g rng, s *service) [4]float64 {
	half := func(v float64) float64 { return math.Round(v*2) / 2 }
	caring := s.kind == "pecovatelska_sluzba" || s.kind == "osobni_asistence" || strings.HasPrefix(s.kind, "domovy_") ||
		s.kind == "odlehcovaci_sluzby" || s.kind == "denni_stacionare" || s.kind == "chranene_bydleni"
	social := half(1 + float64(s.capacity)/40 + g.r.Float64())
	var care, health float64
	if caring {
		care = half(float64(s.capacity) * (0.3 + 0.2*g.r.Float64()))
	}
	if s.form == "residential" && strings.HasPrefix(s.kind, "domovy_") {
		health = half(float64(s.capacity) * 0.12)
	}
	return [4]float64{social, care, health, half(0.5 + float64(s.capacity)/50)}
}

// shares varies the typical financing a little and rounds it to whole
// per cent that add up to 100.
func shares(g rng, typical [7]float64) [7]int {
	var out [7]int
	sum, total := 0.0, 0
	var varied [7]float64
	for i, v := range typical {
		varied[i] = v * (0.8 + 0.4*g.r.Float64())
		sum += varied[i]
	}
	largest := 0
	for i, v := range varied {
		out[i] = int(math.Round(v / sum * 100))
		total += out[i]
		if out[i] > out[largest] {
			largest = i
		}
	}
	out[largest] += 100 - total
	return out
}

func registryID(g rng) string {
	digits := make([]byte, 7)
	for i := range digits {
		digits[i] = byte('0' + g.between(0, 9))
	}
	return string(digits)
}

func address(p *provider) string {
	return p.street + ", " + p.postcode + " " + municipalityName(p.seat)
}

func allMunicipalities() []string {
	var out []string
	for _, m := range municipalities {
		if m.code != "other" {
			out = append(out, m.code)
		}
	}
	return out
}

// catalogueEntry is the provider's record in the public catalogue.
func catalogueEntry(p *provider) engine.ProviderInput {
	in := engine.ProviderInput{
		Name: p.name, ICO: ico(p.ico7), Municipality: municipalityName(p.seat), Address: address(p),
		Description: p.description, Contact: engine.ContactInput{Email: p.email, Phone: p.phone, Web: p.web},
	}
	for _, s := range p.services {
		in.Services = append(in.Services, engine.ServiceInput{Type: s.kind, Form: s.form, TargetGroups: s.targetGroups,
			Capacity: &s.capacity, WaitingDays: &s.waitingDays})
	}
	return in
}
