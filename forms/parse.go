package forms

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Formats a definition may be written in.
const (
	formatYAML = "yaml"
	formatJSON = "json"
)

// Parse reads a questionnaire definition written in format, "yaml" (or
// "yml") or "json", normalizes it (see Normalize) and checks it (see
// Check). It returns every problem found at once, ordered by line, each
// with the line it concerns.
//
// The definition is nil when any problem is an error: malformed YAML or
// JSON, text that is not UTF-8, an unknown key, a value of the wrong kind,
// or a definition that breaks a rule. Warnings alone leave it usable.
func Parse(data []byte, format string) (*Definition, []Problem) {
	ps := newProblems()
	format = strings.ToLower(format)
	if format == "yml" {
		format = formatYAML
	}
	if format != formatYAML && format != formatJSON {
		ps.fail("", 0, "unknown definition format %q; use yaml or json", format)
		return nil, ps.list
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		ps.fail("", invalidUTF8Line(data), "the file is not valid UTF-8 text; save it as UTF-8")
		return nil, ps.list
	}
	var root *node
	if format == formatJSON {
		root = jsonTree(data, ps)
	} else {
		root = yamlTree(data, ps)
	}
	if root == nil {
		return nil, ps.sorted()
	}
	d := decoder{ps: ps, format: format}
	def := d.definition(root)
	def.Normalize()
	c := newChecker(def, ps)
	c.check()
	list := ps.sorted()
	if HasErrors(list) {
		return nil, list
	}
	return def, list
}

// ParseFile reads a definition from a file, as JSON when its name ends in
// .json and as YAML otherwise, and parses it like Parse. A file that
// cannot be read gives one problem without a line.
func ParseFile(path string) (*Definition, []Problem) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, []Problem{{Message: err.Error()}}
	}
	format := formatYAML
	if strings.EqualFold(filepath.Ext(path), ".json") {
		format = formatJSON
	}
	return Parse(data, format)
}

// CheckFile returns the problems of the definition in a file, warnings
// included; see ParseFile. The file is valid when none is an error
// (HasErrors reports false).
func CheckFile(path string) []Problem {
	_, problems := ParseFile(path)
	return problems
}

// invalidUTF8Line returns the line of the first byte that is not UTF-8.
func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
