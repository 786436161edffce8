package engine_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// draftYAML has three pages: the second hidden unless "pets" includes a
// cat, a question shown by an answer on its own page, and one shown by
// an answer on an earlier page.
const draftYAML = `id: drafts
title: Koncepty
audience: resident
pages:
  - questions:
      - {id: colour, type: choice, required: true, text: Barva, options: [{value: red, label: Červená}, {value: blue, label: Modrá}]}
      - {id: why, type: text, text: Proč, show_if: {question: colour, equals: red}}
      - {id: pets, type: multi, text: Zvířata, options: [{value: cat, label: Kočka}, {value: dog, label: Pes}]}
  - questions:
      - {id: cats, type: number, min: 1, integer: true, required: true, text: Kolik koček, show_if: {question: pets, includes: cat}}
  - questions:
      - {id: rating, type: scale, min: 1, max: 5, text: Spokojenost}
      - {id: dog_or_low, type: text, text: Proč, show_if: {any: [{question: pets, includes: dog}, {question: rating, in: [1, 2]}]}}
`

func (f *fixture) mustDrafts(tb testing.TB) *engine.Questionnaire {
	tb.Helper()
	q, _, err := f.CreateQuestionnaire(context.Background(), f.coordinator, []byte(draftYAML), "yaml")
	mustNil(tb, err)
	return q
}

func page(id string, n int, token string, move engine.Move, values map[string][]string) engine.DraftPage {
	return engine.DraftPage{QuestionnaireID: id, Token: token, Page: n, Values: values, Move: move, Language: "sk"}
}

func TestEngine_SaveDraftPage(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustDrafts(t)
	t.Run("StartsAndKeepsInvalidValues", func(t *testing.T) {
		s, err := f.SaveDraftPage(ctx, page("drafts", 0, "", engine.Next, map[string][]string{"colour": {"green"}, "why": {"x"}, "rating": {"5"}}))
		mustNil(t, err)
		if s.Token == "" || s.Draft.Hash != engine.HashSecret(s.Token) || len(s.Errors) != 1 || s.Errors[0].Field != "colour" {
			t.Fatalf("saved %+v", s)
		}
		if s.Draft.Values["colour"][0] != "green" || s.Draft.Values["rating"] != nil || s.Draft.Page != 0 || s.Draft.Language != "sk" {
			t.Errorf("draft %+v: want the page's values as typed, and only the page's", s.Draft)
		}
		if want := f.clock.Now().Add(engine.DefaultDraftTTL); !s.Draft.ExpiresAt.Equal(want) {
			t.Errorf("expires %v, want %v", s.Draft.ExpiresAt, want)
		}
	})
	t.Run("NextSkipsHiddenPages", func(t *testing.T) {
		s, err := f.SaveDraftPage(ctx, page("drafts", 0, "", engine.Next, map[string][]string{"colour": {"blue"}, "pets": {"dog"}}))
		mustNil(t, err)
		if len(s.Errors) != 0 || s.Draft.Page != 2 || s.Last {
			t.Fatalf("saved %+v", s)
		}
		s, err = f.SaveDraftPage(ctx, page("drafts", 2, s.Token, engine.Back, map[string][]string{"rating": {"9"}}))
		mustNil(t, err)
		if s.Draft.Page != 0 || s.Draft.Values["rating"][0] != "9" || s.Errors != nil {
			t.Errorf("back: %+v", s.Draft)
		}
		s, err = f.SaveDraftPage(ctx, page("drafts", 0, s.Token, engine.Next, map[string][]string{"colour": {"blue"}, "pets": {"cat"}}))
		mustNil(t, err)
		if s.Draft.Page != 1 {
			t.Errorf("a cat shows page 2: on %d", s.Draft.Page)
		}
		s, err = f.SaveDraftPage(ctx, page("drafts", 2, s.Token, engine.Next, map[string][]string{"rating": {"4"}}))
		mustNil(t, err)
		if !s.Last || s.Draft.Page != 2 {
			t.Errorf("last page: %+v", s)
		}
		if got := engine.FurthestPage(mustFind(t, f, "drafts").Definition, s.Draft.Values); got != 1 {
			t.Errorf("FurthestPage %d, want 1 (the number of cats is missing)", got)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.SaveDraftPage(ctx, page("nothing", 0, "", engine.Stay, nil))
		wantCode(t, err, engine.ENOTFOUND)
		_, err = f.SaveDraftPage(ctx, page("drafts", 3, "", engine.Stay, nil))
		wantCode(t, err, engine.ENOTFOUND)
	})
	t.Run("UnknownTokenStartsAnew", func(t *testing.T) {
		s, err := f.SaveDraftPage(ctx, page("drafts", 0, "nosuchtoken", engine.Stay, nil))
		mustNil(t, err)
		if s.Token == "nosuchtoken" {
			t.Error("kept an unknown token")
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		y := strings.Replace(draftYAML, "id: drafts", "id: closed\ncloses_at: 2027-01-01T00:00:00Z", 1)
		_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(y), "yaml")
		mustNil(t, err)
		_, err = f.SaveDraftPage(ctx, page("closed", 0, "", engine.Stay, nil))
		wantCode(t, err, engine.ECONFLICT)
	})
	t.Run("ErrInviteOnly", func(t *testing.T) {
		y := strings.Replace(draftYAML, "id: drafts", "id: invited\naccess: invite", 1)
		_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(y), "yaml")
		mustNil(t, err)
		_, err = f.SaveDraftPage(ctx, page("invited", 0, "", engine.Stay, nil))
		wantCode(t, err, engine.EFORBIDDEN)
	})
}

func mustFind(tb testing.TB, f *fixture, id string) *engine.Questionnaire {
	tb.Helper()
	q, err := f.FindQuestionnaire(context.Background(), id)
	mustNil(tb, err)
	return q
}

func TestEngine_SubmitDraft(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustDrafts(t)
	s, err := f.SaveDraftPage(ctx, page("drafts", 0, "", engine.Next, map[string][]string{"colour": {"blue"}, "why": {"hidden, ignored"}, "pets": {"dog"}}))
	mustNil(t, err)
	token := s.Token
	_, err = f.SaveDraftPage(ctx, page("drafts", 2, token, engine.Next, map[string][]string{"rating": {"2"}, "dog_or_low": {" Daleko "}}))
	mustNil(t, err)
	t.Run("Once", func(t *testing.T) {
		var wg sync.WaitGroup
		ids := make([]string, 5)
		for i := range ids {
			wg.Go(func() {
				r, err := f.SubmitDraft(ctx, "drafts", token, "")
				if err != nil {
					t.Error(err)
					return
				}
				ids[i] = r.ID
			})
		}
		wg.Wait()
		for _, id := range ids[1:] {
			if id != ids[0] {
				t.Fatalf("ids %v: want one response", ids)
			}
		}
		r, err := f.FindSubmission(ctx, "drafts", token)
		mustNil(t, err)
		if r.ID != ids[0] || r.Answers["why"] != nil || r.Answers["dog_or_low"] != "Daleko" || r.Answers["rating"] != 2.0 {
			t.Errorf("response %+v", r.Answers)
		}
		st, err := f.DraftState(ctx, mustFind(t, f, "drafts"), token)
		mustNil(t, err)
		if st.Draft != nil || st.Submitted == nil || st.Submitted.ID != r.ID {
			t.Errorf("state after submission %+v", st)
		}
		again, err := f.SaveDraftPage(ctx, page("drafts", 2, token, engine.Next, map[string][]string{"rating": {"5"}}))
		mustNil(t, err)
		if again.Submitted == nil || again.Draft != nil {
			t.Errorf("a page sent after the submission: %+v", again)
		}
		if ref := engine.ResponseReference(r.ID); len(ref) != 9 || ref[4] != '-' || ref != strings.ToUpper(ref) {
			t.Errorf("reference %q", ref)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s, err := f.SaveDraftPage(ctx, page("drafts", 0, "", engine.Next, map[string][]string{"colour": {"red"}, "pets": {"cat"}}))
		mustNil(t, err)
		_, err = f.SubmitDraft(ctx, "drafts", s.Token, "")
		wantCode(t, err, engine.EINVALID)
		var e *engine.Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "cats" || engine.PageOf(mustFind(t, f, "drafts").Definition, "cats") != 1 {
			t.Errorf("fields %+v", e)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.SubmitDraft(ctx, "drafts", "nosuchtoken", "")
		wantCode(t, err, engine.ENOTFOUND)
		_, err = f.FindSubmission(ctx, "drafts", "")
		wantCode(t, err, engine.ENOTFOUND)
	})
}

func TestEngine_ResumeDraft(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustDrafts(t)
	s, err := f.SaveDraftPage(ctx, page("drafts", 0, "", engine.Stay, map[string][]string{"colour": {"red"}}))
	mustNil(t, err)
	f.clock.Set(f.clock.Now().Add(engine.DefaultDraftTTL - time.Minute))
	d, err := f.ResumeDraft(ctx, "drafts", s.Token, "")
	mustNil(t, err)
	if d.Values["colour"][0] != "red" {
		t.Errorf("values %v", d.Values)
	}
	t.Run("ErrExpired", func(t *testing.T) {
		f.clock.Set(f.clock.Now().Add(2 * time.Minute))
		_, err := f.ResumeDraft(ctx, "drafts", s.Token, "")
		wantCode(t, err, engine.ENOTFOUND)
	})
	t.Run("ErrOtherQuestionnaire", func(t *testing.T) {
		y := strings.Replace(draftYAML, "id: drafts", "id: other", 1)
		_, _, err := f.CreateQuestionnaire(ctx, f.coordinator, []byte(y), "yaml")
		mustNil(t, err)
		s, err := f.SaveDraftPage(ctx, page("drafts", 0, "", engine.Stay, nil))
		mustNil(t, err)
		_, err = f.ResumeDraft(ctx, "other", s.Token, "")
		wantCode(t, err, engine.ENOTFOUND)
	})
}

func TestParseNumber(t *testing.T) {
	good := map[string]float64{"12": 12, "-3": -3, "+4": 4, "2,5": 2.5, "2.5": 2.5, "1 000": 1000, "1\u00a0000,5": 1000.5, ",5": 0.5, "7.": 7}
	for s, want := range good {
		if got, ok := engine.ParseNumber(s); !ok || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "abc", "1e3", "0x10", "Inf", "NaN", "1,2,3", "1.2.3", "--1", "1_000", "١٢"} {
		if _, ok := engine.ParseNumber(s); ok {
			t.Errorf("ParseNumber(%q) accepted", s)
		}
	}
}

func TestRawAnswers(t *testing.T) {
	def, problems := forms.Parse([]byte(draftYAML), "yaml")
	if forms.HasErrors(problems) {
		t.Fatal(problems)
	}
	raw := engine.RawAnswers(def, map[string][]string{
		"colour": {"red"}, "why": {"  "}, "pets": {"cat", "", "dog"}, "cats": {"1 200"}, "rating": {"pět"}, "unknown": {"x"},
	})
	want := map[string]string{"colour": `"red"`, "pets": `["cat","dog"]`, "cats": `1200`, "rating": `"pět"`}
	if len(raw) != len(want) {
		t.Errorf("raw %v", raw)
	}
	for k, v := range want {
		if string(raw[k]) != v {
			t.Errorf("%s: %s, want %s", k, raw[k], v)
		}
	}
}

func TestLiveCondition(t *testing.T) {
	def, _ := forms.Parse([]byte(draftYAML), "yaml")
	q := func(id string) *forms.Condition { return def.Question(id).ShowIf }
	dog := forms.Answers{"pets": []string{"dog"}}
	cat := forms.Answers{"pets": []string{"cat"}}
	if shown, live := engine.LiveCondition(def, nil, 0, q("why")); !shown || live == nil || live.Question != "colour" {
		t.Errorf("why: a condition on its own page stays live: %v %+v", shown, live)
	}
	if shown, live := engine.LiveCondition(def, dog, 1, q("cats")); shown || live != nil {
		t.Errorf("cats without a cat: %v %+v", shown, live)
	}
	if shown, live := engine.LiveCondition(def, cat, 1, q("cats")); !shown || live != nil {
		t.Errorf("cats with a cat: %v %+v", shown, live)
	}
	if shown, live := engine.LiveCondition(def, dog, 2, q("dog_or_low")); !shown || live != nil {
		t.Errorf("dog_or_low with a dog: settled shown: %v %+v", shown, live)
	}
	shown, live := engine.LiveCondition(def, cat, 2, q("dog_or_low"))
	if !shown || live == nil || live.Question != "rating" || len(live.In) != 2 {
		t.Errorf("dog_or_low with a cat: live on the rating: %v %+v", shown, live)
	}
}
