package i18n

import (
	"fmt"
	"slices"
	"time"
)

// Printer gives the texts of one language.
type Printer struct {
	lang     string
	cat      catalog
	messages map[string]string // English format → translation; nil for English
}

// New returns the printer of lang, or of Default when lang is not one of
// Languages.
func New(lang string) *Printer {
	if !Supported(lang) {
		lang = Default
	}
	cats, _ := catalogs() // Check, run by the tests, rules out an error
	msgs, _ := messageCatalogs()
	return &Printer{lang: lang, cat: cats[lang], messages: msgs[lang]}
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool { return slices.Contains(Languages, lang) }

// Lang returns the printer's language code.
func (p *Printer) Lang() string { return p.lang }

// T returns the text of key formatted with args; the key itself when the
// catalog lacks it, so that a missing text shows and tests find it.
func (p *Printer) T(key string, args ...any) string {
	m, ok := p.cat[key]
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[len(m.forms)-1]
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// N returns the form of the counted text key that fits n, formatted
// with n and then args.
func (p *Printer) N(key string, n int, args ...any) string {
	m, ok := p.cat[key]
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[min(PluralForm(p.lang, n), len(m.forms)-1)]
	}
	return fmt.Sprintf(text, append([]any{n}, args...)...)
}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Date writes a day as people of the language write it: "14. 2. 2027" in
// Czech and Slovak, "14 February 2027" in English.
func (p *Printer) Date(t time.Time) string {
	if p.lang == "en" {
		return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d. %d. %d", t.Day(), int(t.Month()), t.Year())
}

// Number writes a number as people of the language write it: a decimal
// comma in Czech and Slovak.
func (p *Printer) Number(s string) string {
	if p.lang == "en" {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c == '.' {
			b[i] = ','
		}
	}
	return string(b)
}

// Forms returns every form of the counted text key in the printer's
// language, in the order PluralForm numbers them; a plain text is one
// form, and a missing key gives the key.
func (p *Printer) Forms(key string) []string {
	m, ok := p.cat[key]
	switch {
	case !ok:
		return []string{key}
	case m.forms != nil:
		return append([]string(nil), m.forms...)
	}
	return []string{m.text}
}
