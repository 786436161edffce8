package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func TestEngine_CreateConsultation_Attachments(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	in := func(att ...engine.AttachmentInput) engine.ConsultationInput {
		return engine.ConsultationInput{ID: "kp", Title: "Plán", Sections: []engine.SectionInput{{ID: "a", Title: "A"}},
			OpensAt: time.Date(2027, 10, 1, 0, 0, 0, 0, time.UTC), ClosesAt: time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC), Attachments: att}
	}
	for name, tt := range map[string]struct {
		att   engine.AttachmentInput
		field string
	}{
		"ErrJavaScript": {engine.AttachmentInput{Title: "x", URL: "javascript:alert(1)"}, "attachments[0].url"},
		"ErrRelative":   {engine.AttachmentInput{Title: "x", URL: "/plan.pdf"}, "attachments[0].url"},
		"ErrMailto":     {engine.AttachmentInput{Title: "x", URL: "mailto:a@b.cz"}, "attachments[0].url"},
		"ErrUserInfo":   {engine.AttachmentInput{Title: "x", URL: "https://a.cz@evil.example/"}, "attachments[0].url"},
		"ErrNoTitle":    {engine.AttachmentInput{Title: " ", URL: "https://a.cz/plan.pdf"}, "attachments[0].title"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.CreateConsultation(ctx, f.coordinator, in(tt.att))
			wantCode(t, err, engine.EINVALID)
			var e *engine.Error
			if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Fatalf("fields: %v, want one for %s", err, tt.field)
			}
		})
	}
	c, err := f.CreateConsultation(ctx, f.coordinator, in(engine.AttachmentInput{Title: " Plán v PDF ", URL: " https://slany.cz/plan.pdf "}))
	mustNil(t, err)
	got, err := f.FindConsultation(ctx, c.ID)
	mustNil(t, err)
	if len(got.Attachments) != 1 || got.Attachments[0] != (engine.Attachment{Title: "Plán v PDF", URL: "https://slany.cz/plan.pdf"}) {
		t.Fatalf("attachments: %+v", got.Attachments)
	}
}

// FindComment shows members only what is assigned to their groups, and
// a change made on a form that showed an older version is refused.
func TestEngine_FindComment_AndVersions(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustConsultation(t)
	f.mustSeniorsGroup(t)
	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))
	cm, err := f.SubmitComment(ctx, "kp-2008", comment("seniors", "Více odlehčovacích služeb."))
	mustNil(t, err)

	_, err = f.FindComment(ctx, f.member, cm.ID)
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = f.FindComment(ctx, nil, cm.ID)
	wantCode(t, err, engine.EUNAUTHORIZED)
	_, err = f.FindComment(ctx, f.coordinator, "nope")
	wantCode(t, err, engine.ENOTFOUND)

	_, err = f.TriageComment(ctx, f.coordinator, cm.ID, engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"seniors"}, Version: 1})
	mustNil(t, err)
	// A second coordinator's form still shows version 1.
	_, err = f.TriageComment(ctx, f.coordinator, cm.ID, engine.TriageInput{Relevance: engine.NotRelevant, Response: "x", Version: 1})
	wantCode(t, err, engine.ECONFLICT)

	got, err := f.FindComment(ctx, f.member, cm.ID)
	mustNil(t, err)
	if !f.CanDecide(ctx, f.member, got) || got.Version != 2 {
		t.Fatalf("member cannot decide, or version %d", got.Version)
	}
	_, err = f.DecideComment(ctx, f.member, cm.ID, engine.DecisionInput{Outcome: "accepted", Response: "Doplníme.", Version: 1})
	wantCode(t, err, engine.ECONFLICT)
	_, err = f.DecideComment(ctx, f.member, cm.ID, engine.DecisionInput{Outcome: "accepted", Response: "Doplníme.", Version: 2})
	mustNil(t, err)
	if f.CanDecide(ctx, nil, got) {
		t.Error("nobody signed in can decide")
	}
}

// OverviewConsultations counts what each person may see: every comment
// for coordinators, the assigned ones for members.
func TestEngine_OverviewConsultations(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustConsultation(t)
	f.mustSeniorsGroup(t)
	var err error
	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))
	var ids []string
	for range 4 {
		cm, err := f.SubmitComment(ctx, "kp-2008", comment("seniors", "x"))
		mustNil(t, err)
		ids = append(ids, cm.ID)
	}
	_, err = f.TriageComment(ctx, f.coordinator, ids[0], engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"seniors"}})
	mustNil(t, err)
	_, err = f.TriageComment(ctx, f.coordinator, ids[1], engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"seniors"}})
	mustNil(t, err)
	_, err = f.DecideComment(ctx, f.member, ids[1], engine.DecisionInput{Outcome: "noted", Response: "Bereme na vědomí."})
	mustNil(t, err)
	_, err = f.TriageComment(ctx, f.coordinator, ids[2], engine.TriageInput{Relevance: engine.NotRelevant, Response: "Mimo plán."})
	mustNil(t, err)

	all, err := f.OverviewConsultations(ctx, f.coordinator)
	mustNil(t, err)
	want := engine.CommentCounts{Received: 4, Untriaged: 1, Undecided: 1, Relevant: 2, NotRelevant: 1, Decided: 1}
	if len(all) != 1 || all[0].Counts != want || all[0].Counts.Blocking() != 2 {
		t.Fatalf("coordinator: %+v, want %+v", all, want)
	}
	mine, err := f.OverviewConsultations(ctx, f.member)
	mustNil(t, err)
	if want := (engine.CommentCounts{Received: 2, Undecided: 1, Relevant: 2, Decided: 1}); mine[0].Counts != want {
		t.Fatalf("member: %+v, want %+v", mine[0].Counts, want)
	}
	_, err = f.OverviewConsultations(ctx, nil)
	wantCode(t, err, engine.EUNAUTHORIZED)

	names, err := f.StaffNames(ctx, f.member, []string{f.coordinator.ID, "", "nobody", f.coordinator.ID})
	mustNil(t, err)
	if len(names) != 1 || !strings.Contains(names[f.coordinator.ID], f.coordinator.Email) {
		t.Fatalf("names: %v", names)
	}
}
