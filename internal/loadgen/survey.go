package loadgen

import (
	"encoding/json"
	"fmt"

	"github.com/triada-kpss/triada/forms"
)

// Survey answer options.
var (
	surveyAges     = []string{"do-25", "26-45", "46-65", "66-80", "nad-80"}
	surveyServices = []string{"denni-stacionar", "pecovatelska", "osobni-asistence", "odlehcovaci",
		"socialni-poradenstvi", "domov-pro-seniory", "terenni-programy", "tisnova-pece"}
)

// Municipalities returns the values of the survey's municipality
// question: "obec-001", "obec-002", …
func Municipalities(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("obec-%03d", i+1)
	}
	return out
}

// Survey returns the needs survey that loads and benchmarks answer: the
// municipality (a required choice of municipalities values, the
// segment; 110 is Znojmo's microregions), an age band, the services used
// (multi), satisfaction (scale 1–5), the number of children (whole
// number), the waiting time in days (shown only to those who use day
// care) and a remark (text). Filters and breakdowns of the benchmarks
// name "obec" and "vek".
func Survey(id string, municipalities int) *forms.Definition {
	opts := func(values []string) []forms.Option {
		out := make([]forms.Option, len(values))
		for i, v := range values {
			out[i] = forms.Option{Value: v, Label: forms.Plain(v)}
		}
		return out
	}
	f := func(v float64) *float64 { return &v }
	services := opts(surveyServices)
	services[0].Tags = []string{"seniori", "zdravotne-postizeni"}
	return &forms.Definition{
		ID: id, Title: forms.Text{"cs": "Průzkum potřeb (zátěžový test)", "en": "Needs survey (load test)"},
		Audience: forms.AudienceResident, Segments: []string{"obec"},
		Pages: []forms.Page{
			{Title: forms.Plain("O vás"), Questions: []forms.Question{
				{ID: "obec", Type: forms.TypeChoice, Text: forms.Plain("Ve které obci žijete?"), Required: true, Options: opts(Municipalities(municipalities))},
				{ID: "vek", Type: forms.TypeChoice, Text: forms.Plain("Kolik je vám let?"), Options: opts(surveyAges)},
				{ID: "deti", Type: forms.TypeNumber, Text: forms.Plain("Kolik máte dětí?"), Min: f(0), Max: f(20), Integer: true},
			}},
			{Title: forms.Plain("Služby"), Questions: []forms.Question{
				{ID: "sluzby", Type: forms.TypeMulti, Text: forms.Plain("Které služby využíváte?"), Tags: []string{"seniori"}, Options: services},
				{ID: "cekani", Type: forms.TypeNumber, Text: forms.Plain("Kolik dní jste čekali na místo?"), Min: f(0), Max: f(3650),
					ShowIf: &forms.Condition{Question: "sluzby", Includes: "denni-stacionar"}},
				{ID: "spokojenost", Type: forms.TypeScale, Text: forms.Plain("Jak jste se službami spokojeni?"), Min: f(1), Max: f(5)},
				{ID: "poznamka", Type: forms.TypeText, Text: forms.Plain("Co vám chybí?"), MaxLength: 2000},
			}},
		},
	}
}

// SurveyJSON is Survey as the JSON body of POST /api/v1/questionnaires.
func SurveyJSON(id string, municipalities int) []byte {
	b, err := json.Marshal(Survey(id, municipalities))
	if err != nil {
		panic(err) // a Definition always marshals
	}
	return b
}
