package forms

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a questionnaire definition. Line is the
// 1-based line of the file it concerns (0 when unknown, for example for a
// definition built in Go and checked with Check). Field is the path of the
// value concerned, such as "pages[0].questions[2].options[1].value", or
// empty for the whole definition. A Warning does not stop the definition
// from being used; every other problem does.
//
// Format and Args are what Message was made from, so that a page can say
// the message in the person's language (see Text); they are never sent as
// JSON.
type Problem struct {
	Line    int    `json:"line,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
	Format  string `json:"-"`
	Args    []any  `json:"-"`
}

// String formats the problem as "LINE: message", or "LINE: warning:
// message" for a warning, leaving out the line when it is unknown. A
// command prints "FILE:" followed by it.
func (p Problem) String() string {
	msg := p.Message
	if p.Warning {
		msg = "warning: " + msg
	}
	if p.Line > 0 {
		return strconv.Itoa(p.Line) + ": " + msg
	}
	return msg
}

// HasErrors reports whether any of the problems is an error rather than a
// warning.
func HasErrors(problems []Problem) bool {
	for _, p := range problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// problems collects problems with the line of every field path seen while
// decoding, and the paths whose values could not be decoded, so that the
// checks do not report again what decoding reported.
type problems struct {
	list  []Problem
	lines map[string]int
	bad   map[string]bool
}

func newProblems() *problems {
	return &problems{lines: map[string]int{}, bad: map[string]bool{}}
}

// fail reports a decoding error at a known line and marks path bad.
func (ps *problems) fail(path string, line int, format string, args ...any) {
	ps.bad[path] = true
	ps.report(path, line, format, args...)
}

// report reports an error at a known line.
func (ps *problems) report(path string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{Line: line, Field: path, Message: fmt.Sprintf(format, args...), Format: format, Args: args})
}

// errorf reports an error about path, at the line path was read from,
// unless path or one of its parents could not be decoded.
func (ps *problems) errorf(path, format string, args ...any) {
	ps.add(path, false, format, args)
}

// warnf reports a warning about path like errorf.
func (ps *problems) warnf(path, format string, args ...any) {
	ps.add(path, true, format, args)
}

func (ps *problems) add(path string, warning bool, format string, args []any) {
	for p := path; ; p = parentPath(p) {
		if ps.bad[p] {
			return
		}
		if p == "" {
			break
		}
	}
	ps.list = append(ps.list, Problem{Line: ps.lineOf(path), Field: path, Message: fmt.Sprintf(format, args...),
		Warning: warning, Format: format, Args: args})
}

// lineOf returns the line path was read from, or that of its nearest
// parent that was read, or 0.
func (ps *problems) lineOf(path string) int {
	for p := path; ; p = parentPath(p) {
		if line, ok := ps.lines[p]; ok {
			return line
		}
		if p == "" {
			return 0
		}
	}
}

// sorted returns the problems ordered by line, keeping the order in which
// problems on one line were found.
func (ps *problems) sorted() []Problem {
	sort.SliceStable(ps.list, func(i, j int) bool { return ps.list[i].Line < ps.list[j].Line })
	return ps.list
}

// parentPath strips the last key or index from a field path:
// "pages[0].title" → "pages[0]" → "pages" → "".
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// keyPath appends a key to a field path.
func keyPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// itemPath appends a list index to a field path.
func itemPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// lastKey returns the last key or index of a field path, for messages:
// "pages[0].questions[1].min" → "min", "tags[2]" → "tags[2]".
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}
