package forms_test

import (
	"math"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/forms"
)

func TestDefinition_Questions(t *testing.T) {
	def := MustParseFile(t, "testdata/survey.yaml")
	var ids []string
	for _, q := range def.Questions() {
		ids = append(ids, q.ID)
	}
	want := "place services quality days chain cost share debt remarks story why_other"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("got %s", got)
	}
	q := def.Question("cost")
	if q == nil || q != def.Questions()[5] {
		t.Fatal("Question does not point into the definition")
	}
	if def.Question("nope") != nil {
		t.Error("Question(nope) not nil")
	}
	if !q.IsNumeric() || q.HasOptions() || !def.Question("services").HasOptions() {
		t.Error("IsNumeric or HasOptions")
	}
	place := def.Question("place")
	if o := place.Option("1"); o == nil || o.Label.In("cs") != "Jedna" {
		t.Errorf("Option(1) = %v", o)
	}
	if place.Option("2") != nil {
		t.Error("Option(2) not nil")
	}
}

func TestDefinition_Normalize(t *testing.T) {
	def := &forms.Definition{Pages: []forms.Page{{Questions: []forms.Question{
		{ID: "size", Type: forms.TypeChoice, Options: []forms.Option{{Value: "1"}, {Value: "2.5"}}},
		{ID: "n", Type: forms.TypeNumber},
		{ID: "a", ShowIf: &forms.Condition{Question: "size", Equals: 1}},
		{ID: "b", ShowIf: &forms.Condition{Any: []forms.Condition{{Question: "size", In: []any{2.5, "1"}}, {Question: "n", Equals: 2.0}}}},
	}}}}
	def.Normalize()
	if def.Access != forms.AccessPublic {
		t.Errorf("access %q", def.Access)
	}
	if got := def.Question("a").ShowIf.Equals; got != "1" {
		t.Errorf("equals %#v", got)
	}
	b := def.Question("b").ShowIf
	if b.Any[0].In[0] != "2.5" || b.Any[0].In[1] != "1" || b.Any[1].Equals != 2.0 {
		t.Errorf("any %#v", b.Any)
	}
	invite := &forms.Definition{Access: forms.AccessInvite}
	if invite.Normalize(); invite.Access != forms.AccessInvite {
		t.Error("Normalize changed access")
	}
}

// TestDefinition_Check covers what only a definition built in Go can hold.
func TestDefinition_Check(t *testing.T) {
	nan := math.NaN()
	def := &forms.Definition{
		ID: "built", Title: forms.Text{"cs": "Průzkum", "de": "Umfrage", "sk": "x", "en": "y"}, Audience: forms.AudienceResident,
		Pages: []forms.Page{{Questions: []forms.Question{
			{ID: "n", Type: forms.TypeNumber, Text: forms.Plain("N"), Min: &nan},
			{ID: "c", Type: forms.TypeChoice, Text: forms.Plain("C"), Options: []forms.Option{
				{Value: "a\xff", Label: forms.Plain("A")}, {Value: "b", Label: forms.Plain("B")}}},
			{ID: "t", Type: forms.TypeText, Text: forms.Plain("T"), MaxLength: -1},
			{ID: "s", Type: forms.TypeText, Text: forms.Plain("S"), ShowIf: &forms.Condition{Question: "c", Equals: true}},
		}}},
	}
	def.Normalize()
	want := []string{
		`"title" has text in the unknown language "de"`,
		`"min" must be a finite number`,
		`the option value "a\xff" may not hold`,
		`"max_length" must be a whole number from 1 to 100000`,
		`the question "c" has no option true`,
	}
	problems := def.Check()
	if len(problems) != len(want) {
		t.Fatalf("got %v", problems)
	}
	for i, p := range problems {
		if p.Line != 0 || !strings.HasPrefix(p.Message, want[i]) {
			t.Errorf("got %v, want %s", p, want[i])
		}
	}
}
