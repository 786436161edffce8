package engine_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// mustConsultation creates Slaný's comment period: 1–31 October 2007.
func (f *fixture) mustConsultation(tb testing.TB) {
	tb.Helper()
	f.clock.Set(time.Date(2007, 9, 20, 0, 0, 0, 0, time.UTC))
	_, err := f.CreateConsultation(context.Background(), f.coordinator, engine.ConsultationInput{
		ID: "kp-2008", Title: "Komunitní plán Slaný 2008–2010",
		Sections: []engine.SectionInput{{ID: "seniors", Title: "Senioři", Text: "..."}, {ID: "families", Title: "Rodiny", Text: "..."}},
		OpensAt:  time.Date(2007, 10, 1, 0, 0, 0, 0, time.UTC), ClosesAt: time.Date(2007, 11, 1, 0, 0, 0, 0, time.UTC),
	})
	mustNil(tb, err)
}

// mustSeniorsGroup makes the working group "seniors" (tag seniors) with
// f.member in it: the group decisions on the section "seniors" go to.
func (f *fixture) mustSeniorsGroup(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	_, err := f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "seniors", Name: "Senioři", Tags: []string{"seniors"}})
	mustNil(tb, err)
	_, err = f.AddGroupMember(ctx, f.coordinator, "seniors", f.member.Email)
	mustNil(tb, err)
}

func comment(section, text string) engine.CommentInput {
	return engine.CommentInput{Section: section, Text: text, Author: engine.AuthorInput{Name: "Jan Novák", Email: "jan@example.cz", Municipality: "Slaný"}}
}

func TestEngine_CommentPeriod(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustConsultation(t)
	f.mustSeniorsGroup(t)

	_, err := f.SubmitComment(ctx, "kp-2008", comment("seniors", "Too early."))
	wantCode(t, err, engine.ECONFLICT)

	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))
	var ids []string
	for i := 1; i <= 5; i++ {
		c, err := f.SubmitComment(ctx, "kp-2008", comment("seniors", fmt.Sprintf("Comment %d", i)))
		mustNil(t, err)
		if want := fmt.Sprintf("P-2007-%03d", i); c.Reference != want {
			t.Errorf("reference: got %s, want %s", c.Reference, want)
		}
		ids = append(ids, c.ID)
	}
	for name, in := range map[string]engine.CommentInput{
		"ErrEmptyText":      comment("seniors", "   "),
		"ErrUnknownSection": comment("transport", "x"),
		"ErrBadEmail":       {Section: "seniors", Text: "x", Author: engine.AuthorInput{Name: "A", Email: "jan@"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.SubmitComment(ctx, "kp-2008", in)
			wantCode(t, err, engine.EINVALID)
		})
	}

	// Triage is allowed while the period is open.
	for _, id := range ids[:3] {
		_, err := f.TriageComment(ctx, f.coordinator, id, engine.TriageInput{Relevance: engine.NotRelevant, Response: "Unrelated to the plan."})
		mustNil(t, err)
	}
	_, err = f.TriageComment(ctx, f.coordinator, ids[3], engine.TriageInput{Relevance: engine.NotRelevant})
	wantCode(t, err, engine.EINVALID) // a public reason is required
	_, err = f.TriageComment(ctx, f.coordinator, ids[3], engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"nope"}})
	wantCode(t, err, engine.EINVALID)
	_, err = f.TriageComment(ctx, f.member, ids[3], engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"seniors"}})
	wantCode(t, err, engine.EFORBIDDEN)
	for _, id := range ids[3:] {
		_, err := f.TriageComment(ctx, f.coordinator, id, engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"seniors"}})
		mustNil(t, err)
	}
	_, err = f.DecideComment(ctx, f.member, ids[0], engine.DecisionInput{Outcome: "accepted", Response: "x"})
	wantCode(t, err, engine.EFORBIDDEN) // not assigned to the member's group
	_, err = f.DecideComment(ctx, f.coordinator, ids[0], engine.DecisionInput{Outcome: "accepted", Response: "x"})
	wantCode(t, err, engine.ECONFLICT) // not relevant
	_, err = f.DecideComment(ctx, f.member, ids[3], engine.DecisionInput{Outcome: "maybe", Response: "x"})
	wantCode(t, err, engine.EINVALID)

	mine, err := f.ListComments(ctx, f.member, "kp-2008")
	mustNil(t, err)
	if len(mine) != 2 {
		t.Errorf("member sees %d comments, want the 2 assigned to the group", len(mine))
	}

	f.clock.Set(time.Date(2007, 11, 2, 0, 0, 0, 0, time.UTC))
	_, err = f.PublishConsultation(ctx, f.coordinator, "kp-2008")
	wantCode(t, err, engine.ECONFLICT) // two relevant comments undecided
	_, err = f.Outcomes(ctx, "kp-2008")
	wantCode(t, err, engine.ENOTFOUND)

	_, err = f.DecideComment(ctx, f.member, ids[3], engine.DecisionInput{Outcome: "accepted", Response: "Added to measure 2.1."})
	mustNil(t, err)
	_, err = f.DecideComment(ctx, f.coordinator, ids[4], engine.DecisionInput{Outcome: "partially_accepted", Response: "In part."})
	mustNil(t, err)
	_, err = f.PublishConsultation(ctx, f.member, "kp-2008")
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = f.PublishConsultation(ctx, f.coordinator, "kp-2008")
	mustNil(t, err)
	_, err = f.PublishConsultation(ctx, f.coordinator, "kp-2008")
	wantCode(t, err, engine.ECONFLICT)

	s, err := f.Outcomes(ctx, "kp-2008")
	mustNil(t, err)
	want := engine.SettlementSummary{Received: 5, Relevant: 2, NotRelevant: 3, Accepted: 1, PartiallyAccepted: 1}
	if s.Summary != want {
		t.Errorf("summary: got %+v, want %+v", s.Summary, want)
	}
	_, err = f.DecideComment(ctx, f.coordinator, ids[4], engine.DecisionInput{Outcome: "rejected", Response: "Changed mind."})
	wantCode(t, err, engine.ECONFLICT) // published
	_, err = f.TriageComment(ctx, f.coordinator, ids[0], engine.TriageInput{Relevance: engine.Relevant})
	wantCode(t, err, engine.ECONFLICT)
}

func TestEngine_DecideComment_Concurrent(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustConsultation(t)
	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))
	c, err := f.SubmitComment(ctx, "kp-2008", comment("", "Whole document."))
	mustNil(t, err)
	_, err = f.TriageComment(ctx, f.coordinator, c.ID, engine.TriageInput{Relevance: engine.Relevant})
	mustNil(t, err)

	// Several coordinators decide at once: each either wins or gets a
	// conflict, and the stored outcome is one of the winners'.
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, results[i] = f.DecideComment(ctx, f.coordinator, c.ID, engine.DecisionInput{Outcome: engine.Outcomes[i%4], Response: fmt.Sprint(i)})
		}()
	}
	wg.Wait()
	won := map[string]bool{}
	for i, err := range results {
		switch engine.ErrorCode(err) {
		case "":
			won[fmt.Sprint(i)] = true
		case engine.ECONFLICT:
		default:
			t.Errorf("decision %d: %v", i, err)
		}
	}
	list, err := f.ListComments(ctx, f.coordinator, "kp-2008")
	mustNil(t, err)
	got := list[0]
	if len(won) == 0 || !won[got.Response] {
		t.Errorf("stored response %q is not a winner's (%v)", got.Response, won)
	}
	if got.Version != 2+len(won) || len(got.History) != 2+len(won) {
		t.Errorf("version %d and %d history entries, want %d: a lost update", got.Version, len(got.History), 2+len(won))
	}
}

// A comment period that opens at midnight of 1 January in Prague (still
// 31 December in UTC) numbers its comments with the new year.
func TestEngine_ReferenceYearInPrague(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	opens := time.Date(2028, 1, 1, 0, 0, 0, 0, engine.Prague)
	f.clock.Set(opens.Add(time.Hour))
	_, err := f.CreateConsultation(ctx, f.coordinator, engine.ConsultationInput{ID: "kp-2028", Title: "Plán",
		Sections: []engine.SectionInput{{ID: "a", Title: "A", Text: "."}}, OpensAt: opens, ClosesAt: opens.AddDate(0, 1, 0)})
	mustNil(t, err)
	c, err := f.SubmitComment(ctx, "kp-2028", comment("a", "Připomínka."))
	mustNil(t, err)
	if c.Reference != "P-2028-001" {
		t.Errorf("reference %s, want P-2028-001", c.Reference)
	}
}
