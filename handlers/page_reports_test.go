package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

const reportSurvey = `id: report-2027
title: "Průzkum potřeb 2027"
audience: resident
segments: [municipality]
pages:
  - questions:
      - id: municipality
        type: choice
        text: "Obec"
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: slany, label: "Slaný"}
          - {value: other, label: "Jiná obec"}
      - id: age
        type: choice
        text: "Věk"
        options:
          - {value: under65, label: "do 64 let"}
          - {value: "65-74", label: "65–74 let"}
          - {value: "75plus", label: "75 a více let"}
      - id: missing
        type: multi
        text: "Které služby vám chybí?"
        options:
          - {value: day_care, label: "Denní stacionář", tags: [seniors]}
          - {value: transport, label: "Doprava"}
          - {value: respite, label: "Odlehčovací služba", tags: [seniors]}
      - id: quality
        type: scale
        text: "Spokojenost se službami"
        min: 1
        max: 5
      - id: waiting
        type: number
        text: "Kolik dní čekáte na službu?"
        min: 0
        max: 3650
      - id: remarks
        type: text
        text: "Co byste vzkázali městu?"
        tags: [seniors]
`

// reportAnswers are the responses the report tests submit; the tests
// count them here, independently of the engine, to check the pages.
type reportAnswer struct {
	Municipality, Age string
	Missing           []string
	Quality, Waiting  float64 // 0: not answered
	Remarks, Code     string
}

var reportAnswers = []reportAnswer{
	{"znojmo", "under65", []string{"transport"}, 4, 10, "Více autobusů", "doprava"},
	{"znojmo", "65-74", []string{"day_care", "transport"}, 2, 30, "Chybí stacionář", "stacionar"},
	{"znojmo", "75plus", []string{"day_care"}, 3, 0, "", ""},
	{"slany", "65-74", []string{"respite"}, 5, 14, "Díky", ""},
	{"slany", "75plus", []string{"day_care", "respite"}, 1, 60, "Stacionář a doprava", "stacionar"},
	{"slany", "under65", nil, 4, 0, "", ""},
	{"other", "75plus", []string{"transport"}, 0, 7, "Autobus v neděli", "doprava"},
	{"", "65-74", []string{"day_care"}, 2, 0, "", ""},
}

// mustReportFixture serves the report survey with reportAnswers
// submitted, coded, and a working group of seniors with a provider.
func mustReportFixture(t *testing.T) *pageFixture {
	t.Helper()
	ctx := context.Background()
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(reportSurvey))
	for _, a := range reportAnswers {
		answers := map[string]any{}
		put := func(k string, v any, given bool) {
			if given {
				answers[k] = v
			}
		}
		put("municipality", a.Municipality, a.Municipality != "")
		put("age", a.Age, a.Age != "")
		put("missing", a.Missing, a.Missing != nil)
		put("quality", a.Quality, a.Quality != 0)
		put("waiting", a.Waiting, a.Waiting != 0)
		put("remarks", a.Remarks, a.Remarks != "")
		raw := map[string]json.RawMessage{}
		for k, v := range answers {
			raw[k], _ = json.Marshal(v)
		}
		r, err := f.eng.SubmitResponse(ctx, "report-2027", raw, "")
		if err != nil {
			t.Fatalf("submit %+v: %v", a, err)
		}
		if a.Code != "" {
			if _, err := f.eng.CodeAnswer(ctx, engine.Operator(), "report-2027", "remarks", r.ID, engine.CodingChange{Add: []string{a.Code}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := f.eng.CreateProvider(ctx, engine.Operator(), engine.ProviderInput{Name: "Pečovatelská služba Slaný", ICO: "00234915", Municipality: "Slaný",
		Services: []engine.ServiceInput{{Type: "pecovatelska_sluzba", Form: "field", TargetGroups: []string{"seniori"}, Capacity: new(40), WaitingDays: new(14)}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.CreateProvider(ctx, engine.Operator(), engine.ProviderInput{Name: "Domov Znojmo", ICO: "25755277", Municipality: "Znojmo",
		Services: []engine.ServiceInput{{Type: "domovy_pro_seniory", Form: "residential", TargetGroups: []string{"seniori"}, Capacity: new(60), WaitingDays: new(120)}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.CreateGroup(ctx, engine.Operator(), engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniors"}, TargetGroups: []string{"seniori"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.CreateGroup(ctx, engine.Operator(), engine.GroupInput{ID: "rodiny", Name: "Rodiny s dětmi", Tags: []string{"nikde-neoznaceno"}}); err != nil {
		t.Fatal(err)
	}
	return f
}

// matching returns the answers that meet keep.
func matching(keep func(reportAnswer) bool) []reportAnswer {
	var out []reportAnswer
	for _, a := range reportAnswers {
		if keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// wantRow is the table row the report shows for an option counted n
// times of answered, written the Czech way.
func wantRow(label string, n, answered int) string {
	return fmt.Sprintf(`<tr><th scope="row">%s</th><td class="report-table__num">%d</td><td class="report-table__num">%s</td></tr>`, label, n, pct(n, answered))
}

// pct writes a share of n in answered as the pages do: "66,7 %".
func pct(n, answered int) string {
	share := 0.0
	if answered > 0 {
		share = math.Round(float64(n)*1000/float64(answered)) / 10
	}
	return strings.ReplaceAll(strconv.FormatFloat(share, 'f', -1, 64), ".", ",") + "\u00a0%"
}

func (f *pageFixture) member(t *testing.T, email, group string) *visitor {
	t.Helper()
	v := f.signedIn(t, email, engine.RoleMember)
	if group != "" {
		if _, err := f.eng.AddGroupMember(context.Background(), engine.Operator(), group, email); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

func TestReports_List(t *testing.T) {
	f := mustReportFixture(t)
	coord := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	coord.get("/work/reports").want(t, http.StatusOK, `<a class="staff-nav__link" href="/work/reports" aria-current="page">Výsledky</a>`,
		`<a href="/work/reports/q/report-2027">Průzkum potřeb 2027</a></th><td data-label="Otázky">6</td><td data-label="Odpovědi">8</td>`,
		`<a href="/work/reports/g/seniori">Senioři</a>`, `<a href="/work/reports/g/seniori?questionnaire=report-2027">Průzkum potřeb 2027</a> – 8 odpovědí, 2 otázky pro skupinu`,
		`<a href="/work/reports/g/rodiny">Rodiny s dětmi</a>`)
	coord.get("/work").want(t, http.StatusOK, `<a href="/work/reports">`, `<a href="/work/reports/g/seniori">Senioři</a>`)

	// A member sees the reports of their own group only.
	m := f.member(t, "clen@obec.cz", "seniori")
	m.get("/work/reports").want(t, http.StatusOK, `href="/work/reports"`, `<a href="/work/reports/g/seniori?questionnaire=report-2027">`).
		lacks(t, "/work/reports/q/", "Rodiny s dětmi")
	f.member(t, "nikdo@obec.cz", "").get("/work/reports").want(t, http.StatusOK, "Nejste členem žádné pracovní skupiny.")
	f.visitor(t).get("/work/reports").redirects(t, "/signin?next=%2Fwork%2Freports")
}

func TestReports_Questionnaire(t *testing.T) {
	f := mustReportFixture(t)
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	p := v.get("/work/reports/q/report-2027").want(t, http.StatusOK, "Zobrazeno odpovědí: 8 z 8.",
		`<a href="/work/reports/q/report-2027?print=1">Verze pro tisk</a>`,
		`<a href="/work/questionnaires/report-2027/text/remarks">Kódovat odpovědi`,
		`<select class="select" id="segment" name="segment">`, `<option value="municipality">Obec</option>`)
	all := matching(func(reportAnswer) bool { return true })
	wantFigures(t, p, all)
	// Every question has a chart with an accessible name beside its table.
	if n := strings.Count(p.body, `role="img"`); n != 6 {
		t.Errorf("%d charts, want one per question (6)", n)
	}
}

// wantFigures checks the tables of the report against the answers as
// counted here.
func wantFigures(t *testing.T, p *page, as []reportAnswer) {
	t.Helper()
	count := func(keep func(reportAnswer) bool) int {
		n := 0
		for _, a := range as {
			if keep(a) {
				n++
			}
		}
		return n
	}
	var rows []string
	answeredAge := count(func(a reportAnswer) bool { return a.Age != "" })
	for value, label := range map[string]string{"under65": "do 64 let", "65-74": "65–74 let", "75plus": "75 a více let"} {
		rows = append(rows, wantRow(label, count(func(a reportAnswer) bool { return a.Age == value }), answeredAge))
	}
	answeredMissing := count(func(a reportAnswer) bool { return a.Missing != nil })
	for value, label := range map[string]string{"day_care": "Denní stacionář", "transport": "Doprava", "respite": "Odlehčovací služba"} {
		rows = append(rows, wantRow(label, count(func(a reportAnswer) bool { return slices.Contains(a.Missing, value) }), answeredMissing))
	}
	answeredQuality := count(func(a reportAnswer) bool { return a.Quality != 0 })
	var qs []float64
	for point := 1; point <= 5; point++ {
		rows = append(rows, wantRow(strconv.Itoa(point), count(func(a reportAnswer) bool { return a.Quality == float64(point) }), answeredQuality))
	}
	for _, a := range as {
		if a.Quality != 0 {
			qs = append(qs, a.Quality)
		}
	}
	answeredRemarks := count(func(a reportAnswer) bool { return a.Remarks != "" })
	for _, code := range []string{"doprava", "stacionar"} {
		if n := count(func(a reportAnswer) bool { return a.Code == code }); n > 0 {
			rows = append(rows, wantRow(code, n, answeredRemarks))
		}
	}
	rows = append(rows, fmt.Sprintf("Na otázku odpověděl%s %d respondent", czechVerb(answeredRemarks), answeredRemarks))
	if len(qs) > 0 {
		slices.Sort(qs)
		sum := 0.0
		for _, q := range qs {
			sum += q
		}
		median := qs[len(qs)/2]
		if len(qs)%2 == 0 {
			median = (qs[len(qs)/2-1] + qs[len(qs)/2]) / 2
		}
		rows = append(rows, "<dt>Průměr</dt><dd>"+czech(sum/float64(len(qs)))+"</dd>", "<dt>Medián</dt><dd>"+czech(median)+"</dd>",
			"<dt>Nejmenší hodnota</dt><dd>"+czech(qs[0])+"</dd>", "<dt>Největší hodnota</dt><dd>"+czech(qs[len(qs)-1])+"</dd>")
	}
	p.want(t, http.StatusOK, rows...)
}

// czechVerb is the ending of "odpověděl" for n people.
func czechVerb(n int) string {
	switch {
	case n == 1:
		return ""
	case n >= 2 && n <= 4:
		return "i"
	}
	return "o"
}

// czech writes a number with at most two decimals and a decimal comma.
func czech(f float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64), ".", ",")
}

func TestReports_Filters(t *testing.T) {
	f := mustReportFixture(t)
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)

	// Two options of one question: either (65–74 OR 75+).
	older := matching(func(a reportAnswer) bool { return a.Age == "65-74" || a.Age == "75plus" })
	q := url.Values{"filter": {"age:65-74", "age:75plus"}}
	p := v.get("/work/reports/q/report-2027?"+q.Encode()).want(t, http.StatusOK,
		fmt.Sprintf("Zobrazeno odpovědí: %d z 8.", len(older)), "<li>Věk: 65–74 let nebo 75 a více let</li>",
		`<details class="report-filter" open>`,
		`id="filter-age-1" name="filter" value="age:65-74" checked>`, `id="filter-age-2" name="filter" value="age:75plus" checked>`)
	wantFigures(t, p, older)

	// And a second question: both must hold.
	q.Add("filter", "municipality:znojmo")
	both := matching(func(a reportAnswer) bool {
		return (a.Age == "65-74" || a.Age == "75plus") && a.Municipality == "znojmo"
	})
	p = v.get("/work/reports/q/report-2027?"+q.Encode()).want(t, http.StatusOK, fmt.Sprintf("Zobrazeno odpovědí: %d z 8.", len(both)),
		"<li>Obec: Znojmo</li>")
	wantFigures(t, p, both)

	// Two options of a multi question: any of them.
	q = url.Values{"filter": {"missing:respite", "missing:transport"}}
	either := matching(func(a reportAnswer) bool {
		return slices.Contains(a.Missing, "respite") || slices.Contains(a.Missing, "transport")
	})
	wantFigures(t, v.get("/work/reports/q/report-2027?"+q.Encode()).want(t, http.StatusOK, fmt.Sprintf("Zobrazeno odpovědí: %d z 8.", len(either))), either)

	// A filter matching nothing.
	q = url.Values{"filter": {"municipality:other", "age:65-74"}}
	v.get("/work/reports/q/report-2027?"+q.Encode()).want(t, http.StatusOK, "Zobrazeno odpovědí: 0 z 8.")

	// The API keeps its own meaning: repeated filters must all hold.
	tok := MustCreateToken(t, f.eng)
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/api/v1/questionnaires/report-2027/results?filter=age:65-74&filter=age:75plus", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct{ Total int }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK || res.Total != 0 {
		t.Fatalf("the API with two filters of one choice question: %d, total %d (%v), want 200 and 0", resp.StatusCode, res.Total, err)
	}
}

func TestReports_Segment(t *testing.T) {
	f := mustReportFixture(t)
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	p := v.get("/work/reports/q/report-2027?segment=municipality&filter=age:65-74&filter=age:75plus").want(t, http.StatusOK,
		"Rozděleno podle otázky: Obec.", `<option value="municipality" selected>Obec</option>`, `class="chart__legend"`)
	// Each municipality's column, counted here.
	older := matching(func(a reportAnswer) bool { return a.Age == "65-74" || a.Age == "75plus" })
	for value, label := range map[string]string{"znojmo": "Znojmo", "slany": "Slaný", "other": "Jiná obec"} {
		in := matching(func(a reportAnswer) bool { return (a.Age == "65-74" || a.Age == "75plus") && a.Municipality == value })
		if len(in) == 0 {
			continue
		}
		p.want(t, http.StatusOK, fmt.Sprintf(`%s <span class="report-table__n">(n = %d)</span>`, label, len(in)))
	}
	// The day-care row of "missing": its count and share in each column.
	var cells []string
	for _, value := range []string{"znojmo", "slany", "other"} {
		n, answered := 0, 0
		for _, a := range older {
			if a.Municipality != value {
				continue
			}
			if a.Missing != nil {
				answered++
			}
			if slices.Contains(a.Missing, "day_care") {
				n++
			}
		}
		cells = append(cells, fmt.Sprintf(`<td class="report-table__num">%d (%s)</td>`, n, pct(n, answered)))
	}
	p.want(t, http.StatusOK, `<tr><th scope="row">Denní stacionář</th>`+strings.Join(cells, "")+`</tr>`)
	if n := strings.Count(p.body, `class="chart__legend"`); n != 6 {
		t.Errorf("%d grouped charts, want 6", n)
	}
}

func TestReports_BadParameters(t *testing.T) {
	f := mustReportFixture(t)
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	for _, c := range []struct{ query, message string }{
		{"filter=nope:x", "Dotazník nemá otázku „nope“."},
		{"filter=age:old", "Otázka „Věk“ nemá možnost „old“."},
		{"filter=age", "Filtr „age“ nemá tvar OTÁZKA:HODNOTA."},
		{"filter=remarks:x", "Podle otázky s volnou odpovědí „Co byste vzkázali městu?“ nelze filtrovat."},
		{"filter=quality:dobra", "Otázka „Spokojenost se službami“ má za odpověď číslo, ne „dobra“."},
		{"segment=quality", "Podle „quality“ nelze výsledky rozdělit"},
		{"segment=nic&filter=age:65-74", "Podle „nic“ nelze výsledky rozdělit"},
	} {
		t.Run(c.query, func(t *testing.T) {
			p := v.get("/work/reports/q/report-2027?"+c.query).want(t, http.StatusBadRequest, c.message, `class="error-summary"`,
				`<form method="get" action="/work/reports/q/report-2027"`).lacks(t, "Zobrazeno odpovědí", `role="img"`)
			if !strings.Contains(p.body, `href="#filters"`) && !strings.Contains(p.body, `href="#segment"`) {
				t.Error("the error summary links to no field")
			}
		})
	}
	// A valid filter on a number works from the address too.
	v.get("/work/reports/q/report-2027?filter=quality:4").want(t, http.StatusOK, "Zobrazeno odpovědí: 2 z 8.", "Spokojenost se službami: 4")
	v.get("/work/reports/q/nope").want(t, http.StatusNotFound)
	v.get("/work/reports/g/nope").want(t, http.StatusNotFound)
	v.get("/work/reports/g/seniori?questionnaire=nope").want(t, http.StatusNotFound)
	v.get("/work/reports/g/seniori?questionnaire=report-2027&filter=age:old").want(t, http.StatusBadRequest, "Otázka „Věk“ nemá možnost „old“.",
		`<input type="hidden" name="questionnaire" value="report-2027">`)
}

func TestReports_Group(t *testing.T) {
	f := mustReportFixture(t)
	m := f.member(t, "clen@obec.cz", "seniori")
	m.get("/work/reports/g/seniori").want(t, http.StatusOK, "<h1 class=\"heading-l\">Senioři</h1>",
		`<a href="/work/reports/g/seniori?questionnaire=report-2027">Průzkum potřeb 2027</a> – 2 otázky pro skupinu`,
		"Nabídka služeb", "<dt>Poskytovatelé</dt><dd>2</dd>", "<dt>Kapacita</dt><dd>100</dd>",
		"<dt>Čekací doba, medián (dny)</dt><dd>67</dd>", "<dt>Nejdelší čekací doba (dny)</dt><dd>120</dd>",
		`<tr><th scope="row">Slaný</th><td class="report-table__num">1</td><td class="report-table__num">40</td>`,
		`<a href="/providers/`, "Pečovatelská služba Slaný").lacks(t, "Zobrazeno odpovědí")

	older := matching(func(a reportAnswer) bool { return a.Age == "75plus" })
	p := m.get("/work/reports/g/seniori?questionnaire=report-2027&filter=age:75plus").want(t, http.StatusOK,
		"Výsledky pro pracovní skupinu Senioři", fmt.Sprintf("Zobrazeno odpovědí: %d z 8.", len(older)),
		`id="question-missing"`, `id="question-remarks"`, `<a href="/work/questionnaires/report-2027/text/remarks">`,
		`<input type="hidden" name="questionnaire" value="report-2027">`, "Nabídka služeb",
		`<a href="/work/reports/g/seniori?filter=age%3A75plus&amp;print=1&amp;questionnaire=report-2027">Verze pro tisk</a>`).
		lacks(t, `id="question-age"`, `id="question-quality"`)
	answered := 0
	n := 0
	for _, a := range older {
		if a.Missing != nil {
			answered++
		}
		if slices.Contains(a.Missing, "day_care") {
			n++
		}
	}
	p.want(t, http.StatusOK, wantRow("Denní stacionář", n, answered))

	// Another group's member, and a group without target groups.
	f.member(t, "rodic@obec.cz", "rodiny").get("/work/reports/g/seniori").want(t, http.StatusForbidden)
	f.member(t, "rodic2@obec.cz", "rodiny").get("/work/reports/g/seniori?questionnaire=report-2027").want(t, http.StatusForbidden)
	f.signedIn(t, "k@obec.cz", engine.RoleCoordinator).get("/work/reports/g/rodiny").want(t, http.StatusOK,
		"Skupina nemá určené cílové skupiny služeb", "Žádný dotazník zatím nemá")
}

func TestReports_Print(t *testing.T) {
	f := mustReportFixture(t)
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	v.get("/work/reports/q/report-2027?filter=age:65-74&print=1").want(t, http.StatusOK, "<li>Věk: 65–74 let</li>", `role="img"`,
		`<a href="/work/reports/q/report-2027?filter=age%3A65-74">Zpět na výsledky s filtry</a>`).lacks(t, `<form method="get"`)
}

// Thirteen municipalities are too many series for a grouped chart, and
// 31 different numbers too many rows: the table (or the statistics)
// stand alone, and say so.
func TestReports_Limits(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	var def strings.Builder
	def.WriteString("id: limits\ntitle: \"Meze\"\naudience: resident\nsegments: [obec]\npages:\n  - questions:\n      - id: obec\n        type: choice\n        text: \"Obec\"\n        options:\n")
	for i := range 13 {
		fmt.Fprintf(&def, "          - {value: o%d, label: \"Obec %d\"}\n", i, i)
	}
	def.WriteString("      - id: dny\n        type: number\n        text: \"Dny\"\n        min: 0\n        max: 1000\n")
	f.MustCreate(t, []byte(def.String()))
	for i := range 31 {
		raw := map[string]json.RawMessage{"obec": json.RawMessage(fmt.Sprintf(`"o%d"`, i%13)), "dny": json.RawMessage(strconv.Itoa(i * 3))}
		if _, err := f.eng.SubmitResponse(context.Background(), "limits", raw, ""); err != nil {
			t.Fatal(err)
		}
	}
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	p := v.get("/work/reports/q/limits?segment=obec").want(t, http.StatusOK, "Zobrazeno odpovědí: 31 z 31.",
		"Skupin je na graf příliš mnoho; údaje jsou v tabulce.", "Odpovědi mají příliš mnoho různých hodnot na tabulku",
		"<dt>Průměr</dt><dd>45</dd>", "<dt>Medián</dt><dd>45</dd>", "<dt>Největší hodnota</dt><dd>90</dd>",
		`Obec 12 <span class="report-table__n">(n = 2)</span>`).lacks(t, "chart__legend")
	if n := strings.Count(p.body, `role="img"`); n != 1 {
		t.Errorf("%d charts, want only the municipalities' own", n)
	}
}
