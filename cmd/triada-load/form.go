package main

import (
	"errors"

	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/internal/loadgen"
)

// errNoFormPath is returned for -path form until the HTML pages exist.
var errNoFormPath = errors.New(`-path form: the HTML form path is not available yet; ` +
	`when the pages land (handlers/routes.go), add a loadgen.Target that GETs the form, ` +
	`keeps its CSRF token and submission key, and POSTs the answers as form fields`)

// newFormTarget returns the Target that submits responses through the
// HTML form path, as a browser does. It is the seam for the pages.
func newFormTarget(api *loadgen.API, def *forms.Definition) (loadgen.Target, error) {
	_, _ = api, def
	return nil, errNoFormPath
}
