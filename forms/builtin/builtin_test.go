package builtin

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/codelists"
	"github.com/triada-kpss/triada/forms"
)

// workingGroups are the relevance tags the built-in questionnaires may use,
// one per typical KPSS working group.
var workingGroups = []string{"seniors", "disabled", "families", "exclusion", "addiction"}

func parsed(t *testing.T) map[string]*forms.Definition {
	t.Helper()
	defs, err := Definitions()
	if err != nil {
		t.Fatalf("Definitions: %v", err)
	}
	byID := map[string]*forms.Definition{}
	for _, d := range defs {
		byID[d.ID] = d
	}
	return byID
}

func question(t *testing.T, def *forms.Definition, id string) *forms.Question {
	t.Helper()
	q := def.Question(id)
	if q == nil {
		t.Fatalf("%s has no question %q", def.ID, id)
	}
	return q
}

func TestFilesParseWithoutProblemsOrWarnings(t *testing.T) {
	files := Files()
	if len(files) != 2 {
		t.Fatalf("Files() = %d files, want 2", len(files))
	}
	for name, data := range files {
		def, problems := forms.Parse(data, "yaml")
		for _, p := range problems {
			t.Errorf("%s:%s", name, p)
		}
		if def == nil {
			continue
		}
		if want := strings.TrimSuffix(name, ".yaml"); def.ID != want {
			t.Errorf("%s: id %q, want %q (the file name)", name, def.ID, want)
		}
	}
}

func TestDefinitions(t *testing.T) {
	byID := parsed(t)
	if len(byID) != 2 {
		t.Fatalf("Definitions() = %d definitions, want 2", len(byID))
	}
	needs, capacity := byID[NeedsSurveyID], byID[CapacityQuestionnaireID]
	if needs == nil || capacity == nil {
		t.Fatalf("Definitions() ids = %v", slices.Sorted(maps.Keys(byID)))
	}
	if needs.Audience != forms.AudienceResident || needs.Access != forms.AccessPublic {
		t.Errorf("needs-survey: audience %q access %q, want resident public", needs.Audience, needs.Access)
	}
	if capacity.Audience != forms.AudienceProvider || capacity.Access != forms.AccessInvite {
		t.Errorf("capacity-questionnaire: audience %q access %q, want provider invite", capacity.Audience, capacity.Access)
	}
	if !slices.Equal(needs.Segments, []string{"municipality", "age_band"}) {
		t.Errorf("needs-survey segments = %v", needs.Segments)
	}
	for _, d := range []*forms.Definition{needs, capacity} {
		if n := len(d.Pages); n < 3 || n > 5 {
			t.Errorf("%s has %d pages, want 3 to 5", d.ID, n)
		}
	}
}

// texts calls f with every text of the definition and where it is.
func texts(def *forms.Definition, f func(where string, t forms.Text)) {
	f("title", def.Title)
	f("description", def.Description)
	for i, p := range def.Pages {
		f("page "+strconv.Itoa(i+1)+" title", p.Title)
		for _, q := range p.Questions {
			f(q.ID+".text", q.Text)
			if q.Help != nil {
				f(q.ID+".help", q.Help)
			}
			for _, o := range q.Options {
				f(q.ID+"."+o.Value+".label", o.Label)
			}
		}
	}
}

func TestEveryTextInCzechSlovakAndEnglish(t *testing.T) {
	for id, def := range parsed(t) {
		texts(def, func(where string, text forms.Text) {
			if _, plain := text[""]; plain {
				t.Errorf("%s %s: a plain text; give it as {cs, sk, en}", id, where)
			}
			for _, lang := range forms.Languages {
				if strings.TrimSpace(text[lang]) == "" {
					t.Errorf("%s %s: no %s text", id, where, lang)
				}
			}
		})
	}
}

func TestTagsAreWorkingGroups(t *testing.T) {
	for id, def := range parsed(t) {
		used := map[string]bool{}
		for _, q := range def.Questions() {
			check := func(where string, tags []string) {
				for _, tag := range tags {
					used[tag] = true
					if !slices.Contains(workingGroups, tag) {
						t.Errorf("%s %s: tag %q is not one of %v", id, where, tag, workingGroups)
					}
				}
			}
			check(q.ID, q.Tags)
			for _, o := range q.Options {
				check(q.ID+"."+o.Value, o.Tags)
			}
		}
		for _, g := range workingGroups {
			if !used[g] {
				t.Errorf("%s: no question or option is tagged %q", id, g)
			}
		}
	}
}

func values(q *forms.Question) []string {
	out := make([]string, len(q.Options))
	for i, o := range q.Options {
		out[i] = o.Value
	}
	return out
}

// sameAsCodeList checks that the options of q are exactly the entries, in
// order, with the entries' labels.
func sameAsCodeList(t *testing.T, q *forms.Question, entries []codelists.Entry) {
	t.Helper()
	codes := make([]string, len(entries))
	for i, e := range entries {
		codes[i] = e.Code
	}
	if got := values(q); !slices.Equal(got, codes) {
		t.Errorf("%s option values =\n%v\nwant the code list\n%v", q.ID, got, codes)
		return
	}
	for i, e := range entries {
		for _, lang := range forms.Languages {
			if got, want := q.Options[i].Label[lang], e.Label[lang]; got != want {
				t.Errorf("%s %s label %s = %q, want %q from the code list", q.ID, e.Code, lang, got, want)
			}
		}
	}
}

func TestCapacityQuestionnaireUsesTheCodeLists(t *testing.T) {
	def := parsed(t)[CapacityQuestionnaireID]
	lists := codelists.Default()

	var czech []codelists.Entry
	for _, e := range lists.ServiceTypes {
		if e.Country == "CZ" && !e.Uncertain {
			czech = append(czech, e)
		}
	}
	if len(czech) == 0 {
		t.Fatal("the code lists hold no certain Czech service types")
	}
	sameAsCodeList(t, question(t, def, "service_type"), czech)
	sameAsCodeList(t, question(t, def, "target_groups"), lists.TargetGroups)

	var formCodes []string
	for _, f := range lists.Forms {
		formCodes = append(formCodes, f.Code)
	}
	if got := values(question(t, def, "service_form")); !slices.Equal(got, formCodes) {
		t.Errorf("service_form option values = %v, want %v", got, formCodes)
	}
}

// The options of the needs survey's service lists are the codes of Czech
// kinds of service, apart from the few that name no single kind.
func TestNeedsSurveyServicesUseServiceTypeCodes(t *testing.T) {
	def := parsed(t)[NeedsSurveyID]
	lists := codelists.Default()
	own := []string{"debt_advice", "homeless_services", "other_service", "nothing_missing", "dont_know"}
	used, missing := question(t, def, "services_used"), question(t, def, "services_missing")
	for _, q := range []*forms.Question{used, missing} {
		for _, o := range q.Options {
			e := lists.ServiceType(o.Value)
			switch {
			case slices.Contains(own, o.Value):
			case e == nil || e.Country != "CZ":
				t.Errorf("%s option %q is neither a Czech service type code nor one of %v", q.ID, o.Value, own)
			case e.Uncertain:
				t.Errorf("%s option %q is an uncertain service type", q.ID, o.Value)
			}
		}
	}
	// services_missing offers what services_used offers, plus two answers.
	want := append(values(used), "nothing_missing", "dont_know")
	if got := values(missing); !slices.Equal(got, want) {
		t.Errorf("services_missing options =\n%v\nwant services_used's plus nothing_missing, dont_know:\n%v", got, want)
	}
	for i, o := range used.Options {
		m := missing.Options[i]
		if !slices.Equal(o.Tags, m.Tags) || o.Label["cs"] != m.Label["cs"] || o.Label["sk"] != m.Label["sk"] || o.Label["en"] != m.Label["en"] {
			t.Errorf("option %q differs between services_used and services_missing", o.Value)
		}
	}
}

// Both questionnaires list the same municipalities of the microregion.
func TestMunicipalitiesAgree(t *testing.T) {
	byID := parsed(t)
	residents := values(question(t, byID[NeedsSurveyID], "municipality"))
	providers := values(question(t, byID[CapacityQuestionnaireID], "area_municipalities"))
	if len(residents) < 2 || residents[len(residents)-1] != "other" {
		t.Fatalf("needs-survey municipality options %v should end with other", residents)
	}
	if !slices.Equal(residents[:len(residents)-1], providers) {
		t.Errorf("municipalities differ:\nneeds-survey %v\ncapacity-questionnaire %v", residents, providers)
	}
}

// The conditional questions the survey relies on stay conditional.
func TestConditions(t *testing.T) {
	byID := parsed(t)
	for _, c := range []struct{ def, question, on string }{
		{NeedsSurveyID, "services_used", "uses_services"},
		{NeedsSurveyID, "satisfaction", "uses_services"},
		{NeedsSurveyID, "satisfaction_comment", "satisfaction"},
		{NeedsSurveyID, "services_missing_other", "services_missing"},
		{CapacityQuestionnaireID, "waiting_days", "waiting_list"},
		{CapacityQuestionnaireID, "waiting_count", "waiting_list"},
	} {
		q := question(t, byID[c.def], c.question)
		if q.ShowIf == nil || q.ShowIf.Question != c.on {
			t.Errorf("%s %s: show_if %+v, want a condition on %s", c.def, c.question, q.ShowIf, c.on)
		}
	}
}
