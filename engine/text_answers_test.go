package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// remarks returns a page of the answers to the survey's remarks.
func (f *fixture) remarks(tb testing.TB, actor *engine.User, q engine.TextAnswersQuery) *engine.TextAnswers {
	tb.Helper()
	page, err := f.ListTextAnswers(context.Background(), actor, "needs-2027", "remarks", q)
	mustNil(tb, err)
	return page
}

func texts(page *engine.TextAnswers) string {
	var out []string
	for _, a := range page.Answers {
		out = append(out, a.Text)
	}
	return strings.Join(out, "|")
}

func TestEngine_ListTextAnswers(t *testing.T) {
	f := mustOpen(t)
	f.mustSurvey(t, sampleResponses...)
	ctx := context.Background()

	if got := texts(f.remarks(t, f.coordinator, engine.TextAnswersQuery{})); got != "Málo míst.|Bus." {
		t.Errorf("all remarks in order: %q", got)
	}
	if got := texts(f.remarks(t, f.admin, engine.TextAnswersQuery{Search: "  MALO  "})); got != "Málo míst." {
		t.Errorf("search ignoring case, accents and spaces: %q", got)
	}
	if got := texts(f.remarks(t, f.admin, engine.TextAnswersQuery{Filters: []engine.Filter{{Question: "municipality", Value: "hrusovany"}}})); got != "Bus." {
		t.Errorf("filtered: %q", got)
	}
	page := f.remarks(t, f.coordinator, engine.TextAnswersQuery{Offset: 1, Limit: 1})
	if texts(page) != "Bus." || page.Total != 2 || page.Offset != 1 || page.Limit != 1 {
		t.Errorf("second page of one: %+v", page)
	}

	t.Run("Members", func(t *testing.T) {
		_, err := f.ListTextAnswers(ctx, f.member, "needs-2027", "remarks", engine.TextAnswersQuery{})
		wantCode(t, err, engine.EFORBIDDEN)
		_, err = f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "seniors", Name: "Senioři", Tags: []string{"seniors"}})
		mustNil(t, err)
		_, err = f.AddGroupMember(ctx, f.coordinator, "seniors", f.member.Email)
		mustNil(t, err)
		_, err = f.ListTextAnswers(ctx, f.member, "needs-2027", "remarks", engine.TextAnswersQuery{})
		wantCode(t, err, engine.EFORBIDDEN) // remarks are tagged families
		_, err = f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "families", Name: "Rodiny", Tags: []string{"families"}})
		mustNil(t, err)
		_, err = f.AddGroupMember(ctx, f.coordinator, "families", f.member.Email)
		mustNil(t, err)
		if got := texts(f.remarks(t, f.member, engine.TextAnswersQuery{})); got != "Málo míst.|Bus." {
			t.Errorf("a member of families: %q", got)
		}
	})

	for name, c := range map[string]struct {
		questionnaire, question string
		q                       engine.TextAnswersQuery
		code                    string
	}{
		"ErrNotFoundQuestionnaire": {"nope", "remarks", engine.TextAnswersQuery{}, engine.ENOTFOUND},
		"ErrNotFoundQuestion":      {"needs-2027", "nope", engine.TextAnswersQuery{}, engine.ENOTFOUND},
		"ErrNotText":               {"needs-2027", "quality", engine.TextAnswersQuery{}, engine.EINVALID},
		"ErrOffset":                {"needs-2027", "remarks", engine.TextAnswersQuery{Offset: -1}, engine.EINVALID},
		"ErrLimit":                 {"needs-2027", "remarks", engine.TextAnswersQuery{Limit: engine.MaxTextAnswersLimit + 1}, engine.EINVALID},
		"ErrSearchLong":            {"needs-2027", "remarks", engine.TextAnswersQuery{Search: strings.Repeat("x", 201)}, engine.EINVALID},
		"ErrSearchUTF8":            {"needs-2027", "remarks", engine.TextAnswersQuery{Search: "\xff"}, engine.EINVALID},
		"ErrFilter":                {"needs-2027", "remarks", engine.TextAnswersQuery{Filters: []engine.Filter{{Question: "municipality", Value: "brno"}}}, engine.EINVALID},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.ListTextAnswers(ctx, f.coordinator, c.questionnaire, c.question, c.q)
			wantCode(t, err, c.code)
		})
	}
	t.Run("ErrUnauthorized", func(t *testing.T) {
		_, err := f.ListTextAnswers(ctx, nil, "needs-2027", "remarks", engine.TextAnswersQuery{})
		wantCode(t, err, engine.EUNAUTHORIZED)
	})
}

func TestEngine_CodeAnswer(t *testing.T) {
	f := mustOpen(t)
	f.mustSurvey(t, sampleResponses...)
	ctx := context.Background()
	page := f.remarks(t, f.coordinator, engine.TextAnswersQuery{})
	malo, bus := page.Answers[0].ResponseID, page.Answers[1].ResponseID

	c, err := f.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", malo, engine.CodingChange{Add: []string{" chybí  stacionář ", "kapacita"}})
	mustNil(t, err)
	if fmt.Sprint(c.Codes) != "[chybí stacionář kapacita]" || c.Version != 1 || c.UpdatedBy != f.coordinator.ID {
		t.Fatalf("first coding: %+v", c)
	}
	c, err = f.CodeAnswer(ctx, f.admin, "needs-2027", "remarks", malo, engine.CodingChange{Add: []string{"doprava"}, Remove: []string{"kapacita"}, Version: ptr(1)})
	mustNil(t, err)
	if fmt.Sprint(c.Codes) != "[chybí stacionář doprava]" || c.Version != 2 {
		t.Fatalf("second coding: %+v", c)
	}
	_, err = f.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", malo, engine.CodingChange{Add: []string{"x"}, Version: ptr(1)})
	wantCode(t, err, engine.ECONFLICT)
	_, err = f.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", bus, engine.CodingChange{Add: []string{"doprava"}, Version: ptr(0)})
	mustNil(t, err)

	page = f.remarks(t, f.coordinator, engine.TextAnswersQuery{})
	if fmt.Sprint(page.Answers[0].Codes, page.Answers[0].Version, page.Answers[1].Codes) != "[chybí stacionář doprava] 2 [doprava]" {
		t.Errorf("codes in the listing: %+v", page.Answers)
	}
	if fmt.Sprint(page.CodeList) != "[{doprava 2} {chybí stacionář 1}]" {
		t.Errorf("code list: %+v", page.CodeList)
	}

	t.Run("CountedInResults", func(t *testing.T) {
		r, err := f.QuestionnaireResults(ctx, f.member, "needs-2027", engine.ResultsQuery{Segment: "municipality"})
		mustNil(t, err)
		rm := question(t, r, "remarks")
		if rm.Coded == nil || *rm.Coded != 2 || fmt.Sprint(rm.Codes) != "[{doprava map[] 2 1} {chybí stacionář map[] 1 0.5}]" {
			t.Errorf("remarks codes: coded %v, %+v", rm.Coded, rm.Codes)
		}
		if len(rm.Segments) != 2 || rm.Segments[1].Value+" "+fmt.Sprint(rm.Segments[1].Codes) != "hrusovany [{doprava map[] 1 1}]" {
			t.Errorf("remarks codes by municipality: %+v", rm.Segments)
		}
		q := question(t, r, "quality")
		if q.Codes != nil || q.Coded != nil {
			t.Errorf("a scale question with codes: %+v", q)
		}
		r, err = f.QuestionnaireResults(ctx, f.member, "needs-2027", engine.ResultsQuery{Filters: []engine.Filter{{Question: "municipality", Value: "hrusovany"}}})
		mustNil(t, err)
		if rm := question(t, r, "remarks"); *rm.Coded != 1 || fmt.Sprint(rm.Codes) != "[{doprava map[] 1 1}]" {
			t.Errorf("filtered remarks codes: %+v", rm)
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		const n = 12
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				_, errs[i] = f.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", bus, engine.CodingChange{Add: []string{fmt.Sprintf("c%02d", i)}})
			})
		}
		wg.Wait()
		for _, err := range errs {
			mustNil(t, err)
		}
		page := f.remarks(t, f.coordinator, engine.TextAnswersQuery{})
		got := page.Answers[1]
		if len(got.Codes) != n+1 || !slices.Contains(got.Codes, "doprava") || got.Version != n+1 {
			t.Errorf("after %d people coded at once: %+v", n, got)
		}
	})

	noRemark := respondedWithout(t, f)
	for name, c := range map[string]struct {
		question, response string
		ch                 engine.CodingChange
		actor              *engine.User
		code               string
	}{
		"ErrEmptyChange":     {"remarks", malo, engine.CodingChange{}, f.coordinator, engine.EINVALID},
		"ErrEmptyCode":       {"remarks", malo, engine.CodingChange{Add: []string{"  "}}, f.coordinator, engine.EINVALID},
		"ErrLongCode":        {"remarks", malo, engine.CodingChange{Add: []string{strings.Repeat("á", engine.MaxCodeLength+1)}}, f.coordinator, engine.EINVALID},
		"ErrControlCode":     {"remarks", malo, engine.CodingChange{Add: []string{"a\x07b"}}, f.coordinator, engine.EINVALID},
		"ErrBadUTF8":         {"remarks", malo, engine.CodingChange{Add: []string{"\xff"}}, f.coordinator, engine.EINVALID},
		"ErrNegVersion":      {"remarks", malo, engine.CodingChange{Add: []string{"x"}, Version: ptr(-1)}, f.coordinator, engine.EINVALID},
		"ErrNotText":         {"quality", malo, engine.CodingChange{Add: []string{"x"}}, f.coordinator, engine.EINVALID},
		"ErrNoResponse":      {"remarks", "nope", engine.CodingChange{Add: []string{"x"}}, f.coordinator, engine.ENOTFOUND},
		"ErrNotAnswered":     {"remarks", noRemark, engine.CodingChange{Add: []string{"x"}}, f.coordinator, engine.ENOTFOUND},
		"ErrMember":          {"remarks", malo, engine.CodingChange{Add: []string{"x"}}, f.member, engine.EFORBIDDEN},
		"ErrUnauthorized":    {"remarks", malo, engine.CodingChange{Add: []string{"x"}}, nil, engine.EUNAUTHORIZED},
		"ErrUnknownQuestion": {"nope", malo, engine.CodingChange{Add: []string{"x"}}, f.coordinator, engine.ENOTFOUND},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.CodeAnswer(ctx, c.actor, "needs-2027", c.question, c.response, c.ch)
			wantCode(t, err, c.code)
		})
	}
	t.Run("ErrTooManyCodes", func(t *testing.T) {
		var many []string
		for i := range engine.MaxCodesPerAnswer + 1 {
			many = append(many, fmt.Sprintf("k%d", i))
		}
		_, err := f.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", malo, engine.CodingChange{Add: many})
		wantCode(t, err, engine.EINVALID)
	})
}

// respondedWithout submits a response without remarks and returns its id.
func respondedWithout(tb testing.TB, f *fixture) string {
	tb.Helper()
	r, err := f.SubmitResponse(context.Background(), "needs-2027", map[string]json.RawMessage{"municipality": json.RawMessage(`"other"`)}, "")
	mustNil(tb, err)
	return r.ID
}

func ptr[T any](v T) *T { return &v }

// TestEngine_CodeAnswer_Spelling: codes that differ only in case, accents
// or spaces are one code, spelled as the question's code list first had
// it, and removed however they are typed.
func TestEngine_CodeAnswer_Spelling(t *testing.T) {
	f := mustOpen(t)
	f.mustSurvey(t, sampleResponses...)
	ctx := context.Background()
	page := f.remarks(t, f.coordinator, engine.TextAnswersQuery{})
	malo, bus := page.Answers[0].ResponseID, page.Answers[1].ResponseID
	code := func(id string, ch engine.CodingChange) string {
		t.Helper()
		c, err := f.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", id, ch)
		mustNil(t, err)
		return fmt.Sprint(c.Codes)
	}
	if got := code(malo, engine.CodingChange{Add: []string{"Doprava", "Škola", "doprava "}}); got != "[Doprava Škola]" {
		t.Errorf("two spellings in one change: %s", got)
	}
	if got := code(bus, engine.CodingChange{Add: []string{" DOPRAVA", "skola", "Bydlení"}}); got != "[Bydlení Doprava Škola]" {
		t.Errorf("spelled as the code list: %s", got)
	}
	if got := code(bus, engine.CodingChange{Remove: []string{"bydleni", "ŠKOLA"}}); got != "[Doprava]" {
		t.Errorf("removed however typed: %s", got)
	}
	page = f.remarks(t, f.coordinator, engine.TextAnswersQuery{})
	if fmt.Sprint(page.CodeList) != "[{Doprava 2} {Škola 1}]" {
		t.Errorf("code list: %+v", page.CodeList)
	}
}
