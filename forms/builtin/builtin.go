// Package builtin holds the questionnaires Triada ships, embedded in the
// binary: the residents' needs survey and the providers' capacity
// questionnaire of the community planning of social services (KPSS),
// complete in Czech, Slovak and English. They are written for the fictional
// Mikroregion Podhůří that `triada demo` loads; a municipality copies one,
// replaces the list of municipalities and gives it its own id and dates.
package builtin

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/triada-kpss/triada/forms"
)

// Ids of the built-in questionnaires.
const (
	NeedsSurveyID           = "needs-survey"
	CapacityQuestionnaireID = "capacity-questionnaire"
)

//go:embed *.yaml
var files embed.FS

// Files returns the built-in questionnaire files by file name, such as
// "needs-survey.yaml". Each call returns fresh copies.
func Files() map[string][]byte {
	names, _ := fs.Glob(files, "*.yaml") // the pattern is valid
	out := make(map[string][]byte, len(names))
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			continue // cannot happen for an embedded file that Glob listed
		}
		out[name] = data
	}
	return out
}

// Definitions parses every built-in questionnaire, in the order of the file
// names. It returns an error naming every problem (not warning) found,
// which the package's tests rule out.
func Definitions() ([]*forms.Definition, error) {
	all := Files()
	names := make([]string, 0, len(all))
	for name := range all {
		names = append(names, name)
	}
	sort.Strings(names)
	defs := make([]*forms.Definition, 0, len(names))
	var errs []error
	for _, name := range names {
		def, problems := forms.Parse(all[name], "yaml")
		for _, p := range problems {
			switch {
			case p.Warning:
			case p.Line > 0:
				errs = append(errs, fmt.Errorf("builtin %s:%s", name, p))
			default:
				errs = append(errs, fmt.Errorf("builtin %s: %s", name, p))
			}
		}
		if def != nil && !forms.HasErrors(problems) {
			defs = append(defs, def)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return defs, nil
}
