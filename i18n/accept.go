package i18n

import (
	"sort"
	"strconv"
	"strings"
)

// Match returns the language of Languages that an Accept-Language header
// prefers ("sk-SK,sk;q=0.9,en;q=0.5" gives "sk"), or Default when it names
// none of them. A region is ignored; q=0 refuses a language; among equal
// weights the first listed wins.
func Match(acceptLanguage string) string {
	type choice struct {
		lang string
		q    float64
	}
	var choices []choice
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		lang, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		q := 1.0
		if name, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(name) == "q" {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue
			}
			q = f
		}
		if q > 0 && Supported(lang) {
			choices = append(choices, choice{lang, q})
		}
	}
	if len(choices) == 0 {
		return Default
	}
	sort.SliceStable(choices, func(i, j int) bool { return choices[i].q > choices[j].q })
	return choices[0].lang
}
