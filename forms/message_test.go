package forms_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

// TestProblem_Text checks that a checker's problem keeps the English
// format and arguments of its message, phrases included, and that its
// message and JSON are as before.
func TestProblem_Text(t *testing.T) {
	_, problems := forms.Parse([]byte("id: x\naudience: resident\ncolour: red\npages: []\n"), "yaml")
	var p *forms.Problem
	for i := range problems {
		if problems[i].Line == 3 {
			p = &problems[i]
		}
	}
	if p == nil {
		t.Fatalf("no problem on line 3: %v", problems)
	}
	format, args := p.Text()
	if format != "%s" || len(args) != 1 {
		t.Fatalf("Text() = %q, %v", format, args)
	}
	phrase, ok := args[0].(forms.Phrase)
	if !ok || phrase.Format != "unknown key %s in %s; known: %s" || fmt.Sprint(phrase) != p.Message {
		t.Errorf("phrase %#v, message %q", args[0], p.Message)
	}
	b, err := json.Marshal(p)
	if want := `{"line":3,"field":"colour","message":` + string(must(json.Marshal(p.Message))) + `}`; err != nil || string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	if f := p.FieldError(); f.Line != 3 || f.Format != "%s" || f.Message != p.Message {
		t.Errorf("FieldError() = %+v", f)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
