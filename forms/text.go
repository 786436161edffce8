package forms

import (
	"encoding/json"
	"sort"
)

// Text is a text either given once for every language (stored under the
// empty key) or per language code.
type Text map[string]string

// Plain makes a Text that reads the same in every language.
func Plain(s string) Text { return Text{"": s} }

// In returns the text in lang, falling back to the text for every language,
// then to DefaultLanguage, then to any language present.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[""]; ok {
		return s
	}
	if s, ok := t[DefaultLanguage]; ok && s != "" {
		return s
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}

// MarshalJSON writes a plain text as a JSON string and a per-language text
// as an object, so that a definition reads back as it was written.
func (t Text) MarshalJSON() ([]byte, error) {
	if s, ok := t[""]; ok && len(t) == 1 {
		return json.Marshal(s)
	}
	return json.Marshal(map[string]string(t))
}

// UnmarshalJSON accepts a string or an object of language codes to strings.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Plain(s)
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*t = Text(m)
	return nil
}
