package demo

import (
	"math"
	"math/rand/v2"
)

// rng draws the demo's random choices. Each resident and each provider has
// its own stream of one seed, so that one record does not change when
// another is added, and the same seed gives the same data.
type rng struct{ r *rand.Rand }

// stream returns the random stream number n of seed.
func stream(seed, n uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, n^0x9e3779b97f4a7c15))}
}

// chance reports true with probability p.
func (g rng) chance(p float64) bool { return g.r.Float64() < p }

// between returns an integer from lo to hi, both included.
func (g rng) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// around returns v varied by up to ±share, rounded, at least 0.
func (g rng) around(v float64, share float64) int {
	return max(0, int(math.Round(v*(1+share*(2*g.r.Float64()-1)))))
}

// weighted is one value and its weight.
type weighted struct {
	value  string
	weight float64
}

// pick returns one value, chosen with the weights (which need not add
// up to anything in particular).
func (g rng) pick(ws []weighted) string {
	total := 0.0
	for _, w := range ws {
		total += max(w.weight, 0)
	}
	x := g.r.Float64() * total
	for _, w := range ws {
		if x -= max(w.weight, 0); x < 0 {
			return w.value
		}
	}
	return ws[len(ws)-1].value
}

// some returns the values whose independent chances came up, in the
// order given; at most limit of them when limit > 0.
func (g rng) some(ps []weighted, limit int) []string {
	var out []string
	for _, p := range ps {
		if g.chance(p.weight) {
			out = append(out, p.value)
		}
	}
	if limit > 0 && len(out) > limit {
		g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		out = out[:limit]
	}
	return out
}

// text returns one of texts.
func (g rng) text(texts []string) string { return texts[g.r.IntN(len(texts))] }
