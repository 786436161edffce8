package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// loadConsultation opens the comment period on the draft plan (two weeks
// ago, for a month) and submits the comments that are missing, taking
// each as far in its settlement as planned.
func loadConsultation(ctx context.Context, eng *engine.Engine, coord *engine.User, _ Options, rep *Report) error {
	opens := eng.Now().Truncate(24*time.Hour).AddDate(0, 0, -14)
	_, err := eng.CreateConsultation(ctx, coord, engine.ConsultationInput{
		ID: ConsultationID, Title: consultationTitle, Sections: sections,
		OpensAt: opens, ClosesAt: opens.AddDate(0, 1, 0),
	})
	if err != nil && engine.ErrorCode(err) != engine.ECONFLICT {
		return fmt.Errorf("demo: create the consultation: %w", err)
	}
	c, err := eng.FindConsultation(ctx, ConsultationID)
	if err != nil {
		return err
	}
	open := c.State(eng.Now()) == engine.StateOpen
	existing, err := eng.ListComments(ctx, coord, ConsultationID)
	if err != nil {
		return fmt.Errorf("demo: list the comments: %w", err)
	}
	have := map[string]bool{}
	for _, cm := range existing {
		have[cm.Text] = true
	}
	for _, pc := range comments {
		if have[pc.in.Text] {
			rep.Comments.add(false)
			continue
		}
		if !open {
			continue // an earlier demo's period has ended: no new comments
		}
		if err := settle(ctx, eng, coord, pc); err != nil {
			return fmt.Errorf("demo: comment %.40q…: %w", pc.in.Text, err)
		}
		rep.Comments.add(true)
	}
	return nil
}

// settle submits a comment and triages and decides it as planned.
func settle(ctx context.Context, eng *engine.Engine, coord *engine.User, pc plannedComment) error {
	cm, err := eng.SubmitComment(ctx, ConsultationID, pc.in)
	if err != nil {
		return err
	}
	if pc.relevance == "" {
		return nil
	}
	triage := engine.TriageInput{Relevance: pc.relevance, Groups: pc.groups}
	if pc.relevance == engine.NotRelevant {
		triage.Response = pc.response
	}
	if _, err := eng.TriageComment(ctx, coord, cm.ID, triage); err != nil {
		return err
	}
	if pc.outcome == "" {
		return nil
	}
	_, err = eng.DecideComment(ctx, coord, cm.ID, engine.DecisionInput{Outcome: pc.outcome, Response: pc.response})
	return err
}
