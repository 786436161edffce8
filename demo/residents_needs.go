package demo

import (
	"encoding/json"
	"fmt"
)

// missingAndBarriers answers the third page: which services are missing,
// what stops people using services, and whether they would use a missing
// one.
func (p *resident) missingAndBarriers() {
	g := p.g
	old, dis, carer := p.senior(), p.has("disability"), p.has("carer")
	switch {
	case g.chance(0.1):
		p.answers["services_missing"] = []string{"dont_know"}
	case g.chance(pct(0.2, p.remote, -0.12)):
		p.answers["services_missing"] = []string{"nothing_missing"}
		p.answers["would_use"] = "nothing_missing"
	default:
		missing := g.some([]weighted{
			{"pecovatelska_sluzba", pct(0.08, old, 0.15) + pct(0, p.remote, 0.2)},
			{"osobni_asistence", pct(0.04, dis, 0.3)},
			{"tisnova_pece", pct(0.03, old, 0.1)},
			{"odlehcovaci_sluzby", pct(0.06, carer, 0.45) + pct(0, old, 0.1)},
			{"denni_stacionare", pct(0.05, old || carer, 0.2)},
			{"domovy_pro_seniory", pct(0.04, old, 0.12)},
			{"domovy_se_zvlastnim_rezimem", pct(0.03, p.has("needs_care"), 0.2)},
			{"chranene_bydleni", pct(0.02, dis, 0.2)},
			{"socialne_aktivizacni_sluzby_pro_seniory_a_osoby_se_zdravotnim_postizenim", pct(0.03, old, 0.12)},
			{"socialni_rehabilitace", pct(0.01, dis, 0.08)},
			{"rana_pece", pct(0.01, p.parent(), 0.06)},
			{"socialne_aktivizacni_sluzby_pro_rodiny_s_detmi", pct(0.03, p.parent(), 0.2)},
			{"nizkoprahova_zarizeni_pro_deti_a_mladez", pct(0.04, p.young() || p.parent(), 0.25) + pct(0, p.remote, 0.1)},
			{"odborne_socialni_poradenstvi", 0.08},
			{"debt_advice", pct(0.05, p.excluded() || p.household == "single_parent", 0.3)},
			{"krizova_pomoc", pct(0.02, p.excluded(), 0.3)},
			{"azylove_domy", pct(0.01, p.excluded(), 0.4)},
			{"homeless_services", pct(0.01, p.excluded(), 0.35)},
			{"terenni_programy", pct(0.02, p.excluded(), 0.2)},
			{"other_service", 0.03},
		}, 4)
		if len(missing) == 0 {
			missing = []string{g.pick([]weighted{{"odlehcovaci_sluzby", pct(1, old, 2)}, {"pecovatelska_sluzba", pct(1, p.remote, 2)}, {"nizkoprahova_zarizeni_pro_deti_a_mladez", pct(1, p.parent(), 2)}})}
		}
		p.answers["services_missing"] = missing
		for _, m := range missing {
			if m == "other_service" {
				p.answers["services_missing_other"] = g.text(otherServices)
			}
		}
		if g.chance(0.9) {
			p.answers["would_use"] = g.pick([]weighted{{"definitely_yes", 35}, {"rather_yes", 35}, {"rather_no", 10}, {"definitely_no", 4}, {"dont_know", 16}})
		}
	}

	if g.chance(pct(0.22, p.remote || p.has("needs_care"), -0.14)) {
		p.answers["barriers"] = []string{"no_barriers"}
		return
	}
	barriers := g.some([]weighted{
		{"dont_know_where", pct(0.12, p.young(), 0.12)},
		{"too_little_information", 0.2},
		{"cost", pct(0.12, p.excluded() || p.household == "single_parent", 0.25)},
		{"not_available", pct(0.12, p.remote, 0.3)},
		{"transport", pct(0.1, p.remote, 0.45) + pct(0, old, 0.1)},
		{"waiting_list", pct(0.04, p.uses == "yes", 0.2) + pct(0, p.has("needs_care"), 0.1)},
		{"opening_hours", pct(0.04, carer, 0.2)},
		{"paperwork", 0.1},
		{"physical_barriers", pct(0.02, dis, 0.25)},
		{"stigma", pct(0.04, p.excluded(), 0.3)},
		{"distrust", 0.04},
		{"relative_refuses", pct(0.01, carer, 0.25)},
		{"not_suitable", 0.04},
		{"other", 0.02},
	}, 4)
	if len(barriers) > 0 {
		p.answers["barriers"] = barriers
	}
}

// future answers the last page: where people would like to live if they
// needed daily help, and their remarks.
func (p *resident) future() {
	g := p.g
	if g.chance(0.9) {
		switch {
		case p.age == "under_18" || p.age == "18_29":
			p.answers["future_care"] = g.pick([]weighted{{"home_family", 25}, {"home_services", 15}, {"with_relatives", 10}, {"sheltered_flat", 3}, {"care_home", 2}, {"dont_know", 45}})
		case p.senior():
			p.answers["future_care"] = g.pick([]weighted{{"home_family", 22}, {"home_services", 38}, {"with_relatives", 6}, {"sheltered_flat", 16}, {"care_home", 10}, {"dont_know", 8}})
		default:
			p.answers["future_care"] = g.pick([]weighted{{"home_family", 20}, {"home_services", 35}, {"with_relatives", 5}, {"sheltered_flat", 12}, {"care_home", 8}, {"dont_know", 20}})
		}
	}
	if !g.chance(0.16) {
		return
	}
	switch {
	case p.remote:
		p.answers["remarks"] = g.text(remarksRemote)
	case p.senior() || p.has("carer"):
		p.answers["remarks"] = g.text(remarksSeniors)
	case p.parent() || p.young():
		p.answers["remarks"] = g.text(remarksFamilies)
	default:
		p.answers["remarks"] = g.text(remarksGeneral)
	}
}

// raw returns the answers as the API takes them.
func (p *resident) raw() (map[string]json.RawMessage, error) {
	return rawAnswers(p.answers)
}

// rawAnswers encodes answers as JSON values keyed by question id.
func rawAnswers(answers map[string]any) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(answers))
	for k, v := range answers {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("demo: encode the answer to %s: %w", k, err)
		}
		out[k] = b
	}
	return out, nil
}
