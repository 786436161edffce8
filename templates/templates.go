// Package templates holds Triada's pages: html/template files (a layout,
// partials and one file per page), and the static assets they load (one
// style sheet, one script), all embedded in the binary.
//
// New parses every page at start into its own template set (the layout,
// every partial and the page) and fails when a page calls a template that
// no file defines, so that a missing partial stops the program at start
// rather than a visitor's request. Render executes a page into a buffer,
// so that a failing template never leaves a half-written page.
package templates

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"text/template/parse"
)

//go:embed layout.html partials/*.html pages/*.html
var files embed.FS

//go:embed static
var static embed.FS

// Engine renders pages.
type Engine struct {
	pages  map[string]*template.Template
	assets map[string]Asset
}

// Asset is one embedded static file.
type Asset struct {
	Name        string // "site.css"
	ContentType string
	Body        []byte
	Hash        string // of the body, for cache-busting URLs
}

// URL returns the address of the asset, with its hash as version.
func (a Asset) URL() string { return "/static/" + a.Name + "?v=" + a.Hash }

// New parses every page. It returns an error naming the page and the
// template when a page calls a template that is not defined.
func New() (*Engine, error) {
	e := &Engine{pages: map[string]*template.Template{}, assets: map[string]Asset{}}
	shared, err := fs.Glob(files, "partials/*.html")
	if err != nil {
		return nil, err
	}
	shared = append([]string{"layout.html"}, shared...)
	pages, err := fs.Glob(files, "pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, file := range pages {
		name := strings.TrimSuffix(path.Base(file), ".html")
		t, err := template.New(name).ParseFS(files, append(shared, file)...)
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		if err := checkCalls(t); err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		e.pages[name] = t
	}
	if err := e.loadAssets(); err != nil {
		return nil, err
	}
	return e, nil
}

// Pages returns the names of the pages, sorted.
func (e *Engine) Pages() []string {
	names := make([]string, 0, len(e.pages))
	for n := range e.pages {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Render executes the page's layout with data into a buffer and returns
// the whole page, or the error with nothing written.
func (e *Engine) Render(page string, data any) ([]byte, error) {
	t, ok := e.pages[page]
	if !ok {
		return nil, fmt.Errorf("no page %q", page)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
		return nil, fmt.Errorf("page %s: %w", page, err)
	}
	return b.Bytes(), nil
}

// Asset returns the static file with the name, such as "site.css".
func (e *Engine) Asset(name string) (Asset, bool) {
	a, ok := e.assets[name]
	return a, ok
}

func (e *Engine) loadAssets() error {
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
	entries, err := fs.ReadDir(static, "static")
	if err != nil {
		return err
	}
	for _, entry := range entries {
		body, err := static.ReadFile("static/" + entry.Name())
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		e.assets[entry.Name()] = Asset{Name: entry.Name(), ContentType: types[path.Ext(entry.Name())],
			Body: body, Hash: hex.EncodeToString(sum[:])[:12]}
	}
	return nil
}

// checkCalls reports a {{template "name"}} call in t's set that names a
// template the set does not define.
func checkCalls(t *template.Template) error {
	defined := map[string]bool{}
	for _, x := range t.Templates() {
		if x.Tree != nil {
			defined[x.Name()] = true
		}
	}
	if !defined["layout"] {
		return fmt.Errorf("no layout template")
	}
	var missing []string
	for _, x := range t.Templates() {
		if x.Tree == nil {
			continue
		}
		walk(x.Tree.Root, func(name string) {
			if !defined[name] {
				missing = append(missing, fmt.Sprintf("%q (called in %q)", name, x.Name()))
			}
		})
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("undefined templates: %s", strings.Join(missing, ", "))
	}
	return nil
}

// walk calls f with the name of every template that node calls.
func walk(node parse.Node, f func(string)) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.TemplateNode:
		f(n.Name)
	case *parse.IfNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	}
}
