package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// mustCatalogue publishes three providers: home care in Slaný, a home
// for older people in Zlonice, a shelter in Kladno. It returns their ids.
func (f *pageFixture) mustCatalogue(tb testing.TB) []string {
	tb.Helper()
	n := func(i int) *int { return &i }
	var ids []string
	for _, in := range []engine.ProviderInput{
		{Name: "Charita Slaný", ICO: "00234915", Municipality: "Slaný", Address: "Husova 12", Description: "Pomoc seniorům doma.",
			Contact: engine.ContactInput{Person: "Jana Nováková", Email: "info@charita-slany.cz", Phone: "+420 312 000 111", Web: "https://charita-slany.cz"},
			Services: []engine.ServiceInput{{Name: "Pečovatelská služba Charity Slaný", Type: "pecovatelska_sluzba", Form: "field",
				TargetGroups: []string{"seniori", "osoby_se_zdravotnim_postizenim"}, Capacity: n(40), WaitingDays: n(14), Area: "Slaný a okolí"}}},
		{Name: "Domov Zlonice", ICO: "70891095", Municipality: "Zlonice",
			Services: []engine.ServiceInput{{Type: "domovy_pro_seniory", Form: "residential", TargetGroups: []string{"seniori"}, Capacity: n(80), WaitingDays: n(365)}}},
		{Name: "Azylový dům Kladno", ICO: "25755277", Municipality: "Kladno", Description: "Ubytování pro lidi bez domova.",
			Services: []engine.ServiceInput{{Type: "azylove_domy", Form: "residential", TargetGroups: []string{"osoby_bez_pristresi"}, Capacity: n(24)}}},
	} {
		p, err := f.eng.CreateProvider(context.Background(), engine.Operator(), in)
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	return ids
}

func TestPages_Catalogue(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	ids := f.mustCatalogue(t)
	v := f.visitor(t)

	t.Run("Home links to it", func(t *testing.T) {
		v.get("/").want(t, http.StatusOK, `href="/providers"`)
	})
	t.Run("All", func(t *testing.T) {
		v.get("/providers").want(t, http.StatusOK, "Nalezeni 3 poskytovatelé", "Charita Slaný", "Domov Zlonice", "Azylový dům Kladno",
			`<form class="search" method="get" action="/providers"`, `<label class="label" for="q">`,
			`<option value="Zlonice">Zlonice</option>`, `<option value="seniori">Senioři</option>`,
			`<option value="field">terénní</option>`).lacks(t, "<script>")
	})
	t.Run("Search ignores case and accents", func(t *testing.T) {
		v.get("/providers?q=PECOVATELSKA").want(t, http.StatusOK, "Nalezen 1 poskytovatel", "Charita Slaný",
			"Pečovatelská služba Charity Slaný (terénní)", `value="PECOVATELSKA"`).lacks(t, "Domov Zlonice")
	})
	t.Run("Filters combine", func(t *testing.T) {
		v.get("/providers?target_group=seniori").want(t, http.StatusOK, "Nalezeni 2 poskytovatelé")
		v.get("/providers?target_group=seniori&form=residential").want(t, http.StatusOK, "Nalezen 1 poskytovatel", "Domov Zlonice",
			`<option value="residential" selected>`)
		v.get("/providers?target_group=seniori&form=residential&municipality=slany").want(t, http.StatusOK, "Nalezeno 0 poskytovatelů",
			"Hledání neodpovídá žádný poskytovatel")
		v.get("/providers?service_type=azylove_domy&q=domova").want(t, http.StatusOK, "Nalezen 1 poskytovatel", "Azylový dům Kladno")
	})
	t.Run("Bad input", func(t *testing.T) {
		v.get("/providers?q=zzz&target_group="+url.QueryEscape("<script>")).want(t, http.StatusOK, "Nalezeno 0 poskytovatelů").lacks(t, "<script>")
		v.get("/providers?q=%FF%FE").want(t, http.StatusBadRequest)
		v.get("/providers?q="+strings.Repeat("a", 5000)).want(t, http.StatusOK, "Nalezeno 0 poskytovatelů")
	})
	t.Run("Language", func(t *testing.T) {
		v.get("/providers?lang=en&q=pecovatelska").want(t, http.StatusOK, "1 provider found", "(field (outreach", `<option value="seniori">Older people (seniors)</option>`)
		v.get("/providers?lang=sk&q=pecovatelska").want(t, http.StatusOK, "Nájdený 1 poskytovateľ", "(terénna)")
		v.get("/providers?lang=cs").want(t, http.StatusOK)
	})
	t.Run("Detail", func(t *testing.T) {
		v.get("/providers/"+ids[0]).want(t, http.StatusOK, "<h1 class=\"heading-xl\">Charita Slaný</h1>", "Jana Nováková",
			`href="tel:&#43;420312000111"`, `href="mailto:info@charita-slany.cz"`, "Pečovatelská služba Charity Slaný",
			"Pečovatelská služba</span>", "Osoby se zdravotním postižením, Senioři", "<td data-label=\"Kapacita\">40</td>", "14 dní", "Slaný a okolí")
		v.get("/providers/"+ids[2]).want(t, http.StatusOK, "bez čekání")
		v.get("/providers/nope").want(t, http.StatusNotFound)
	})
	t.Run("Directory", func(t *testing.T) {
		p := v.get("/providers/print").want(t, http.StatusOK, "<h2 class=\"heading-m\">Senioři</h2>", "<h2 class=\"heading-m\">Osoby bez přístřeší</h2>")
		if strings.Index(p.body, ">Senioři<") > strings.Index(p.body, ">Osoby bez přístřeší<") {
			t.Error("the directory does not follow the order of the code list")
		}
		if strings.Count(p.body, "Domov Zlonice") != 1 || strings.Count(p.body, "Charita Slaný,") != 2 {
			t.Errorf("each service belongs under each of its target groups: %.2000s", p.body)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		p := v.get("/providers.csv?target_group=seniori").want(t, http.StatusOK)
		if ct := p.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if !strings.HasPrefix(p.body, "\uFEFFprovider_id,name,ico,") {
			t.Errorf("no BOM and header: %.100q", p.body)
		}
		if lines := strings.Split(strings.TrimSpace(p.body), "\n"); len(lines) != 3 ||
			!strings.Contains(p.body, "pecovatelska_sluzba,Pečovatelská služba,field,terénní,osoby_se_zdravotnim_postizenim|seniori,Osoby se zdravotním postižením|Senioři") {
			t.Errorf("csv %s", p.body)
		}
		// The phone number typed "+420 …" would be a formula in a
		// spreadsheet: it comes with a leading apostrophe.
		if !strings.Contains(p.body, ",'+420 312 000 111,") {
			t.Errorf("a cell that begins with + is not defused: %s", p.body)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		p := v.get("/providers.json?q=azylovy").want(t, http.StatusOK)
		var got []map[string]any
		if err := json.Unmarshal([]byte(p.body), &got); err != nil || len(got) != 1 || got[0]["ico"] != "25755277" {
			t.Errorf("json %v %s", err, p.body)
		}
		var lists map[string][]map[string]any
		if err := json.Unmarshal([]byte(v.get("/codelists.json").want(t, http.StatusOK).body), &lists); err != nil ||
			len(lists["forms"]) != 3 || len(lists["target_groups"]) == 0 || len(lists["service_types"]) == 0 {
			t.Errorf("code lists %v", err)
		}
	})
}
