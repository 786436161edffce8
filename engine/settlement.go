package engine

import (
	"context"
	"slices"
	"strings"
)

// TriageInput judges a comment's relevance.
type TriageInput struct {
	Relevance string   `json:"relevance"`
	Groups    []string `json:"groups"`
	Response  string   `json:"response"`
	// Version, when set, is the comment's version the person saw:
	// ECONFLICT if it changed since.
	Version int `json:"version,omitempty"`
}

// DecisionInput settles a relevant comment.
type DecisionInput struct {
	Outcome  string `json:"outcome"`
	Response string `json:"response"`
	// Version, when set, is the comment's version the person saw:
	// ECONFLICT if it changed since.
	Version int `json:"version,omitempty"`
}

// TriageComment judges a comment relevant (assigning it to working
// groups) or not relevant (with the public reason), also while the period
// is open, and again until publication. ECONFLICT once published or when
// somebody changed it at the same time; EINVALID for a bad relevance,
// an unknown group or a missing reason.
func (e *Engine) TriageComment(ctx context.Context, actor *User, id string, in TriageInput) (*Comment, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	cm, _, err := e.findOpenComment(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := checkSeen(cm, in.Version); err != nil {
		return nil, err
	}
	var fe fieldErrors
	fe.text("response", &in.Response, in.Relevance == NotRelevant, MaxCommentLength)
	switch in.Relevance {
	case Relevant, NotRelevant:
	default:
		fe.add("relevance", "Choose relevant or not_relevant.")
	}
	groups := uniqueSorted(in.Groups)
	for i, g := range groups {
		if _, err := e.FindGroup(ctx, g); err != nil {
			fe.add("groups", "No working group has the id %q.", groups[i])
		}
	}
	if err := fe.err("The triage is not valid."); err != nil {
		return nil, err
	}
	from := cm.State
	cm.Relevance, cm.Groups, cm.State = in.Relevance, groups, CommentTriaged
	if cm.Groups == nil {
		cm.Groups = []string{}
	}
	if in.Relevance == Relevant && from == CommentDecided {
		cm.State = CommentDecided // a decision stands when only the groups change
	} else {
		cm.Outcome, cm.Response = "", in.Response
	}
	if err := e.saveComment(ctx, actor, cm, from, in.Relevance); err != nil {
		return nil, err
	}
	return cm, nil
}

// DecideComment records the outcome of a relevant comment and the
// response. Coordinators, admins and members of an assigned group may
// decide (EFORBIDDEN for others); ECONFLICT when the comment is not
// triaged relevant or is published; EINVALID for a bad outcome or an
// empty response.
func (e *Engine) DecideComment(ctx context.Context, actor *User, id string, in DecisionInput) (*Comment, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	cm, _, err := e.findOpenComment(ctx, id)
	if err != nil {
		return nil, err
	}
	if !isCoordinator(actor) {
		mine, err := e.memberGroups(ctx, actor)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(cm.Groups, func(g string) bool { return slices.Contains(mine, g) }) {
			return nil, Errorf(EFORBIDDEN, "Comment %s is not assigned to your working groups.", cm.Reference)
		}
	}
	if err := checkSeen(cm, in.Version); err != nil {
		return nil, err
	}
	if cm.Relevance != Relevant {
		return nil, Errorf(ECONFLICT, "Comment %s must be triaged relevant before a decision.", cm.Reference)
	}
	var fe fieldErrors
	if !slices.Contains(Outcomes, in.Outcome) {
		fe.add("outcome", "Choose one of %s.", strings.Join(Outcomes, ", "))
	}
	fe.text("response", &in.Response, true, MaxCommentLength)
	if err := fe.err("The decision is not valid."); err != nil {
		return nil, err
	}
	from := cm.State
	cm.State, cm.Outcome, cm.Response = CommentDecided, in.Outcome, in.Response
	if err := e.saveComment(ctx, actor, cm, from, in.Outcome); err != nil {
		return nil, err
	}
	return cm, nil
}

// Settlement is the published settlement of comments.
type Settlement struct {
	Consultation *Consultation
	Summary      SettlementSummary
	Comments     []*Comment
}

// SettlementSummary counts the comments by relevance and outcome.
type SettlementSummary struct {
	Received          int `json:"received"`
	Relevant          int `json:"relevant"`
	NotRelevant       int `json:"not_relevant"`
	Accepted          int `json:"accepted"`
	PartiallyAccepted int `json:"partially_accepted"`
	Rejected          int `json:"rejected"`
	Noted             int `json:"noted"`
}

// Outcomes returns the published settlement; ENOTFOUND before
// publication. Callers must not show authors' e-mails.
func (e *Engine) Outcomes(ctx context.Context, consultationID string) (*Settlement, error) {
	c, err := e.FindConsultation(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	if c.PublishedAt == nil {
		return nil, Errorf(ENOTFOUND, "The settlement of %q is not published yet.", c.ID)
	}
	comments, err := e.store.ListComments(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	s := &Settlement{Consultation: c, Comments: comments}
	for _, cm := range comments {
		s.Summary.Received++
		switch cm.Relevance {
		case Relevant:
			s.Summary.Relevant++
		case NotRelevant:
			s.Summary.NotRelevant++
		}
		switch cm.Outcome {
		case "accepted":
			s.Summary.Accepted++
		case "partially_accepted":
			s.Summary.PartiallyAccepted++
		case "rejected":
			s.Summary.Rejected++
		case "noted":
			s.Summary.Noted++
		}
	}
	return s, nil
}
