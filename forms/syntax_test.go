package forms_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

const minimalYAML = `id: needs
title: Průzkum
audience: resident
pages:
  - questions:
      - {id: remarks, type: text, text: Poznámky}
`

// TestParse_Unreadable covers input that cannot be read as a definition:
// one problem, with its line, and no definition.
func TestParse_Unreadable(t *testing.T) {
	tests := []struct {
		name, format, data string
		line               int
		message            string
	}{
		{"ErrJSONTrailingComma", "json", "{\n \"id\": \"x\",\n \"title\": \"t\",\n}\n", 4, `the JSON is not valid: invalid character '}' looking for beginning of object key string`},
		{"ErrJSONUnclosed", "json", "{\n \"id\": \"x\",\n \"title\": \"t\"\n\n", 3, "the JSON is not valid: it ends too early"},
		{"ErrJSONNewlineInString", "json", "{\n \"id\": \"x\n\"}", 2, `invalid character '\n' in string literal`},
		{"ErrJSONTrailingData", "json", "{\"id\": \"x\"}\n\nx", 3, "invalid character 'x' after top-level value"},
		{"ErrJSONTooDeep", "json", "{\"id\":\n" + strings.Repeat("[", 101) + strings.Repeat("]", 101) + "}", 2, "values nest too deeply"},
		{"ErrJSONEmpty", "json", " \n", 1, "the definition is empty"},
		{"ErrJSONNotObject", "json", "\n[1]", 2, "the definition must be an object, not an array"},
		{"ErrYAMLFlow", "yaml", "id: x\ntitle: [a\naudience: b\n", 2, "the YAML is not valid: did not find expected ',' or ']'"},
		{"ErrYAMLIndent", "yaml", "id: x\n  title: a\n", 2, "the YAML is not valid: mapping values are not allowed in this context"},
		{"ErrYAMLKey", "yaml", "a:\n  b: 1\n c: 2\n", 3, "did not find expected key"},
		{"ErrYAMLUnknownAnchor", "yaml", "id: x\ntitle: *foo\n", 2, "unknown anchor 'foo' referenced"},
		{"ErrYAMLAliasCycle", "yaml", "id: x\npages: &p [*p]\n", 2, "the alias *p refers to itself"},
		{"ErrYAMLTwoDocuments", "yaml", "id: x\n---\nid: y\n", 2, "more than one YAML document"},
		{"ErrYAMLEmpty", "yaml", "# nothing\n", 1, "the definition is empty"},
		{"ErrYAMLNotMapping", "yaml", "- id: x\n", 1, "the definition must be a mapping, not a list"},
		{"ErrYAMLScalar", "yaml", "just words\n", 1, `the definition must be a mapping, not "just words"`},
		{"ErrUTF8", "yaml", "id: x\ntitle: \"P\xf8ehled\"\n", 2, "not valid UTF-8"},
		{"ErrUTF8JSON", "json", "{\"id\": \"x\",\n\"title\": \"P\xf8ehled\"}", 2, "not valid UTF-8"},
		{"ErrFormat", "xml", "<x/>", 0, `unknown definition format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, problems := forms.Parse([]byte(tt.data), tt.format)
			if def != nil || len(problems) != 1 {
				t.Fatalf("got %v, %v; want one problem", def, problems)
			}
			if p := problems[0]; p.Line != tt.line || !strings.Contains(p.Message, tt.message) || p.Warning {
				t.Errorf("got %v; want %d: %s", p, tt.line, tt.message)
			}
		})
	}
}

func TestParse_Alias(t *testing.T) {
	// A billion laughs: aliases of aliases expanding without bound.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		prev := "*a" + string(rune('0'+i-1))
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	_, problems := forms.Parse([]byte(b.String()), "yaml")
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "too large") {
		t.Errorf("got %v", problems)
	}
}

func TestParse_Accepted(t *testing.T) {
	tests := []struct{ name, format, data string }{
		{"ByteOrderMark", "yaml", "\uFEFF" + minimalYAML},
		{"FormatYML", "yml", minimalYAML},
		{"FormatUpperCase", "YAML", minimalYAML},
		{"NullIsAbsent", "yaml", minimalYAML + "description:\naccess: ~\n"},
		{"JSONTabs", "json", "{\n\t\"id\": \"needs\",\n\t\"title\": \"P\",\n\t\"audience\": \"resident\",\n\t\"pages\": [{\"questions\": [{\"id\": \"q\", \"type\": \"text\", \"text\": \"T\", \"help\": null}]}]\n}"},
		{"JSONEscapes", "json", `{"id": "needs", "title": "P\u0159ehled \ud83d\ude00", "audience": "resident", "pages": [{"questions": [{"id": "q", "type": "text", "text": "T\/x"}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, problems := forms.Parse([]byte(tt.data), tt.format)
			if def == nil || len(problems) > 0 {
				t.Fatalf("got %v", problems)
			}
			if def.Access != forms.AccessPublic {
				t.Errorf("access %q, want public by default", def.Access)
			}
		})
	}
	def, _ := forms.Parse([]byte(tests[len(tests)-1].data), "json")
	if got := def.Title.In("en"); got != "Přehled 😀" {
		t.Errorf("title %q", got)
	}
}

// TestParse_JSONLines expects the problems of a JSON definition on the
// lines of the keys concerned.
func TestParse_JSONLines(t *testing.T) {
	data := `{
  "id": "needs",
  "title": {"cs": "Průzkum", "de": "Umfrage"},
  "audience": "resident",
  "pages": [
    {
      "questions": [
        {
          "id": "quality",
          "type": "scale",
          "text": "Kvalita",
          "min": 1,
          "max": 500,
          "required": "yes"
        },
        {"id": "quality", "type": "text", "text": "Znovu"}
      ]
    }
  ]
}`
	_, problems := forms.Parse([]byte(data), "json")
	want := []string{
		`3: unknown language code "de" in a text`,
		`3: warning: missing Slovak and English text in "title"`,
		`13: a scale may span at most 100`,
		`14: "required" must be true or false, not "yes"`,
		`16: the question id "quality" is already used on line 9`,
	}
	if len(problems) != len(want) {
		t.Fatalf("got %v", problems)
	}
	for i, p := range problems {
		if !strings.HasPrefix(p.String(), want[i]) {
			t.Errorf("got %q, want %q", p, want[i])
		}
	}
}

func TestProblem_String(t *testing.T) {
	tests := []struct {
		p    forms.Problem
		want string
	}{
		{forms.Problem{Line: 3, Message: "bad"}, "3: bad"},
		{forms.Problem{Line: 3, Message: "odd", Warning: true}, "3: warning: odd"},
		{forms.Problem{Message: "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	if forms.HasErrors([]forms.Problem{{Warning: true}}) || !forms.HasErrors([]forms.Problem{{Warning: true}, {}}) {
		t.Error("HasErrors")
	}
}

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("JSONByExtension", func(t *testing.T) {
		problems := forms.CheckFile(write("a.JSON", "{\n\"id\": 1,}"))
		if len(problems) != 1 || !strings.Contains(problems[0].Message, "JSON") || problems[0].Line != 2 {
			t.Errorf("got %v", problems)
		}
	})
	t.Run("YAMLOtherwise", func(t *testing.T) {
		if problems := forms.CheckFile(write("a.txt", minimalYAML)); len(problems) != 0 {
			t.Errorf("got %v", problems)
		}
	})
	t.Run("WarningsOnly", func(t *testing.T) {
		problems := forms.CheckFile(write("w.yaml", strings.Replace(minimalYAML, "title: Průzkum", "title: {cs: Průzkum}", 1)))
		if len(problems) != 1 || !problems[0].Warning || forms.HasErrors(problems) {
			t.Errorf("got %v", problems)
		}
	})
	t.Run("ErrMissingFile", func(t *testing.T) {
		problems := forms.CheckFile(filepath.Join(dir, "none.yaml"))
		if len(problems) != 1 || problems[0].Line != 0 || !strings.Contains(problems[0].Message, "none.yaml") {
			t.Errorf("got %v", problems)
		}
	})
}
