package engine

import (
	"context"
	"errors"
)

// CommentCounts counts a consultation's comments by where they stand.
type CommentCounts struct {
	Received    int // all comments
	Untriaged   int // not judged relevant or not yet
	Undecided   int // relevant, without a decision
	Relevant    int
	NotRelevant int
	Decided     int
}

// Blocking is how many comments stand in the way of publication.
func (c CommentCounts) Blocking() int { return c.Untriaged + c.Undecided }

// CountComments counts comments by where they stand.
func CountComments(comments []*Comment) CommentCounts {
	var n CommentCounts
	for _, cm := range comments {
		n.Received++
		switch {
		case cm.State == CommentReceived:
			n.Untriaged++
		case cm.Relevance == NotRelevant:
			n.NotRelevant++
		case cm.State == CommentDecided:
			n.Relevant++
			n.Decided++
		default:
			n.Relevant++
			n.Undecided++
		}
	}
	return n
}

// ConsultationOverview is one consultation with the counts of the
// comments the user may see.
type ConsultationOverview struct {
	Consultation *Consultation
	Counts       CommentCounts
}

// OverviewConsultations lists every consultation with the counts of its
// comments: all of them for coordinators, those assigned to their
// groups for members. EUNAUTHORIZED without a user.
func (e *Engine) OverviewConsultations(ctx context.Context, actor *User) ([]ConsultationOverview, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	cs, err := e.store.ListConsultations(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ConsultationOverview, 0, len(cs))
	for _, c := range cs {
		comments, err := e.ListComments(ctx, actor, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ConsultationOverview{Consultation: c, Counts: CountComments(comments)})
	}
	return out, nil
}

// StaffNames returns the names (or e-mails) of the users with the ids,
// for a comment's history; an id of nobody known is left out.
// EUNAUTHORIZED without a user.
func (e *Engine) StaffNames(ctx context.Context, actor *User, ids []string) (map[string]string, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, id := range ids {
		if _, done := names[id]; done || id == "" {
			continue
		}
		u, err := e.store.FindUserByID(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		names[id] = u.Email
		if u.Name != "" {
			names[id] = u.Name + " (" + u.Email + ")"
		}
	}
	return names, nil
}
