package forms_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

// FuzzParse parses arbitrary bytes as YAML or JSON. Parse must not panic,
// must give every problem a line, and a definition it accepts must pass
// Check and read back from its JSON unchanged.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.*")
	files = append(files, "testdata/survey.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, filepath.Ext(file) == ".json")
	}
	f.Add([]byte(minimalYAML), true)
	f.Add([]byte("a: &a [*a, *a]\n"), false)
	f.Add([]byte("{\"id\": [[[[\"x\"]]]], \"pages\": {}}"), true)
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		format := "yaml"
		if asJSON {
			format = "json"
		}
		def, problems := forms.Parse(data, format)
		for _, p := range problems {
			if p.Line < 1 || p.Message == "" {
				t.Fatalf("problem without a line or message: %+v", p)
			}
		}
		if def == nil {
			if !forms.HasErrors(problems) {
				t.Fatalf("no definition and no errors: %v", problems)
			}
			return
		}
		if forms.HasErrors(problems) {
			t.Fatalf("a definition with errors: %v", problems)
		}
		if p := def.Check(); forms.HasErrors(p) {
			t.Fatalf("Check finds errors Parse did not: %v", p)
		}
		js, err := json.Marshal(def)
		if err != nil {
			t.Fatal(err)
		}
		again, p := forms.Parse(js, "json")
		if again == nil {
			t.Fatalf("its JSON does not parse: %v\n%s", p, js)
		}
		js2, _ := json.Marshal(again)
		if !bytes.Equal(js, js2) {
			t.Fatalf("JSON changed:\n%s\n%s", js, js2)
		}
		def.Codes(forms.Answers{})
	})
}

// FuzzValidateAnswers validates arbitrary answers to the survey. It must
// not panic; the answers it returns must be to shown questions, give
// codes of known questions, and validate again to themselves.
func FuzzValidateAnswers(f *testing.F) {
	def := MustParseFile(f, "testdata/survey.yaml")
	for _, seed := range []string{
		`{}`,
		`{"place": "other", "why_other": " far ", "services": ["meals", "day_care"], "quality": 5, "days": 2, "chain": "b"}`,
		`{"cost": -0, "share": 0.5, "debt": -1e300, "remarks": "0123456789", "story": "a\u0000b"}`,
		`{"place": null, "services": [], "quality": "3", "days": 1.5, "unknown": {}}`,
		`{"services": ["home", "home"], "quality": 1e400, "story": 5, "place": ["znojmo"]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var raw map[string]json.RawMessage
		if json.Unmarshal(data, &raw) != nil {
			return
		}
		answers, errs := def.ValidateAnswers(raw)
		if visible := def.VisibleAnswers(answers); len(visible) != len(answers) {
			t.Fatalf("answers to hidden questions: %v", answers)
		}
		for _, e := range errs {
			if e.Message == "" || (e.Message != "Unknown question." && def.Question(e.Field) == nil) {
				t.Fatalf("field error %+v", e)
			}
		}
		for _, code := range def.Codes(answers) {
			if qid, _, _ := forms.ParseCode(code); def.Question(qid) == nil {
				t.Fatalf("code %q of no question", code)
			}
		}
		js, err := json.Marshal(answers)
		if err != nil {
			t.Fatal(err)
		}
		again, errs2 := def.ValidateAnswers(MustRaw(t, string(js)))
		if !reflect.DeepEqual(again, answers) {
			t.Fatalf("answers changed:\n%#v\n%#v", answers, again)
		}
		for _, e := range errs2 {
			if e.Message != "This question is required." {
				t.Fatalf("clean answers are bad: %v", errs2)
			}
		}
	})
}
