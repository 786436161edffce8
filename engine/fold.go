package engine

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/triada-kpss/triada/forms"
)

// Fold lower-cases s and strips diacritics, so that "pecovatelska" finds
// "Pečovatelská": the catalogue's search ignores case and accents.
// Runs of white space become one space, and none lead or trail.
//
// Text in Latin script up to Latin Extended-B (all of Czech and Slovak)
// takes a table made at start from slowFold, one rune at a time; any
// other rune sends the whole string through slowFold. Both give the same
// result: a rune below U+0250 decomposes into a base letter and
// combining marks (which are dropped), so no rune's result depends on its
// neighbours. Every response's free-text answers are folded when it is
// stored, which made the normalisation a twentieth of a submission's CPU.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= foldTableSize {
			return slowFold(s)
		}
		b.WriteString(foldTable[r])
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// foldTableSize bounds the runes foldTable holds: up to Latin Extended-B.
const foldTableSize = 0x250

// foldTable is each rune's fold, without the white space rule.
var foldTable = func() (t [foldTableSize]string) {
	for r := range rune(foldTableSize) {
		t[r] = foldRunes(string(r))
	}
	return t
}()

// slowFold is Fold by the definition: canonical decomposition, combining
// marks dropped, lower case, white space collapsed.
func slowFold(s string) string {
	return strings.Join(strings.Fields(foldRunes(s)), " ")
}

func foldRunes(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// FoldTexts returns the folded copy of every text answer, keyed by
// question id, for Response.Folded; nil when there is none.
func FoldTexts(def *forms.Definition, a forms.Answers) map[string]string {
	var out map[string]string
	for _, q := range def.Questions() {
		s, ok := a[q.ID].(string)
		if q.Type != forms.TypeText || !ok || s == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[q.ID] = Fold(s)
	}
	return out
}
