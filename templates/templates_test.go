package templates

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Pages()) < 6 {
		t.Errorf("pages %v", e.Pages())
	}
	if _, err := e.Render("nothing", nil); err == nil {
		t.Error("rendered a page that does not exist")
	}
	css, ok := e.Asset("site.css")
	if !ok || !strings.HasPrefix(css.URL(), "/static/site.css?v=") || !strings.Contains(css.ContentType, "text/css") {
		t.Errorf("site.css: %+v", css.URL())
	}
	if !bytes.Contains(css.Body, []byte("@media print")) || !bytes.Contains(css.Body, []byte(":focus-visible")) {
		t.Error("site.css lacks the print style or the focus style")
	}
}

func TestCheckCalls(t *testing.T) {
	tests := map[string]string{
		"OK":               `{{define "layout"}}{{template "content" .}}{{end}}{{define "content"}}{{if .}}{{template "part"}}{{end}}{{end}}{{define "part"}}x{{end}}`,
		"ErrMissing":       `{{define "layout"}}{{template "content" .}}{{end}}{{define "content"}}{{range .}}{{with .}}{{template "nowhere" .}}{{end}}{{end}}{{end}}`,
		"ErrNoLayout":      `{{define "content"}}x{{end}}`,
		"ErrMissingInElse": `{{define "layout"}}{{if .}}a{{else}}{{template "gone"}}{{end}}{{end}}`,
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			tmpl := template.Must(template.New("page").Parse(src))
			err := checkCalls(tmpl)
			if (err == nil) != (name == "OK") {
				t.Errorf("checkCalls: %v", err)
			}
		})
	}
}

// TestRender_Buffered checks that a template failing half-way gives an
// error and no output, never half a page.
func TestRender_Buffered(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.Render("message", struct{ Heading string }{"x"}) // lacks .L and the rest
	if err == nil || out != nil {
		t.Errorf("got %q, %v: want nothing and an error", out, err)
	}
}
