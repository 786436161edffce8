package engine

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/triada-kpss/triada/forms"
)

// Fold lower-cases s and strips diacritics, so that "pecovatelska" finds
// "Pečovatelská": the catalogue's search ignores case and accents.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
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
