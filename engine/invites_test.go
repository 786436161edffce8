package engine_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// mustProviderSurvey creates "providers", the survey made invite-only and
// closing on 1 March 2027 (the clock starts on 15 January).
func (f *fixture) mustProviderSurvey(tb testing.TB) {
	tb.Helper()
	y := strings.Replace(surveyYAML, "id: needs-2027", "id: providers\naccess: invite\ncloses_at: 2027-03-01T00:00:00Z", 1)
	y = strings.Replace(y, "audience: resident", "audience: provider", 1)
	_, _, err := f.CreateQuestionnaire(context.Background(), f.coordinator, []byte(y), "yaml")
	mustNil(tb, err)
}

func (f *fixture) mustInvite(tb testing.TB) string {
	tb.Helper()
	token, _, err := f.CreateInvite(context.Background(), engine.Operator(), "providers", "Reditel@Charita.cz", " Charita ")
	mustNil(tb, err)
	return token
}

func TestEngine_CreateInvite(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustProviderSurvey(t)
	f.mustSurvey(t)

	t.Run("OK", func(t *testing.T) {
		token, inv, err := f.CreateInvite(ctx, f.coordinator, "providers", "Reditel@Charita.cz", " Charita Slaný ")
		mustNil(t, err)
		if len(token) != 43 || inv.Hash != engine.HashSecret(token) || strings.Contains(inv.Hash, token) {
			t.Errorf("token %q, hash %q: want 43 characters and only the hash stored", token, inv.Hash)
		}
		if inv.Email != "reditel@charita.cz" || inv.Name != "Charita Slaný" || inv.ResponseID != "" {
			t.Errorf("invite %+v", inv)
		}
		list, err := f.ListInvites(ctx, f.coordinator, "providers")
		mustNil(t, err)
		if len(list) != 1 || list[0].Hash != inv.Hash {
			t.Errorf("ListInvites: %+v", list)
		}
	})
	t.Run("Operator", func(t *testing.T) {
		_, _, err := f.CreateInvite(ctx, engine.Operator(), "providers", "b@example.cz", "")
		mustNil(t, err)
	})
	t.Run("ErrUnauthorized", func(t *testing.T) {
		_, _, err := f.CreateInvite(ctx, nil, "providers", "b@example.cz", "")
		wantCode(t, err, engine.EUNAUTHORIZED)
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		_, _, err := f.CreateInvite(ctx, f.member, "providers", "b@example.cz", "")
		wantCode(t, err, engine.EFORBIDDEN)
	})
	for _, c := range []struct{ name, questionnaire, email, field string }{
		{"ErrNoQuestionnaire", "nope", "b@example.cz", "questionnaire"},
		{"ErrPublicQuestionnaire", "needs-2027", "b@example.cz", "questionnaire"},
		{"ErrEmail", "providers", "not an address", "email"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := f.CreateInvite(ctx, f.coordinator, c.questionnaire, c.email, "")
			wantCode(t, err, engine.EINVALID)
			if e := err.(*engine.Error); len(e.Fields) != 1 || e.Fields[0].Field != c.field {
				t.Errorf("fields %+v, want one on %s", e.Fields, c.field)
			}
		})
	}
}

func TestEngine_SubmitInviteResponse(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustProviderSurvey(t)
	token := f.mustInvite(t)
	count := func(t *testing.T, code string) int {
		t.Helper()
		c, err := f.Store().CountAnswers(ctx, engine.CountQuery{Questionnaire: "providers"})
		mustNil(t, err)
		if code == "" {
			return c.Total
		}
		return c.Codes[code]
	}

	t.Run("ErrPublicSubmission", func(t *testing.T) {
		_, err := f.SubmitResponse(ctx, "providers", raw(t, `{"municipality":"znojmo"}`), "")
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("ErrBadToken", func(t *testing.T) {
		for _, bad := range []string{"", "short", strings.Repeat("A", 43), token + "x", strings.Repeat("é", 43)} {
			_, _, err := f.SubmitInviteResponse(ctx, bad, raw(t, `{"municipality":"znojmo"}`))
			wantCode(t, err, engine.EFORBIDDEN)
			_, err = f.FindInvite(ctx, bad)
			wantCode(t, err, engine.ENOTFOUND)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, _, err := f.SubmitInviteResponse(ctx, token, raw(t, `{"quality":9}`))
		wantCode(t, err, engine.EINVALID)
		inv, err := f.FindInvite(ctx, token)
		mustNil(t, err)
		if inv.Response != nil || count(t, "") != 0 {
			t.Errorf("an invalid submission stored a response")
		}
	})
	var first *engine.Response
	t.Run("First", func(t *testing.T) {
		r, created, err := f.SubmitInviteResponse(ctx, token, raw(t, `{"municipality":"znojmo","quality":2}`))
		mustNil(t, err)
		if !created {
			t.Error("the first submission did not create the response")
		}
		first = r
		inv, err := f.FindInvite(ctx, token)
		mustNil(t, err)
		if inv.Invite.ResponseID != r.ID || inv.Invite.AnsweredAt == nil || !inv.Open || inv.Response.Answers["quality"] != 2.0 {
			t.Errorf("invitation after the first submission: %+v %+v", inv.Invite, inv.Response)
		}
		if inv.Questionnaire.ID != "providers" {
			t.Errorf("questionnaire %q", inv.Questionnaire.ID)
		}
	})
	t.Run("EditReplaces", func(t *testing.T) {
		f.clock.Set(time.Date(2027, 2, 20, 0, 0, 0, 0, time.UTC))
		r, created, err := f.SubmitInviteResponse(ctx, token, raw(t, `{"municipality":"hrusovany","quality":5}`))
		mustNil(t, err)
		if created || r.ID != first.ID || !r.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("the edit made response %s (created %v at %v), want %s of %v", r.ID, created, r.CreatedAt, first.ID, first.CreatedAt)
		}
		if n := count(t, ""); n != 1 {
			t.Errorf("%d responses after an edit, want 1", n)
		}
		if count(t, "municipality=znojmo") != 0 || count(t, "municipality=hrusovany") != 1 || count(t, "quality=5") != 1 {
			t.Error("the counts still hold the first answers")
		}
	})
	t.Run("ErrInvalidEditKeepsAnswers", func(t *testing.T) {
		_, _, err := f.SubmitInviteResponse(ctx, token, raw(t, `{"municipality":"brno"}`))
		wantCode(t, err, engine.EINVALID)
		if count(t, "municipality=hrusovany") != 1 {
			t.Error("an invalid edit changed the response")
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		f.clock.Set(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
		_, _, err := f.SubmitInviteResponse(ctx, token, raw(t, `{"municipality":"znojmo"}`))
		wantCode(t, err, engine.ECONFLICT)
		inv, err := f.FindInvite(ctx, token)
		mustNil(t, err)
		if inv.Open || inv.Response.Answers["municipality"] != "hrusovany" {
			t.Errorf("after closing: open %v, answers %v", inv.Open, inv.Response.Answers)
		}
	})
}

// Two first submissions through one link at the same moment store one
// response.
func TestEngine_SubmitInviteResponse_Concurrent(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustProviderSurvey(t)
	token := f.mustInvite(t)
	const n = 8
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r, _, err := f.SubmitInviteResponse(ctx, token, raw(t, fmt.Sprintf(`{"municipality":"znojmo","quality":%d}`, i%5+1)))
			if err != nil {
				t.Errorf("submission %d: %v", i, err)
				return
			}
			ids[i] = r.ID
		})
	}
	wg.Wait()
	c, err := f.Store().CountAnswers(ctx, engine.CountQuery{Questionnaire: "providers"})
	mustNil(t, err)
	if c.Total != 1 {
		t.Fatalf("%d responses stored, want 1", c.Total)
	}
	inv, err := f.FindInvite(ctx, token)
	mustNil(t, err)
	for i, id := range ids {
		if id != inv.Invite.ResponseID {
			t.Errorf("submission %d answered response %s, the invite holds %s", i, id, inv.Invite.ResponseID)
		}
	}
}

func TestEngine_SubmitInviteAnswers(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustProviderSurvey(t)
	f.mustSurvey(t)
	token := f.mustInvite(t)
	hash := engine.HashSecret(token)
	t.Run("ErrUnknownHash", func(t *testing.T) {
		_, _, err := f.SubmitInviteAnswers(ctx, "providers", engine.HashSecret("other"), raw(t, `{"municipality":"znojmo"}`))
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("ErrOtherQuestionnaire", func(t *testing.T) {
		_, _, err := f.SubmitInviteAnswers(ctx, "needs-2027", hash, raw(t, `{"municipality":"znojmo"}`))
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("SameResponseAsTheToken", func(t *testing.T) {
		a, created, err := f.SubmitInviteAnswers(ctx, "providers", hash, raw(t, `{"municipality":"znojmo"}`))
		mustNil(t, err)
		b, again, err := f.SubmitInviteResponse(ctx, token, raw(t, `{"municipality":"other"}`))
		mustNil(t, err)
		if !created || again || a.ID != b.ID {
			t.Errorf("responses %s (created %v) and %s (created %v)", a.ID, created, b.ID, again)
		}
	})
}
