package storetest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// Questions of the generated survey; "obec" is the segment.
var (
	genAges     = []string{"do-25", "26-45", "46-65", "66-80", "nad-80"}
	genServices = []string{"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"}
	// genRemarks begin the text answers: searches must ignore case and
	// accents, and find the words anywhere.
	genRemarks = []string{
		"Chybí denní stacionář", "Špatná DOPRAVA do Znojma", "doprava k lékaři", "Málo pečovatelek",
		"Odlehčovací služba chybí", "nic", "Děkuji za průzkum", "Více informací o službách", "50% slevy; \"víc\" autobusů",
	}
)

func genMunicipalities(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("obec-%03d", i)
	}
	return out
}

// genDefinition is the definition the generated responses answer: choice
// (the segment, of municipalities values), choice, multi, scale, number
// and text.
func genDefinition(id string, municipalities int) *forms.Definition {
	opts := func(values []string) []forms.Option {
		out := make([]forms.Option, len(values))
		for i, v := range values {
			out[i] = forms.Option{Value: v, Label: forms.Plain(v)}
		}
		return out
	}
	return &forms.Definition{
		ID: id, Title: forms.Plain("Generated"), Audience: forms.AudienceResident, Segments: []string{"obec"},
		Pages: []forms.Page{{Questions: []forms.Question{
			{ID: "obec", Type: forms.TypeChoice, Text: forms.Plain("Obec"), Options: opts(genMunicipalities(municipalities))},
			{ID: "vek", Type: forms.TypeChoice, Text: forms.Plain("Věk"), Options: opts(genAges)},
			{ID: "sluzby", Type: forms.TypeMulti, Text: forms.Plain("Služby"), Options: opts(genServices)},
			{ID: "spokojenost", Type: forms.TypeScale, Text: forms.Plain("Spokojenost"), Min: ptr(1.0), Max: ptr(5.0)},
			{ID: "deti", Type: forms.TypeNumber, Text: forms.Plain("Děti")},
			{ID: "poznamka", Type: forms.TypeText, Text: forms.Plain("Poznámka")},
		}}},
	}
}

// generate returns n responses of questionnaire, the same for the same
// seed, with their answers and, written by hand, their codes.
func generate(questionnaire string, n, municipalities int, seed uint64) []*engine.Response {
	rng := rand.New(rand.NewPCG(seed, 0x7121ada))
	obce := genMunicipalities(municipalities)
	base := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	out := make([]*engine.Response, n)
	for i := range out {
		a := forms.Answers{}
		var codes []string
		if rng.Float64() < 0.98 {
			v := obce[rng.IntN(len(obce))]
			a["obec"], codes = v, append(codes, "obec", "obec="+v)
		}
		if rng.Float64() < 0.97 {
			v := genAges[rng.IntN(len(genAges))]
			a["vek"], codes = v, append(codes, "vek", "vek="+v)
		}
		var picked []string
		for _, s := range genServices {
			if rng.Float64() < 0.3 {
				picked = append(picked, s)
			}
		}
		if len(picked) > 0 {
			a["sluzby"], codes = picked, append(codes, "sluzby")
			for _, s := range picked {
				codes = append(codes, "sluzby="+s)
			}
		}
		if rng.Float64() < 0.95 {
			v := float64(1 + rng.IntN(5))
			a["spokojenost"], codes = v, append(codes, "spokojenost", "spokojenost="+forms.FormatNumber(v))
		}
		if rng.Float64() < 0.9 {
			v := float64(rng.IntN(5))
			if rng.IntN(10) == 0 {
				v += 0.5
			}
			a["deti"], codes = v, append(codes, "deti", "deti="+forms.FormatNumber(v))
		}
		var folded map[string]string
		if rng.Float64() < 0.7 {
			text := genRemarks[rng.IntN(len(genRemarks))] + strings.Repeat(" text", rng.IntN(20))
			a["poznamka"], codes = text, append(codes, "poznamka")
			folded = map[string]string{"poznamka": engine.Fold(text)}
		}
		out[i] = &engine.Response{
			ID: fmt.Sprintf("%s-%06d", questionnaire, i), QuestionnaireID: questionnaire,
			Answers: a, Codes: codes, Folded: folded, CreatedAt: base.Add(time.Duration(i) * time.Second),
		}
	}
	return out
}

// expectCounts counts rs for q the plain way, independently of any store.
func expectCounts(rs []*engine.Response, q engine.CountQuery) *engine.Counts {
	c := &engine.Counts{Codes: map[string]int{}}
	if q.Segment != "" {
		c.Segments = map[string]*engine.SegmentCounts{}
	}
	for _, r := range rs {
		if r.QuestionnaireID != q.Questionnaire || !containsAll(r.Codes, q.Filters) || !holdsOneOfEach(r.Codes, q.AnyOf) {
			continue
		}
		c.Total++
		for _, code := range r.Codes {
			c.Codes[code]++
		}
		if q.Segment == "" {
			continue
		}
		for _, code := range r.Codes {
			v, ok := strings.CutPrefix(code, q.Segment+"=")
			if !ok {
				continue
			}
			sc := c.Segments[v]
			if sc == nil {
				sc = &engine.SegmentCounts{Codes: map[string]int{}}
				c.Segments[v] = sc
			}
			sc.Total++
			for _, code := range r.Codes {
				sc.Codes[code]++
			}
		}
	}
	return c
}

func containsAll(codes, filters []string) bool {
	for _, f := range filters {
		if !slices.Contains(codes, f) {
			return false
		}
	}
	return true
}

// holdsOneOfEach reports whether codes hold at least one code of each
// non-empty set.
func holdsOneOfEach(codes []string, sets [][]string) bool {
	for _, set := range sets {
		if len(set) > 0 && !slices.ContainsFunc(set, func(c string) bool { return slices.Contains(codes, c) }) {
			return false
		}
	}
	return true
}

// load stores rs with a few concurrent writers.
func load(tb testing.TB, st engine.Store, rs []*engine.Response) {
	tb.Helper()
	const writers = 16
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := w; i < len(rs); i += writers {
				if err := st.CreateResponse(ctx, rs[i]); err != nil {
					errs <- fmt.Errorf("CreateResponse %s: %w", rs[i].ID, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
}
