package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// messageSources are the folders whose English messages pages translate.
var messageSources = []string{"../engine", "../forms"}

// formatArg names the calls that make a message and which argument is its
// format: the engine's error constructors, the field error constructors
// and the checker's problem reporters.
var formatArg = map[string]int{
	"Errorf":  1, // engine.Errorf(code, format, args...); fmt.Errorf is left out
	"Invalid": 0, // engine.Invalid(message, fields...)
	"Fieldf":  1, // forms.Fieldf / engine.Fieldf(field, format, args...)
	"add":     1, // engine's fieldErrors.add(field, format, args...)
	"err":     0, // engine's fieldErrors.err(message): Invalid with the fields
	"errorf":  1, // the checker's problems.errorf(path, format, args...)
	"warnf":   1,
	"fail":    2, // problems.fail(path, line, format, args...)
	"report":  2,
	"bad":     0, // engine's cleanCode
	"Phrasef": 0, // forms.Phrasef(format, args...): a part of a message
	"object":  2, // the checker's decoder.object(node, path, what, fields)
}

// sourceMessage is one English message format and where it is made.
type sourceMessage struct {
	format string
	pos    string
}

// sourceMessages parses the Go files (tests left out) of messageSources
// and returns every string literal, or package constant, given as the
// format of a call in formatArg or as the Message of a composite literal.
// A format of verbs alone ("%s") has nothing to translate and is skipped.
func sourceMessages(t *testing.T) []sourceMessage {
	t.Helper()
	var out []sourceMessage
	for _, dir := range messageSources {
		fset := token.NewFileSet()
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) < 5 {
			t.Fatalf("%s: %d files, %v", dir, len(files), err)
		}
		var parsed []*ast.File
		consts := map[string]string{}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			parsed = append(parsed, f)
			for _, decl := range f.Decls {
				if d, ok := decl.(*ast.GenDecl); ok && d.Tok == token.CONST {
					for _, spec := range d.Specs {
						vs := spec.(*ast.ValueSpec)
						for i, n := range vs.Names {
							if i < len(vs.Values) {
								if s, ok := literal(vs.Values[i], nil); ok {
									consts[n.Name] = s
								}
							}
						}
					}
				}
			}
		}
		for _, f := range parsed {
			ast.Inspect(f, func(n ast.Node) bool {
				var format ast.Expr
				switch n := n.(type) {
				case *ast.CallExpr:
					name, i := calledName(n.Fun)
					if at, ok := formatArg[name]; ok && !i && at < len(n.Args) {
						format = n.Args[at]
					}
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Message" {
						format = n.Value
					}
				}
				if s, ok := literal(format, consts); ok && strings.ContainsFunc(s, unicode.IsLetter) && !verbsOnly(s) {
					out = append(out, sourceMessage{format: s, pos: fset.Position(format.Pos()).String()})
				}
				return true
			})
		}
	}
	return out
}

// calledName returns the name of the function or method called, and
// whether it is the fmt package's.
func calledName(fun ast.Expr) (string, bool) {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name, false
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		return f.Sel.Name, ok && x.Name == "fmt"
	}
	return "", false
}

// literal returns the value of a string literal, or of a constant named
// in consts.
func literal(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.Ident:
		s, ok := consts[e.Name]
		return s, ok
	}
	return "", false
}

// verbsOnly reports whether format is fmt verbs and nothing else.
func verbsOnly(format string) bool {
	return strings.TrimSpace(strings.NewReplacer("%s", "", "%q", "", "%v", "", "%d", "").Replace(format)) == ""
}

// TestMessagesTranslated finds every English message format the engine
// and the questionnaire checker make and fails for each that lacks a
// Czech or Slovak translation, or whose translation's verbs differ.
func TestMessagesTranslated(t *testing.T) {
	msgs := sourceMessages(t)
	if len(msgs) < 100 {
		t.Fatalf("found only %d messages; has the way messages are made changed?", len(msgs))
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		if seen[m.format] {
			continue
		}
		seen[m.format] = true
		for _, lang := range []string{"cs", "sk"} {
			tr, ok := i18n.Translation(lang, m.format)
			switch {
			case !ok:
				t.Errorf("%s: no %s translation in i18n/catalogs/engine.%s.json of %q", m.pos, lang, lang, m.format)
			case !slices.Equal(i18n.Verbs(tr), i18n.Verbs(m.format)):
				t.Errorf("%s: the %s translation %q has the verbs %v, the English %q has %v", m.pos, lang, tr, i18n.Verbs(tr), m.format, i18n.Verbs(m.format))
			}
		}
	}
	t.Logf("%d messages", len(seen))
}

// TestMessagesNotStale fails for a catalog entry whose English format no
// longer appears in the source, so that the catalogs do not fill with
// dead texts.
func TestMessagesNotStale(t *testing.T) {
	used := map[string]bool{}
	for _, m := range sourceMessages(t) {
		used[m.format] = true
	}
	for _, lang := range []string{"cs", "sk"} {
		for _, format := range i18n.MessageFormats(lang) {
			if !used[format] && !extraMessages[format] {
				t.Errorf("engine.%s.json: %q is made nowhere in %v", lang, format, messageSources)
			}
		}
	}
}

// extraMessages are translated messages that the source search cannot
// see: ones made outside engine/ and forms/, or passed as variables.
var extraMessages = map[string]bool{
	"Internal error.": true, // engine.ErrorMessage of an internal error
	"%q":              true, // forms' quoted keys and values: Czech and Slovak quotation marks
	"%q…":             true,
}

// phrase is a Translatable part of a message, as forms.Phrase is.
type phrase string

func (p phrase) Text() (string, []any) { return string(p), nil }
func (p phrase) String() string        { return string(p) }

func TestPrinter_Message(t *testing.T) {
	admin := engine.Term{Key: "role.admin", Code: "admin"}
	const format = "A questionnaire with the id %q exists."
	tests := []struct {
		lang, format string
		args         []any
		want         string
	}{
		{"cs", format, []any{"needs-2027"}, "Dotazník s identifikátorem „needs-2027“ už existuje."},
		{"sk", format, []any{"needs-2027"}, "Dotazník s identifikátorom „needs-2027“ už existuje."},
		{"en", format, []any{"needs-2027"}, `A questionnaire with the id "needs-2027" exists.`},
		{"cs", "No such message %d.", []any{7}, "No such message 7."},
		{"cs", "Invalid filter.", nil, "Neplatný filtr."},
		{"cs", "100 % sure, %d", nil, "100 % sure, %d"}, // no args: not formatted
		{"cs", "unknown key %s in %s; known: %s", []any{`"x"`, phrase("a question"), "id, type"}, `neznámý klíč "x" v otázce; známé klíče: id, type`},
		{"en", "unknown key %s in %s; known: %s", []any{`"x"`, phrase("a question"), "id"}, `unknown key "x" in a question; known: id`},
		// A term (a role, a state) is named in the page's words; one the
		// page catalogs do not name stays a code.
		{"cs", "Your role (%s) does not allow this.", []any{admin}, "Vaše role (správce) toto neumožňuje."},
		{"sk", "Your role (%s) does not allow this.", []any{admin}, "Vaša rola (správca) toto neumožňuje."},
		{"en", "Your role (%s) does not allow this.", []any{admin}, "Your role (administrator) does not allow this."},
		{"cs", "The provider %s is %s already.", []any{"Domov Slunce", engine.Term{Key: "providers.staff.status.withdrawn", Code: "withdrawn"}}, "Poskytovatel Domov Slunce už je ve stavu „stažen“."},
		{"cs", "The provider %s is %s already.", []any{"Domov Slunce", engine.Term{Key: "providers.staff.status.lost", Code: "lost"}}, "Poskytovatel Domov Slunce už je ve stavu „lost“."},
	}
	for _, tt := range tests {
		if got := i18n.New(tt.lang).Message(tt.format, tt.args); got != tt.want {
			t.Errorf("%s Message(%q) = %q, want %q", tt.lang, tt.format, got, tt.want)
		}
	}
}

func TestVerbs(t *testing.T) {
	tests := map[string][]string{
		"no verbs, 100%%":          nil,
		"%q and %d":                {"1:s", "2:d"},
		"„%s“ a %d":                {"1:s", "2:d"},
		"%[2]d then %[1]s":         {"1:s", "2:d"},
		"%-5.1f%% of %v":           {"1:f", "2:s"},
		"%s":                       {"1:s"},
		"broken %":                 {"bad verb"},
		"%[2]s %s, the third last": {"2:s", "3:s"},
	}
	for format, want := range tests {
		if got := i18n.Verbs(format); !slices.Equal(got, want) {
			t.Errorf("Verbs(%q) = %v, want %v", format, got, want)
		}
	}
}
