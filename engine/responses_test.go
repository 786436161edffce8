package engine_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func raw(tb testing.TB, s string) map[string]json.RawMessage {
	tb.Helper()
	var m map[string]json.RawMessage
	mustNil(tb, json.Unmarshal([]byte(s), &m))
	return m
}

func TestEngine_SubmitResponse(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	windowed := strings.Replace(surveyYAML, "id: needs-2027", "id: windowed\nopens_at: 2027-02-01T00:00:00Z\ncloses_at: 2027-03-01T00:00:00Z", 1)
	_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(windowed), "yaml")
	mustNil(t, err)
	f.mustSurvey(t)
	good := raw(t, `{"municipality":"znojmo","quality":3}`)

	t.Run("ErrNotOpenYet", func(t *testing.T) {
		_, err := f.SubmitResponse(ctx, "windowed", good, "")
		wantCode(t, err, engine.ECONFLICT)
	})
	t.Run("Open", func(t *testing.T) {
		f.clock.Set(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
		_, err := f.SubmitResponse(ctx, "windowed", good, "")
		mustNil(t, err)
	})
	t.Run("ErrClosed", func(t *testing.T) {
		f.clock.Set(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
		_, err := f.SubmitResponse(ctx, "windowed", good, "")
		wantCode(t, err, engine.ECONFLICT)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.SubmitResponse(ctx, "nope", good, "")
		wantCode(t, err, engine.ENOTFOUND)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := f.SubmitResponse(ctx, "needs-2027", raw(t, `{"municipality":"brno","quality":9,"nope":1}`), "")
		wantCode(t, err, engine.EINVALID)
		if e := err.(*engine.Error); len(e.Fields) != 3 {
			t.Errorf("want one error per bad answer, got %+v", e.Fields)
		}
	})
	t.Run("SubmissionKeyStoresOnce", func(t *testing.T) {
		a, err := f.SubmitResponse(ctx, "needs-2027", good, "key-1")
		mustNil(t, err)
		b, err := f.SubmitResponse(ctx, "needs-2027", good, "key-1")
		mustNil(t, err)
		if a.ID != b.ID {
			t.Errorf("a resubmission stored a second response: %s and %s", a.ID, b.ID)
		}
		r, err := f.QuestionnaireResults(ctx, f.coordinator, "needs-2027", engine.ResultsQuery{})
		mustNil(t, err)
		if r.Total != 1 {
			t.Errorf("total: got %d, want 1", r.Total)
		}
	})
	t.Run("ErrInviteOnly", func(t *testing.T) {
		inv := strings.Replace(surveyYAML, "id: needs-2027", "id: providers\naccess: invite", 1)
		inv = strings.Replace(inv, "audience: resident", "audience: provider", 1)
		_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(inv), "yaml")
		mustNil(t, err)
		_, err = f.SubmitResponse(ctx, "providers", good, "")
		wantCode(t, err, engine.EFORBIDDEN)
	})
}

func TestEngine_CreateQuestionnaire(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	t.Run("ErrForbidden", func(t *testing.T) {
		_, _, err := f.CreateQuestionnaire(ctx, f.member, []byte(surveyYAML), "yaml")
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("ErrInvalidWithLine", func(t *testing.T) {
		_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(strings.Replace(surveyYAML, "type: scale", "type: slider", 1)), "yaml")
		wantCode(t, err, engine.EINVALID)
		if e := err.(*engine.Error); len(e.Fields) == 0 || e.Fields[0].Line == 0 {
			t.Errorf("want a field error with a line, got %+v", e.Fields)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		_, _, err := f.CreateQuestionnaire(ctx, f.admin, []byte(surveyYAML), "yaml")
		mustNil(t, err)
		_, _, err = f.CreateQuestionnaire(ctx, f.admin, []byte(surveyYAML), "yaml")
		wantCode(t, err, engine.ECONFLICT)
	})
}
