package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

func ptr[T any](v T) *T { return &v }

// definition returns a small hand-built definition with one question of
// every type, the first a choice question usable as a segment.
func definition(id string) *forms.Definition {
	opts := func(values ...string) []forms.Option {
		out := make([]forms.Option, len(values))
		for i, v := range values {
			out[i] = forms.Option{Value: v, Label: forms.Text{"cs": "Možnost " + v, "en": "Option " + v}}
		}
		return out
	}
	return &forms.Definition{
		ID:          id,
		Title:       forms.Text{"cs": "Průzkum potřeb", "sk": "Prieskum potrieb", "en": "Needs survey"},
		Description: forms.Plain("Dotazník pro obyvatele."),
		Audience:    forms.AudienceResident,
		Access:      forms.AccessPublic,
		OpensAt:     ptr(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)),
		ClosesAt:    ptr(time.Date(2027, 3, 31, 23, 59, 59, 0, time.UTC)),
		Segments:    []string{"obec"},
		Pages: []forms.Page{
			{
				Title: forms.Plain("O vás"),
				Questions: []forms.Question{
					{ID: "obec", Type: forms.TypeChoice, Text: forms.Plain("Obec"), Required: true, Options: opts("slany", "zlonice", "velvary")},
					{ID: "vek", Type: forms.TypeNumber, Text: forms.Plain("Věk"), Min: ptr(0.0), Max: ptr(120.0), Integer: true},
				},
			},
			{
				Questions: []forms.Question{
					{ID: "sluzby", Type: forms.TypeMulti, Text: forms.Plain("Služby"), Tags: []string{"seniori"}, Options: []forms.Option{
						{Value: "pecovatelska", Label: forms.Plain("Pečovatelská služba"), Tags: []string{"seniori"}},
						{Value: "poradna", Label: forms.Plain("Poradna")},
					}},
					{ID: "spokojenost", Type: forms.TypeScale, Text: forms.Plain("Spokojenost"), Min: ptr(1.0), Max: ptr(5.0),
						ShowIf: &forms.Condition{Question: "sluzby", Includes: "poradna"}},
					{ID: "poznamka", Type: forms.TypeText, Text: forms.Plain("Poznámka"), MaxLength: 2000},
				},
			},
		},
	}
}

func questionnaire(id string) *engine.Questionnaire {
	return &engine.Questionnaire{ID: id, Definition: definition(id), CreatedAt: at(1, 9), CreatedBy: "u-admin"}
}

func mustCreateQuestionnaire(t *testing.T, st engine.Store, id string) *engine.Questionnaire {
	t.Helper()
	q := questionnaire(id)
	noErr(t, "CreateQuestionnaire", st.CreateQuestionnaire(ctx, q))
	return q
}

// response returns a response of questionnaire with answers of every kind
// and their codes, written by hand as forms.Definition.Codes would.
func response(id, questionnaire string) *engine.Response {
	return &engine.Response{
		ID:              id,
		QuestionnaireID: questionnaire,
		Answers: forms.Answers{
			"obec":        "slany",
			"vek":         67.0,
			"sluzby":      []string{"pecovatelska", "poradna"},
			"spokojenost": 4.0,
			"poznamka":    "Chybí odlehčovací služba; \"víc\" autobusů.\nDěkuji.",
		},
		Codes:     []string{"obec", "obec=slany", "vek", "vek=67", "sluzby", "sluzby=pecovatelska", "sluzby=poradna", "spokojenost", "spokojenost=4", "poznamka"},
		CreatedAt: at(2, 10),
	}
}

func user(id, email string) *engine.User {
	return &engine.User{ID: id, Email: email, Name: "Jana Nováková " + id, Role: engine.RoleCoordinator,
		PasswordHash: "$argon2id$v=19$m=65536,t=1,p=4$" + id, CreatedAt: at(1, 8)}
}

func mustCreateUser(t *testing.T, st engine.Store, id string) *engine.User {
	t.Helper()
	u := user(id, id+"@example.cz")
	noErr(t, "CreateUser", st.CreateUser(ctx, u))
	return u
}

func consultation(id string) *engine.Consultation {
	return &engine.Consultation{
		ID:    id,
		Title: "Komunitní plán sociálních služeb Slaný 2028–2031",
		Sections: []engine.Section{
			{ID: "uvod", Title: "Úvod", Text: "Plán popisuje…"},
			{ID: "seniori", Title: "Senioři", Text: "Priorita 1: odlehčovací služba."},
		},
		OpensAt:   time.Date(2027, 10, 1, 0, 0, 0, 0, time.UTC),
		ClosesAt:  time.Date(2027, 10, 31, 23, 59, 59, 0, time.UTC),
		CreatedAt: at(5, 9),
	}
}

func mustCreateConsultation(t *testing.T, st engine.Store, id string) *engine.Consultation {
	t.Helper()
	c := consultation(id)
	noErr(t, "CreateConsultation", st.CreateConsultation(ctx, c))
	return c
}

func comment(id, consultation string, n int) *engine.Comment {
	return &engine.Comment{
		ID:             id,
		ConsultationID: consultation,
		Number:         n,
		Reference:      fmt.Sprintf("P-2027-%03d", n),
		Section:        "seniori",
		Text:           "Navrhuji rozšířit pečovatelskou službu i o víkendy.",
		Author:         engine.Author{Name: "Petr Svoboda", Email: "petr@example.cz", Municipality: "Slaný", Organisation: "Spolek Senior", PublishName: true, Language: "sk"},
		State:          engine.CommentReceived,
		Groups:         []string{},
		History:        []engine.Change{{At: at(10, 12), UserID: "", From: "", To: "received", Note: "podáno"}},
		Version:        1,
		CreatedAt:      at(10, 12),
	}
}

func mustCreateComment(t *testing.T, st engine.Store, id, consultation string, n int) *engine.Comment {
	t.Helper()
	c := comment(id, consultation, n)
	noErr(t, "CreateComment", st.CreateComment(ctx, c))
	return c
}
