package main

import (
	"net/http"

	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/internal/loadgen"
)

// newFormTarget returns the Target that submits responses through the
// HTML pages (/q/ID/page/N), as a browser without script does.
func newFormTarget(base string, client *http.Client, def *forms.Definition, c *runConfig) (loadgen.Target, error) {
	return loadgen.NewFormTarget(base, client, def, c.bodies, c.seed)
}
