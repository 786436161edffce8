package handlers

import (
	"strings"

	"github.com/triada-kpss/triada/i18n"
)

// formField is one labelled input of the comment period's forms, as the
// partial cp_field draws it.
type formField struct {
	L                      *i18n.Printer
	ID, Label, Hint, Value string
	Error                  string
	Kind                   string // text, email or textarea
	Autocomplete           string
	Optional               bool
	Rows                   int
}

// DescribedBy lists the ids of the hint and the error, for aria-describedby.
func (f formField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}
