package forms_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/triada-kpss/triada/forms"
)

// MustParseFile parses a definition file and fails the test on any error.
func MustParseFile(tb testing.TB, path string) *forms.Definition {
	tb.Helper()
	def, problems := forms.ParseFile(path)
	if def == nil || forms.HasErrors(problems) {
		tb.Fatalf("%s: %v", path, problems)
	}
	return def
}

// MustParse parses a YAML definition and fails the test on any error.
func MustParse(tb testing.TB, yamlText string) *forms.Definition {
	tb.Helper()
	def, problems := forms.Parse([]byte(yamlText), "yaml")
	if def == nil || forms.HasErrors(problems) {
		tb.Fatalf("%v", problems)
	}
	return def
}

// TestParseFile_Valid parses each valid YAML file and its JSON twin and
// expects the same definition without errors.
func TestParseFile_Valid(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			fromYAML := MustParseFile(t, file)
			fromJSON := MustParseFile(t, strings.TrimSuffix(file, ".yaml")+".json")
			if !reflect.DeepEqual(fromYAML, fromJSON) {
				a, _ := json.MarshalIndent(fromYAML, "", " ")
				b, _ := json.MarshalIndent(fromJSON, "", " ")
				t.Errorf("YAML and JSON differ:\n%s\n%s", a, b)
			}
			if problems := fromYAML.Check(); forms.HasErrors(problems) {
				t.Errorf("Check after Parse: %v", problems)
			}
		})
	}
}

func TestParseFile_Full(t *testing.T) {
	def := MustParseFile(t, "testdata/valid/full.yaml")
	if def.Access != forms.AccessInvite || def.OpensAt == nil || def.OpensAt.UTC().Hour() != 7 {
		t.Errorf("access %q, opens_at %v", def.Access, def.OpensAt)
	}
	size := def.Question("size")
	if size == nil || size.Option("1") == nil || size.Option("3").Label.In("en") != "Velká" {
		t.Fatalf("size options: %+v", size)
	}
	// A number compared with a choice question becomes the option value.
	if got := def.Question("staff").ShowIf.Equals; got != "3" {
		t.Errorf("staff show_if equals %#v, want \"3\"", got)
	}
	if got := def.Question("waiting").ShowIf.Any[1].In; !reflect.DeepEqual(got, []any{"1", "2"}) {
		t.Errorf("waiting show_if in %#v", got)
	}
	// An alias repeats the options it names.
	if got := def.Question("remarks_size").Options; !reflect.DeepEqual(got, size.Options) {
		t.Errorf("aliased options %+v", got)
	}
	if max := def.Question("budget").Max; max == nil || *max != 1e9 {
		t.Errorf("budget max %v", max)
	}
}

var wantComment = regexp.MustCompile(`#\s*(want|warn):\s*([^#]*[^#\s])`)

type want struct {
	line    int
	warning bool
	text    string
}

// wants reads the problems a test file expects from its comments:
// "# want: TEXT" for an error and "# warn: TEXT" for a warning on that
// line, TEXT being part of the message.
func wants(tb testing.TB, file string) []want {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var out []want
	for i, line := range strings.Split(string(data), "\n") {
		for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
			out = append(out, want{line: i + 1, warning: m[1] == "warn", text: m[2]})
		}
	}
	return out
}

// TestParseFile_Problems parses each file under testdata/problems and
// expects exactly the problems its comments name, on their lines.
func TestParseFile_Problems(t *testing.T) {
	files, _ := filepath.Glob("testdata/problems/*.yaml")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			def, problems := forms.ParseFile(file)
			expected := wants(t, file)
			used := make([]bool, len(expected))
			hasErrors := false
		problem:
			for _, p := range problems {
				hasErrors = hasErrors || !p.Warning
				for i, w := range expected {
					if !used[i] && w.line == p.Line && w.warning == p.Warning && strings.Contains(p.Message, w.text) {
						used[i] = true
						continue problem
					}
				}
				t.Errorf("unexpected %s:%s (field %s)", filepath.Base(file), p, p.Field)
			}
			for i, w := range expected {
				if !used[i] {
					t.Errorf("missing on line %d (warning %v): %s", w.line, w.warning, w.text)
				}
			}
			if (def == nil) != hasErrors {
				t.Errorf("definition %v with errors %v", def != nil, hasErrors)
			}
		})
	}
}

// TestParse_JSONLikeYAML turns each problem file into JSON and expects
// the same problems, in JSON words. Files named yaml_* use what only YAML
// can write.
func TestParse_JSONLikeYAML(t *testing.T) {
	files, _ := filepath.Glob("testdata/problems/*.yaml")
	words := strings.NewReplacer("a mapping", "an object", "a list", "an array")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if strings.HasPrefix(filepath.Base(file), "yaml_") {
				t.Skip("YAML only")
			}
			data, _ := os.ReadFile(file)
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Skipf("not plain data: %v", err)
			}
			js, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Skipf("not JSON data: %v", err)
			}
			_, fromYAML := forms.ParseFile(file)
			_, fromJSON := forms.Parse(js, "json")
			a, b := messages(fromYAML, words), messages(fromJSON, nil)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("YAML problems:\n%s\nJSON problems:\n%s\nJSON:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"), js)
			}
		})
	}
}

var lineRef = regexp.MustCompile(`line \d+`)

// messages lists problems as sorted "field: message" lines, without the
// lines, which differ between formats.
func messages(problems []forms.Problem, r *strings.Replacer) []string {
	var out []string
	for _, p := range problems {
		msg := lineRef.ReplaceAllString(p.Message, "line N")
		if r != nil {
			msg = r.Replace(msg)
		}
		out = append(out, p.Field+": "+msg)
	}
	sort.Strings(out)
	return out
}
