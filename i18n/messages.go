package i18n

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Engine messages. The engine and the questionnaire checker speak English,
// which the API answers as it is. Pages translate those messages
// gettext-style: catalogs/engine.LANG.json maps an English message format
// (the one given to engine.Errorf, engine.Invalid, forms.Fieldf or the
// checker) to its translation with the same fmt verbs, each for the same
// argument. English needs no catalog, and a message without a translation
// shows in English, so nothing breaks when one is missing; a test in
// i18n/messages_test.go finds every format in engine/ and forms/ that lacks
// a Czech or Slovak translation.
//
// Where the English quotes an argument with %q, a translation may write
// „%s“ (the Czech and Slovak quotation marks) instead: for the verb check
// %s, %q and %v are one kind of verb (a text).

// messageLanguages are the languages with an engine message catalog.
var messageLanguages = []string{"cs", "sk"}

// isMessageCatalog reports whether the catalog file name holds engine
// messages rather than keyed texts.
func isMessageCatalog(name string) bool {
	return strings.HasPrefix(name, "catalogs/engine.")
}

// messageCatalogs parses catalogs/engine.LANG.json once.
var messageCatalogs = sync.OnceValues(func() (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, lang := range messageLanguages {
		name := "catalogs/engine." + lang + ".json"
		data, err := catalogFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		cat := map[string]string{}
		if err := json.Unmarshal(data, &cat); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[lang] = cat
	}
	return out, nil
})

// Translatable is a message kept with the English format and arguments it
// was made from (engine.Error, forms.FieldError, forms.Problem).
type Translatable interface {
	Text() (format string, args []any)
}

// term is a code inside a message (engine.Term): a role, a state. Its
// name in the page catalogs replaces it; without one the code stays.
type term interface{ TermKey() string }

// Message returns the English message format formatted with args in the
// printer's language: its translation from the engine message catalog,
// or the English when there is none. Without args the text is returned as
// it is, not formatted. An argument that is itself Translatable is
// translated first, and a term is named in the printer's language.
func (p *Printer) Message(format string, args []any) string {
	text := format
	if t, ok := p.messages[format]; ok {
		text = t
	}
	if len(args) == 0 {
		return text
	}
	args = slices.Clone(args)
	for i, a := range args {
		switch a := a.(type) {
		case Translatable:
			args[i] = p.Message(a.Text())
		case term:
			if name, ok := p.cat[a.TermKey()]; ok && name.forms == nil {
				args[i] = name.text
			}
		}
	}
	return fmt.Sprintf(text, args...)
}

// Translate returns m's message in the printer's language (see Message).
func (p *Printer) Translate(m Translatable) string { return p.Message(m.Text()) }

// Translation returns the translation of the English message format in
// lang's engine message catalog, and whether there is one.
func Translation(lang, format string) (string, bool) {
	cats, _ := messageCatalogs()
	t, ok := cats[lang][format]
	return t, ok
}

// MessageFormats returns the English formats of lang's engine message
// catalog, sorted.
func MessageFormats(lang string) []string {
	cats, _ := messageCatalogs()
	keys := make([]string, 0, len(cats[lang]))
	for k := range cats[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Verbs describes the fmt verbs of format, for comparing a translation
// with its English: one "ARG:KIND" per verb, sorted, ARG being the
// 1-based argument it formats (explicit indexes such as %[2]s honoured)
// and KIND the verb letter, with s, q and v all "s". "%%" is no verb.
func Verbs(format string) []string {
	var out []string
	arg := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for ; i < len(format); i++ {
			c := format[i]
			switch {
			case c == '[':
				end := strings.IndexByte(format[i:], ']')
				if end < 0 {
					return append(out, "bad index")
				}
				if n, err := strconv.Atoi(format[i+1 : i+end]); err == nil {
					arg = n
				}
				i += end
				continue
			case c == '*':
				out = append(out, strconv.Itoa(arg)+":*")
				arg++
				continue
			case strings.IndexByte("+-# 0123456789.", c) >= 0:
				continue
			}
			break
		}
		if i >= len(format) {
			return append(out, "bad verb")
		}
		verb := format[i]
		if verb == '%' {
			continue
		}
		if verb == 'q' || verb == 'v' {
			verb = 's'
		}
		out = append(out, strconv.Itoa(arg)+":"+string(verb))
		arg++
	}
	sort.Strings(out)
	return out
}

// checkMessages reports the problems of the engine message catalogs: a
// file that does not parse, a format translated in one language and not
// the other, a translation whose verbs differ from its English, an empty
// translation.
func checkMessages() []error {
	cats, err := messageCatalogs()
	if err != nil {
		return []error{err}
	}
	var errs []error
	for _, lang := range messageLanguages {
		for _, format := range MessageFormats(lang) {
			t := cats[lang][format]
			switch {
			case strings.TrimSpace(t) == "":
				errs = append(errs, fmt.Errorf("engine.%s.json: %q has an empty translation", lang, format))
			case !slices.Equal(Verbs(t), Verbs(format)):
				errs = append(errs, fmt.Errorf("engine.%s.json: %q: the verbs of %q are %v, want %v", lang, format, t, Verbs(t), Verbs(format)))
			}
			for _, other := range messageLanguages {
				if _, ok := cats[other][format]; !ok {
					errs = append(errs, fmt.Errorf("engine.%s.json: %q is not in engine.%s.json", lang, format, other))
				}
			}
		}
	}
	return errs
}
