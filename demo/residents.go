package demo

import "slices"

// municipalities of the fictional Mikroregion Podhůří, as the needs
// survey lists them, with how many of the respondents live there: the
// small town Kamenice pod Hůrkou, villages around it, remote hamlets.
var municipalities = []struct {
	code, name string
	weight     float64
	remote     bool // far from the town, with few buses
}{
	{"kamenice_pod_hurkou", "Kamenice pod Hůrkou", 31, false},
	{"lhota_pod_hurkou", "Lhota pod Hůrkou", 9, false},
	{"horni_bukovina", "Horní Bukovina", 9, false},
	{"dolni_bukovina", "Dolní Bukovina", 7, false},
	{"javorna", "Javorná", 6, false},
	{"olsany", "Olšany", 8, false},
	{"radostin", "Radostín", 5, true},
	{"studena_voda", "Studená Voda", 4, true},
	{"brezova", "Březová", 7, false},
	{"vlckovice", "Vlčkovice", 5, true},
	{"zalesi", "Zálesí", 4, true},
	{"mlynec", "Mlýnec", 3, true},
	{"other", "", 2, false},
}

// resident is the person behind one response of the needs survey: what is
// drawn first, and what later answers depend on.
type resident struct {
	g            rng
	municipality string
	remote       bool
	age          string
	household    string
	situation    []string
	uses         string
	used         []string
	answers      map[string]any
}

func (p *resident) senior() bool      { return p.age == "65_79" || p.age == "80_plus" }
func (p *resident) young() bool       { return p.age == "under_18" || p.age == "18_29" }
func (p *resident) has(s string) bool { return slices.Contains(p.situation, s) }
func (p *resident) parent() bool {
	return p.household == "family_children" || p.household == "single_parent"
}
func (p *resident) excluded() bool { return p.household == "no_stable_home" }

// newResident draws resident number i of seed and its answers to the
// needs survey, respecting show_if: a question that earlier answers hide
// gets no answer.
func newResident(seed uint64, i int) *resident {
	p := &resident{g: stream(seed, uint64(i)), answers: map[string]any{}}
	p.aboutYou()
	p.servicesUsed()
	p.missingAndBarriers()
	p.future()
	return p
}

// aboutYou answers the first page: where, how old, with whom, in what
// situation.
func (p *resident) aboutYou() {
	g := p.g
	var ws []weighted
	for _, m := range municipalities {
		ws = append(ws, weighted{m.code, m.weight})
	}
	p.municipality = g.pick(ws)
	for _, m := range municipalities {
		if m.code == p.municipality {
			p.remote = m.remote
		}
	}
	// Older people answer paper and online surveys more than the young.
	p.age = g.pick([]weighted{{"under_18", 3}, {"18_29", 10}, {"30_44", 20}, {"45_64", 28}, {"65_79", 27}, {"80_plus", 12}})
	p.household = g.pick(households[p.age])
	p.answers["municipality"] = p.municipality
	p.answers["age_band"] = p.age
	if g.chance(0.95) {
		p.answers["household"] = p.household
	}

	need := map[string]float64{"65_79": 0.15, "80_plus": 0.45}[p.age] + 0.04
	if p.household == "multigenerational" || p.household == "care_home" {
		need += 0.2
	}
	disability := map[string]float64{"65_79": 0.15, "80_plus": 0.25}[p.age] + 0.07
	carer := map[string]float64{"30_44": 0.08, "45_64": 0.2, "65_79": 0.15}[p.age] + 0.03
	p.situation = g.some([]weighted{{"disability", disability}, {"needs_care", need}, {"carer", carer}}, 0)
	if (p.has("needs_care") && g.chance(0.6)) || (p.has("disability") && g.chance(0.3)) {
		p.situation = append(p.situation, "care_allowance")
	}
	switch {
	case len(p.situation) > 0:
		p.answers["care_situation"] = p.situation
	case g.chance(0.85):
		p.answers["care_situation"] = []string{"none"}
	}
}

// households by age band.
var households = map[string][]weighted{
	"under_18": {{"family_children", 70}, {"single_parent", 20}, {"multigenerational", 10}},
	"18_29":    {{"alone", 20}, {"couple", 20}, {"family_children", 25}, {"single_parent", 8}, {"multigenerational", 15}, {"other_adults", 10}, {"no_stable_home", 2}},
	"30_44":    {{"alone", 10}, {"couple", 10}, {"family_children", 50}, {"single_parent", 14}, {"multigenerational", 10}, {"other_adults", 4}, {"no_stable_home", 2}},
	"45_64":    {{"alone", 18}, {"couple", 35}, {"family_children", 22}, {"single_parent", 5}, {"multigenerational", 10}, {"other_adults", 8}, {"no_stable_home", 2}},
	"65_79":    {{"alone", 35}, {"couple", 45}, {"multigenerational", 10}, {"other_adults", 5}, {"care_home", 3}, {"no_stable_home", 1}},
	"80_plus":  {{"alone", 45}, {"couple", 20}, {"multigenerational", 15}, {"other_adults", 5}, {"care_home", 15}},
}

// servicesUsed answers the second page: where people learn about services,
// which they use (more with age, care needs and hardship) and how
// satisfied they are.
func (p *resident) servicesUsed() {
	g := p.g
	senior, young := p.senior(), p.young()
	info := g.some([]weighted{
		{"municipal_office", pct(0.3, senior, 0.2)},
		{"local_news", pct(0.25, senior, 0.25)},
		{"internet", pct(0.45, senior, -0.3)},
		{"catalogue", 0.08},
		{"health_care", pct(0.12, senior || p.has("disability"), 0.3)},
		{"labour_office", pct(0.05, p.excluded(), 0.4)},
		{"provider", pct(0.08, p.has("needs_care"), 0.2)},
		{"school", pct(0.02, p.parent() || p.age == "under_18", 0.3)},
		{"parish_clubs", pct(0.05, senior, 0.15)},
		{"family_friends", 0.4},
	}, 4)
	switch {
	case g.chance(0.08) || len(info) == 0:
		p.answers["info_sources"] = []string{"dont_know"}
	default:
		p.answers["info_sources"] = info
	}

	yes := 0.08 + map[string]float64{"65_79": 0.2, "80_plus": 0.45}[p.age]
	yes += pct(0, p.has("needs_care"), 0.35) + pct(0, p.has("disability"), 0.25) +
		pct(0, p.household == "single_parent", 0.12) + pct(0, p.excluded(), 0.45) + pct(0, p.household == "care_home", 0.6)
	switch {
	case g.chance(0.04):
		p.uses = "dont_know"
	case g.chance(min(yes, 0.92)):
		p.uses = "yes"
	default:
		p.uses = "no"
	}
	if young && g.chance(0.05) {
		return // skipped the rest of the page
	}
	p.answers["uses_services"] = p.uses
	if p.uses != "yes" {
		return
	}
	p.used = p.pickUsed()
	if len(p.used) > 0 {
		p.answers["services_used"] = p.used
	}
	// Satisfaction: mostly content; less where services are far and slow.
	mean := 3.9 - pct(0, p.remote, 0.6) - pct(0, p.excluded(), 0.4) + pct(0, p.household == "care_home", 0.3)
	sat := min(5, max(1, int(mean+g.r.NormFloat64()*0.9+0.5)))
	if g.chance(0.93) {
		p.answers["satisfaction"] = float64(sat)
		if sat <= 3 && g.chance(0.45) {
			p.answers["satisfaction_comment"] = g.text(dissatisfied)
		}
	}
}

// pickUsed draws the services a user of services uses, by profile.
func (p *resident) pickUsed() []string {
	old, very := p.senior(), p.age == "80_plus"
	care, dis, carer := p.has("needs_care"), p.has("disability"), p.has("carer")
	used := p.g.some([]weighted{
		{"pecovatelska_sluzba", pct(0.05, old, 0.35) + pct(0, very || care, 0.25)},
		{"osobni_asistence", pct(0.02, dis, 0.3)},
		{"tisnova_pece", pct(0.01, old && p.household == "alone", 0.3)},
		{"odlehcovaci_sluzby", pct(0.01, carer, 0.25)},
		{"denni_stacionare", pct(0.01, care, 0.15)},
		{"domovy_pro_seniory", pct(0, p.household == "care_home" && old, 0.7)},
		{"domovy_se_zvlastnim_rezimem", pct(0, p.household == "care_home" && very, 0.25)},
		{"domovy_pro_osoby_se_zdravotnim_postizenim", pct(0, p.household == "care_home" && dis && !old, 0.6)},
		{"chranene_bydleni", pct(0, dis && !old, 0.08)},
		{"socialne_aktivizacni_sluzby_pro_seniory_a_osoby_se_zdravotnim_postizenim", pct(0.01, old || dis, 0.12)},
		{"socialne_terapeuticke_dilny", pct(0, dis && !old, 0.15)},
		{"socialni_rehabilitace", pct(0.01, dis && !old, 0.1)},
		{"rana_pece", pct(0, dis && p.parent(), 0.5)},
		{"socialne_aktivizacni_sluzby_pro_rodiny_s_detmi", pct(0.01, p.parent(), 0.3)},
		{"nizkoprahova_zarizeni_pro_deti_a_mladez", pct(0, p.young(), 0.35)},
		{"odborne_socialni_poradenstvi", 0.12},
		{"debt_advice", pct(0.03, p.excluded() || p.household == "single_parent", 0.35)},
		{"krizova_pomoc", pct(0.01, p.excluded(), 0.3)},
		{"azylove_domy", pct(0, p.excluded(), 0.45)},
		{"homeless_services", pct(0, p.excluded(), 0.35)},
		{"terenni_programy", pct(0.01, p.excluded(), 0.3)},
		{"kontaktni_centra", pct(0, p.age == "18_29" || p.age == "30_44", 0.03)},
		{"sluzby_nasledne_pece", pct(0, p.age == "18_29" || p.age == "30_44", 0.02)},
	}, 3)
	if len(used) == 0 && p.g.chance(0.7) {
		return []string{"odborne_socialni_poradenstvi"}
	}
	return used
}

// pct returns base, plus extra when cond holds: a probability that
// depends on the profile.
func pct(base float64, cond bool, extra float64) float64 {
	if cond {
		return base + extra
	}
	return base
}
