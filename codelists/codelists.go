// Package codelists holds the official code lists Triada ships: the Czech
// and Slovak kinds of social services, the forms of service, and the Czech
// target groups (copied from shared/reference; see data/). Codes are stable
// identifiers; labels come in cs, sk and en.
package codelists

import (
	"embed"
	"fmt"
	"slices"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed data/*.yaml
var data embed.FS

// Label is a text per language code.
type Label map[string]string

// Entry is one code with its labels.
type Entry struct {
	Code      string   `yaml:"code"`
	Label     Label    `yaml:"label"`
	Category  string   `yaml:"category"`
	Section   string   `yaml:"section"`
	Forms     []string `yaml:"forms"`
	Broader   string   `yaml:"broader"`
	Uncertain bool     `yaml:"uncertain"`
	Country   string   `yaml:"-"`
}

// Lists are the code lists of one installation.
type Lists struct {
	ServiceTypes []Entry
	Forms        []Entry
	TargetGroups []Entry
	Categories   []Entry
}

type file struct {
	Meta struct {
		Country string `yaml:"country"`
	} `yaml:"meta"`
	Categories   []Entry `yaml:"categories"`
	Forms        []Entry `yaml:"forms"`
	ServiceTypes []Entry `yaml:"service_types"`
	TargetGroups []Entry `yaml:"target_groups"`
}

var (
	defaultOnce  sync.Once
	defaultLists *Lists
)

// Default returns the shipped lists: Czech and Slovak service types (their
// codes do not overlap), the three forms, the Czech target groups. It
// panics if the embedded files are broken, which a test guards against.
func Default() *Lists {
	defaultOnce.Do(func() {
		l, err := load()
		if err != nil {
			panic(err)
		}
		defaultLists = l
	})
	return defaultLists
}

func load() (*Lists, error) {
	l := &Lists{}
	for _, name := range []string{"cz-social-service-types.yaml", "sk-social-service-types.yaml", "cz-target-groups.yaml"} {
		b, err := data.ReadFile("data/" + name)
		if err != nil {
			return nil, err
		}
		var f file
		if err := yaml.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("codelists: %s: %w", name, err)
		}
		for i := range f.ServiceTypes {
			f.ServiceTypes[i].Country = f.Meta.Country
		}
		l.ServiceTypes = append(l.ServiceTypes, f.ServiceTypes...)
		l.TargetGroups = append(l.TargetGroups, f.TargetGroups...)
		l.Categories = append(l.Categories, f.Categories...)
		if l.Forms == nil {
			l.Forms = f.Forms
		}
	}
	return l, nil
}

func find(entries []Entry, code string) *Entry {
	i := slices.IndexFunc(entries, func(e Entry) bool { return e.Code == code })
	if i < 0 {
		return nil
	}
	return &entries[i]
}

// ServiceType returns the service type with that code, or nil.
func (l *Lists) ServiceType(code string) *Entry { return find(l.ServiceTypes, code) }

// Form returns the form with that code, or nil.
func (l *Lists) Form(code string) *Entry { return find(l.Forms, code) }

// TargetGroup returns the target group with that code, or nil.
func (l *Lists) TargetGroup(code string) *Entry { return find(l.TargetGroups, code) }

// AllowsForm reports whether a service of this type may be provided in
// form: an entry that lists no forms does not restrict them.
func (e *Entry) AllowsForm(form string) bool {
	return len(e.Forms) == 0 || slices.Contains(e.Forms, form)
}

// Choices of ForInstallation.
const (
	All    = "all" // Czech and Slovak kinds of service (the default)
	Czech  = "cz"
	Slovak = "sk"
)

// ForInstallation returns the lists an installation uses: "cz" keeps the
// Czech kinds of social services, "sk" the Slovak ones, "all" (or "")
// both. Forms and target groups are the same for every choice (only a
// Czech list of target groups exists; its labels come in sk too).
func ForInstallation(choice string) (*Lists, error) {
	all := Default()
	country := ""
	switch choice {
	case "", All:
		return all, nil
	case Czech:
		country = "CZ"
	case Slovak:
		country = "SK"
	default:
		return nil, fmt.Errorf("unknown code lists %q: use cz, sk or all", choice)
	}
	l := *all
	l.ServiceTypes = nil
	for _, e := range all.ServiceTypes {
		if e.Country == country {
			l.ServiceTypes = append(l.ServiceTypes, e)
		}
	}
	return &l, nil
}
