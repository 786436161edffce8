package handlers

import (
	"slices"
	"strings"

	"github.com/triada-kpss/triada/codelists"
	"github.com/triada-kpss/triada/engine"
)

// labels names codes of the installation's code lists in one language;
// a code that no list holds shows as itself.
type labels struct {
	lists *codelists.Lists
	lang  string
}

func labelIn(e *codelists.Entry, code, lang string) string {
	if e == nil {
		return code
	}
	for _, l := range []string{lang, "cs", "sk", "en"} {
		if s := e.Label[l]; s != "" {
			return s
		}
	}
	return code
}

func (l labels) serviceType(code string) string {
	return labelIn(l.lists.ServiceType(code), code, l.lang)
}
func (l labels) form(code string) string { return labelIn(l.lists.Form(code), code, l.lang) }
func (l labels) targetGroup(code string) string {
	return labelIn(l.lists.TargetGroup(code), code, l.lang)
}

func (l labels) targetGroups(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = l.targetGroup(c)
	}
	return strings.Join(out, ", ")
}

// serviceTitle is how a service is named in lists: its own name, or
// else its kind.
func (l labels) serviceTitle(s engine.Service) string {
	if s.Name != "" {
		return s.Name
	}
	return l.serviceType(s.Type)
}

// selectOption is one option of a select.
type selectOption struct {
	Value, Label string
	Selected     bool
}

// sortedOptions returns the codes as options sorted by label, the chosen
// one selected.
func sortedOptions(codes []string, label func(string) string, chosen string) []selectOption {
	out := make([]selectOption, 0, len(codes))
	for _, c := range codes {
		out = append(out, selectOption{Value: c, Label: label(c), Selected: c == chosen})
	}
	slices.SortFunc(out, func(a, b selectOption) int { return strings.Compare(engine.Fold(a.Label), engine.Fold(b.Label)) })
	return out
}
