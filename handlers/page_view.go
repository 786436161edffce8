package handlers

import (
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/i18n"
)

// pageBase is what the layout needs; every page's view embeds it.
type pageBase struct {
	L      *i18n.Printer
	Title  string
	Langs  []langLink
	CSS    string
	JS     string
	Errors []errorView // the error summary of a form page
	CSRF   string      // the token of the page's forms, if it has any
	Staff  *staffInfo  // the signed-in person on staff pages, else nil
}

// langLink is one entry of the language switcher.
type langLink struct {
	Code, Name, URL string
	Current         bool
}

// errorView is one entry of the error summary.
type errorView struct {
	InputID  string // the field the entry links to
	Question string
	Message  string
}

// languageNames are each language's name in itself.
var languageNames = map[string]string{"cs": "Čeština", "sk": "Slovenčina", "en": "English"}

// base returns the layout's data for a page with the title.
func (p *pages) base(c *gin.Context, title string) pageBase {
	lang := languageOf(c)
	b := pageBase{L: i18n.New(lang), Title: title}
	if a, ok := p.tmpl.Asset("site.css"); ok {
		b.CSS = a.URL()
	}
	if a, ok := p.tmpl.Asset("form.js"); ok {
		b.JS = a.URL()
	}
	query := c.Request.URL.Query()
	for _, code := range i18n.Languages {
		query.Set("lang", code)
		u := url.URL{Path: c.Request.URL.Path, RawQuery: query.Encode()}
		b.Langs = append(b.Langs, langLink{Code: code, Name: languageNames[code], URL: u.String(), Current: code == lang})
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }
