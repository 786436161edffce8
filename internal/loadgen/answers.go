package loadgen

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/triada-kpss/triada/forms"
)

// Generator makes random, valid answers to one questionnaire: every
// required question is answered, others mostly; values are chosen among
// the options, within min and max, whole where the question asks for it,
// and texts within max_length. The same seed gives the same answers.
type Generator struct {
	def *forms.Definition
	rng *rand.Rand
}

// NewGenerator returns a Generator for def.
func NewGenerator(def *forms.Definition, seed uint64) *Generator {
	return &Generator{def: def, rng: rand.New(rand.NewPCG(seed, 0x7121ada))}
}

// words make up text answers.
var words = strings.Fields(`chybí denní stacionář pro seniory v naší obci autobus jezdí
	jen dvakrát denně pečovatelská služba by měla chodit i o víkendu děkuji za
	možnost se vyjádřit dlouho čekáme na místo v domově odlehčovací služba
	pomohla naší rodině`)

// Raw returns one set of answers as the API takes them, keyed by question
// id. It checks them with the definition (ValidateAnswers) and fails only
// if the definition asks for something the generator cannot give (a
// required question of an unknown type, say).
func (g *Generator) Raw() (map[string]json.RawMessage, error) {
	raw := map[string]json.RawMessage{}
	for _, q := range g.def.Questions() {
		if !q.Required && g.rng.Float64() < 0.1 {
			continue // not every question is answered
		}
		v := g.value(q)
		if v == nil {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		raw[q.ID] = b
	}
	if _, errs := g.def.ValidateAnswers(raw); len(errs) > 0 {
		return nil, fmt.Errorf("loadgen: generated answers to %q are invalid: %s: %s", g.def.ID, errs[0].Field, errs[0].Message)
	}
	return raw, nil
}

// Body returns one request body of POST …/responses: {"answers": {…}}.
func (g *Generator) Body() ([]byte, error) {
	raw, err := g.Raw()
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Answers map[string]json.RawMessage `json:"answers"`
	}{raw})
}

// Bodies returns n request bodies.
func (g *Generator) Bodies(n int) ([][]byte, error) {
	out := make([][]byte, n)
	for i := range out {
		b, err := g.Body()
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// value returns an answer to q, or nil to leave it unanswered.
func (g *Generator) value(q *forms.Question) any {
	switch q.Type {
	case forms.TypeChoice:
		if len(q.Options) == 0 {
			return nil
		}
		return q.Options[g.rng.IntN(len(q.Options))].Value
	case forms.TypeMulti:
		if len(q.Options) == 0 {
			return nil
		}
		var picked []string
		for _, o := range q.Options {
			if g.rng.Float64() < 0.3 {
				picked = append(picked, o.Value)
			}
		}
		if len(picked) == 0 {
			picked = append(picked, q.Options[g.rng.IntN(len(q.Options))].Value)
		}
		return picked
	case forms.TypeScale, forms.TypeNumber:
		return g.number(q)
	case forms.TypeText:
		limit := forms.MaxTextLength
		if q.MaxLength > 0 {
			limit = q.MaxLength
		}
		var b strings.Builder
		for n := 1 + g.rng.IntN(25); n > 0; n-- {
			w := words[g.rng.IntN(len(words))]
			if b.Len()+len(w)+1 > limit { // bytes ≥ characters: within the limit
				break
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		if b.Len() == 0 { // no word fits: a short answer (an IČO, a code)
			return strings.Repeat("1", min(limit, 8))
		}
		return b.String()
	}
	return nil
}

// number returns a number within q's bounds (0–100 where it sets none),
// whole for a scale or an integer question, mostly small.
func (g *Generator) number(q *forms.Question) any {
	lo, hi := 0.0, 100.0
	if q.Min != nil {
		lo = *q.Min
	}
	if q.Max != nil {
		hi = *q.Max
	}
	if q.Min != nil && q.Max == nil {
		hi = lo + 100
	}
	if q.Max != nil && q.Min == nil {
		lo = min(0, hi)
	}
	if hi < lo {
		return nil
	}
	whole := q.Type == forms.TypeScale || q.Integer
	if hi-lo > 50 {
		hi = lo + 50 // answers cluster as real ones do
	}
	if whole {
		a, b := math.Ceil(lo), math.Floor(hi)
		if b < a {
			return nil
		}
		return a + float64(g.rng.IntN(int(b-a)+1))
	}
	return min(max(math.Round((lo+g.rng.Float64()*(hi-lo))*10)/10, lo), hi)
}
