package engine_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

const editYAML = `id: edit-2027
title: {cs: "Průzkum"}
audience: resident
# the window comes later
pages:
  - questions:
      - id: obec
        type: choice
        text: {cs: "Obec"}
        options:
          - {value: slany, label: "Slaný"}
          - {value: kvilice, label: "Kvílice"}
          - {value: jina, label: "Jiná"}
      - id: poznamka
        type: text
        text: {cs: "Poznámka"}
      - id: spokojenost
        type: scale
        min: 1
        max: 5
        text: {cs: "Spokojenost"}
`

func mustEditable(t *testing.T, f *fixture) *engine.Questionnaire {
	t.Helper()
	q, _, err := f.CreateQuestionnaire(context.Background(), f.coordinator, []byte(editYAML), "yaml")
	mustNil(t, err)
	if q.Version != 1 || q.Source != editYAML {
		t.Fatalf("created version %d, source kept %v", q.Version, q.Source == editYAML)
	}
	return q
}

func TestEngine_UpdateQuestionnaire(t *testing.T) {
	ctx := context.Background()
	t.Run("NoResponses", func(t *testing.T) {
		f := mustOpen(t)
		mustEditable(t, f)
		changed := strings.Replace(editYAML, "      - id: poznamka\n        type: text\n        text: {cs: \"Poznámka\"}\n", "", 1)
		q, _, err := f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(changed), "yaml", 1)
		mustNil(t, err)
		if q.Version != 2 || len(q.Definition.Questions()) != 2 {
			t.Fatalf("version %d, %d questions", q.Version, len(q.Definition.Questions()))
		}
		got, err := f.FindQuestionnaire(ctx, "edit-2027")
		mustNil(t, err)
		if got.Version != 2 || got.Source != changed {
			t.Fatalf("FindQuestionnaire after the edit: version %d", got.Version)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		f := mustOpen(t)
		mustEditable(t, f)
		_, _, err := f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(editYAML), "yaml", 1)
		mustNil(t, err)
		_, _, err = f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(editYAML), "yaml", 1)
		wantCode(t, err, engine.ECONFLICT)
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		f := mustOpen(t)
		mustEditable(t, f)
		_, _, err := f.UpdateQuestionnaire(ctx, f.member, "edit-2027", []byte(editYAML), "yaml", 1)
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("IDCannotChange", func(t *testing.T) {
		f := mustOpen(t)
		mustEditable(t, f)
		_, _, err := f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(strings.Replace(editYAML, "edit-2027", "edit-2028", 1)), "yaml", 1)
		wantCode(t, err, engine.EINVALID)
	})
	t.Run("KeepsAnsweredQuestionsAndOptions", func(t *testing.T) {
		f := mustOpen(t)
		mustEditable(t, f)
		_, err := f.SubmitResponse(ctx, "edit-2027", map[string]json.RawMessage{"obec": json.RawMessage(`"slany"`), "spokojenost": json.RawMessage(`4`)}, "")
		mustNil(t, err)
		for name, c := range map[string]struct{ from, to string }{
			"AnsweredValueOutOfRange": {"max: 5", "max: 3"},
			"AnsweredOptionRemoved":   {"          - {value: slany, label: \"Slaný\"}\n", ""},
			"AnsweredQuestionType":    {"type: choice", "type: multi"},
			"AnsweredQuestionGone":    {"      - id: obec\n", "      - id: obec2\n"},
		} {
			changed := strings.Replace(editYAML, c.from, c.to, 1)
			_, _, err := f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(changed), "yaml", 1)
			wantCode(t, err, engine.EINVALID)
			if !strings.Contains(engine.ErrorMessage(err), "lose answers") {
				t.Errorf("%s: message %q", name, engine.ErrorMessage(err))
			}
		}
		// An unanswered option and an unanswered question may go.
		changed := strings.Replace(editYAML, "          - {value: kvilice, label: \"Kvílice\"}\n", "", 1)
		changed = strings.Replace(changed, "      - id: poznamka\n        type: text\n        text: {cs: \"Poznámka\"}\n", "", 1)
		_, _, err = f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(changed), "yaml", 1)
		mustNil(t, err)
	})
}

func TestEngine_QuestionnaireWindow(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	mustEditable(t, f)
	opens, closes := f.clock.Now().Add(24*time.Hour), f.clock.Now().Add(48*time.Hour)
	q, err := f.SetQuestionnaireWindow(ctx, f.coordinator, "edit-2027", &opens, &closes, 1)
	mustNil(t, err)
	if f.IsOpen(q) || !strings.Contains(q.Source, "# the window comes later") || !strings.Contains(q.Source, "opens_at: \"2027-01-16T10:00:00Z\"") && !strings.Contains(q.Source, "opens_at: 2027-01-16T10:00:00Z") {
		t.Fatalf("after setting the window: open %v, source:\n%s", f.IsOpen(q), q.Source)
	}
	_, err = f.SetQuestionnaireWindow(ctx, f.coordinator, "edit-2027", &closes, &opens, 2)
	wantCode(t, err, engine.EINVALID)
	q, err = f.OpenQuestionnaireNow(ctx, f.coordinator, "edit-2027", 2)
	mustNil(t, err)
	if !f.IsOpen(q) || !q.Definition.ClosesAt.Equal(closes) {
		t.Fatalf("opened now: open %v, closes %v", f.IsOpen(q), q.Definition.ClosesAt)
	}
	f.clock.Set(f.clock.Now().Add(time.Hour))
	q, err = f.CloseQuestionnaireNow(ctx, f.coordinator, "edit-2027", 3)
	mustNil(t, err)
	if f.IsOpen(q) {
		t.Fatal("still open after closing early")
	}
	copied, err := f.CopyQuestionnaire(ctx, f.coordinator, "edit-2027", "edit-2030", &opens, nil)
	mustNil(t, err)
	if copied.ID != "edit-2030" || copied.Definition.ClosesAt != nil || !copied.Definition.OpensAt.Equal(opens) || copied.Version != 1 {
		t.Fatalf("copy: %+v", copied.Definition)
	}
	_, err = f.CopyQuestionnaire(ctx, f.coordinator, "edit-2027", "edit-2030", nil, nil)
	wantCode(t, err, engine.ECONFLICT)
	_, err = f.CopyQuestionnaire(ctx, f.coordinator, "edit-2027", "Bad ID", nil, nil)
	wantCode(t, err, engine.EINVALID)
}

// TestEngine_QuestionnaireCacheAcrossInstances edits through one engine
// and reads through another over the same database, as two instances
// behind a load balancer do.
func TestEngine_QuestionnaireCacheAcrossInstances(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	mustEditable(t, f)
	other := engine.New(f.Store(), engine.Options{Now: f.clock.Now, QuestionnaireRecheck: time.Minute})
	before, err := other.FindQuestionnaire(ctx, "edit-2027")
	mustNil(t, err)
	_, _, err = f.UpdateQuestionnaire(ctx, f.coordinator, "edit-2027", []byte(strings.Replace(editYAML, "Průzkum", "Nový průzkum", 1)), "yaml", 1)
	mustNil(t, err)
	cached, err := other.FindQuestionnaire(ctx, "edit-2027")
	mustNil(t, err)
	if cached != before {
		t.Fatal("the other instance read the store again within the recheck interval")
	}
	f.clock.Set(f.clock.Now().Add(time.Minute))
	after, err := other.FindQuestionnaire(ctx, "edit-2027")
	mustNil(t, err)
	if after.Version != 2 || after.Definition.Title["cs"] != "Nový průzkum" {
		t.Fatalf("after the interval: version %d, title %v", after.Version, after.Definition.Title)
	}
}
