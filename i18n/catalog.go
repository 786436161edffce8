package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync"
)

// Languages are the interface languages, the default first.
var Languages = []string{"cs", "sk", "en"}

// Default is the language when nothing else is known.
const Default = "cs"

//go:embed catalogs/*.json
var catalogFiles embed.FS

// message is one entry of a catalog: a text, or the forms of a counted text.
type message struct {
	text  string
	forms []string
}

type catalog map[string]message

// catalogs parses the embedded catalogs once; Check reports their problems.
var catalogs = sync.OnceValues(func() (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, lang := range Languages {
		// LANG.json, then each part's own AREA.LANG.json (so that parts of
		// Triada keep their texts apart); a key in two files is an error.
		names, err := fs.Glob(catalogFiles, "catalogs/*."+lang+".json")
		if err != nil {
			return nil, err
		}
		cat := catalog{}
		for _, name := range append([]string{"catalogs/" + lang + ".json"}, names...) {
			if isMessageCatalog(name) {
				continue // engine messages: messages.go
			}
			if err := readCatalog(cat, name); err != nil {
				return nil, fmt.Errorf("catalog %s: %w", lang, err)
			}
		}
		out[lang] = cat
	}
	return out, nil
})

// readCatalog adds the messages of one catalog file to cat.
func readCatalog(cat catalog, name string) error {
	data, err := catalogFiles.ReadFile(name)
	if err != nil {
		return err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for key, v := range raw {
		if _, dup := cat[key]; dup {
			return fmt.Errorf("%s: %s is defined twice", name, key)
		}
		var m message
		if json.Unmarshal(v, &m.text) != nil {
			if err := json.Unmarshal(v, &m.forms); err != nil {
				return fmt.Errorf("%s: %s is neither a text nor a list of texts", name, key)
			}
		}
		cat[key] = m
	}
	return nil
}

// Check reports every problem of the catalogs: a file that does not
// parse, a key missing from one language, a counted text with the wrong
// number of forms, a text in one language and a counted text in another;
// and those of the engine message catalogs (messages.go).
// Triada's tests rule them out.
func Check() []error {
	cats, err := catalogs()
	if err != nil {
		return []error{err}
	}
	errs := checkMessages()
	base := cats[Default]
	for _, lang := range Languages {
		cat := cats[lang]
		for _, key := range Keys() {
			m, ok := cat[key]
			counted := base[key].forms != nil
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("catalog %s: no %s", lang, key))
			case counted != (m.forms != nil):
				errs = append(errs, fmt.Errorf("catalog %s: %s is counted in %s and not here, or the other way round", lang, key, Default))
			case counted && len(m.forms) != pluralForms(lang):
				errs = append(errs, fmt.Errorf("catalog %s: %s has %d forms, want %d", lang, key, len(m.forms), pluralForms(lang)))
			}
		}
		for key := range cat {
			if _, ok := base[key]; !ok {
				errs = append(errs, fmt.Errorf("catalog %s: %s is not in the %s catalog", lang, key, Default))
			}
		}
	}
	return errs
}

// Keys returns the keys of the default catalog, sorted.
func Keys() []string {
	cats, _ := catalogs()
	keys := make([]string, 0, len(cats[Default]))
	for k := range cats[Default] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
