package engine

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	tagPattern  = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)
)

// fieldErrors collects the problems of one input, so that a person sees
// all of them at once.
type fieldErrors []FieldError

func (fe *fieldErrors) add(field, format string, args ...any) {
	*fe = append(*fe, Fieldf(field, format, args...))
}

// err returns an EINVALID error when problems were found, else nil.
func (fe fieldErrors) err(message string) error {
	if len(fe) == 0 {
		return nil
	}
	return Invalid(message, fe...)
}

// slug checks an identifier chosen by a person.
func (fe *fieldErrors) slug(field, v string) {
	if !slugPattern.MatchString(v) {
		fe.add(field, "Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.")
	}
}

// text trims v and checks that it is present (when required) and at most
// max characters long.
func (fe *fieldErrors) text(field string, v *string, required bool, max int) {
	*v = strings.TrimSpace(*v)
	switch n := utf8.RuneCountInString(*v); {
	case required && n == 0:
		fe.add(field, "This field is required.")
	case n > max:
		fe.add(field, "Use at most %d characters (you used %d).", max, n)
	}
}

// tags checks a list of relevance tags.
func (fe *fieldErrors) tags(field string, tags []string) {
	for i, t := range tags {
		if !tagPattern.MatchString(t) {
			fe.add(fmt.Sprintf("%s[%d]", field, i), "A tag uses lower-case letters, digits, '_' and '-' (got %q).", t)
		}
	}
}
