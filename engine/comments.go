package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/triada-kpss/triada/i18n"
)

// Comment states: received, then triaged (relevant or not), then decided
// (relevant ones only). Publication is the consultation's state.
const (
	CommentReceived = "received"
	CommentTriaged  = "triaged"
	CommentDecided  = "decided"
)

// Relevance.
const (
	Relevant    = "relevant"
	NotRelevant = "not_relevant"
)

// Outcomes of a relevant comment.
var Outcomes = []string{"accepted", "partially_accepted", "rejected", "noted"}

// MaxCommentLength bounds a comment's text.
const MaxCommentLength = 20_000

// CommentInput is a comment as a member of the public writes it.
type CommentInput struct {
	Section string      `json:"section"`
	Text    string      `json:"text"`
	Author  AuthorInput `json:"author"`
	// Language is the comment's, and of the e-mails about it: cs (when
	// empty), sk or en.
	Language string `json:"language"`
}

// AuthorInput is who writes a comment.
type AuthorInput struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Municipality string `json:"municipality"`
	Organisation string `json:"organisation"`
	PublishName  bool   `json:"publish_name"`
}

// SubmitComment stores a comment with its public reference (P-YEAR-NNN).
// ENOTFOUND for an unknown consultation, ECONFLICT outside the period,
// EINVALID for empty text, an unknown section or a bad e-mail.
func (e *Engine) SubmitComment(ctx context.Context, consultationID string, in CommentInput) (*Comment, error) {
	c, err := e.FindConsultation(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	if st := c.State(e.Now()); st != StateOpen {
		return nil, periodShut(c.ID, st)
	}
	var fe fieldErrors
	fe.text("text", &in.Text, true, MaxCommentLength)
	if in.Section != "" && c.Section(in.Section) == nil {
		fe.add("section", "The draft has no section %q.", in.Section)
	}
	fe.text("author.name", &in.Author.Name, true, 200)
	fe.text("author.municipality", &in.Author.Municipality, false, 200)
	fe.text("author.organisation", &in.Author.Organisation, false, 300)
	email, err := NormalizeEmail("author.email", in.Author.Email)
	if err != nil {
		fe.add("author.email", "Enter an e-mail address like name@example.cz, so that we can send you the outcome.")
	}
	if in.Language = strings.TrimSpace(in.Language); in.Language == "" {
		in.Language = i18n.Default
	} else if !i18n.Supported(in.Language) {
		fe.add("language", "Choose one of %s.", strings.Join(i18n.Languages, ", "))
	}
	if err := fe.err("The comment is not valid."); err != nil {
		return nil, err
	}
	n, err := e.store.NextCommentNumber(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	in.Author.Email = email
	cm := &Comment{
		ID: NewID(), ConsultationID: c.ID, Number: n,
		Reference: fmt.Sprintf("P-%d-%03d", c.OpensAt.In(Prague).Year(), n), // the year the period opens, in Prague
		Section:   in.Section, Text: in.Text,
		Author: Author{Name: in.Author.Name, Email: email, Municipality: in.Author.Municipality,
			Organisation: in.Author.Organisation, PublishName: in.Author.PublishName, Language: in.Language},
		State: CommentReceived, Groups: []string{}, Version: 1, CreatedAt: e.Now(),
		History: []Change{{At: e.Now(), To: CommentReceived}},
	}
	// The receipt is held until the comment is saved: a comment that
	// is not saved gets no receipt, and one that is always gets one
	// (see QueueHeldMail).
	receipt := receiptMail(c, cm)
	if err := e.QueueHeldMail(ctx, receipt, "comment:"+cm.ID); err != nil {
		return nil, err
	}
	if err := e.store.CreateComment(ctx, cm); err != nil {
		return nil, err
	}
	// The comment is saved: if releasing fails, the outbox's sweeper
	// releases the receipt later, so the comment is acknowledged anyway.
	_ = e.ReleaseMail(ctx, receipt.ID)
	return cm, nil
}

// ListComments returns the consultation's comments: all of them for
// coordinators, those assigned to their groups for members.
func (e *Engine) ListComments(ctx context.Context, actor *User, consultationID string) ([]*Comment, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	if _, err := e.FindConsultation(ctx, consultationID); err != nil {
		return nil, err
	}
	all, err := e.store.ListComments(ctx, consultationID)
	if err != nil || isCoordinator(actor) {
		return all, err
	}
	mine, err := e.memberGroups(ctx, actor)
	if err != nil {
		return nil, err
	}
	out := []*Comment{}
	for _, cm := range all {
		if slices.ContainsFunc(cm.Groups, func(g string) bool { return slices.Contains(mine, g) }) {
			out = append(out, cm)
		}
	}
	return out, nil
}

// memberGroups returns the ids of the groups the user belongs to.
func (e *Engine) memberGroups(ctx context.Context, u *User) ([]string, error) {
	groups, err := e.store.ListGroups(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, g := range groups {
		if slices.Contains(g.Members, u.ID) {
			ids = append(ids, g.ID)
		}
	}
	return ids, nil
}

// findOpenComment returns a comment and its consultation, ECONFLICT once
// the settlement is published.
func (e *Engine) findOpenComment(ctx context.Context, id string) (*Comment, *Consultation, error) {
	cm, err := e.store.FindComment(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, nil, Errorf(ENOTFOUND, "No comment has the id %q.", id)
	} else if err != nil {
		return nil, nil, err
	}
	c, err := e.FindConsultation(ctx, cm.ConsultationID)
	if err != nil {
		return nil, nil, err
	}
	if c.PublishedAt != nil {
		return nil, nil, Errorf(ECONFLICT, "The settlement of %q is published: its comments no longer change.", c.ID)
	}
	return cm, c, nil
}

// saveComment stores a changed comment conditionally on the version it
// was read at, appending the change to its history. ECONFLICT when
// somebody else changed it in between: nothing is lost, the caller
// reloads and decides again.
func (e *Engine) saveComment(ctx context.Context, actor *User, cm *Comment, from, note string) error {
	cm.History = append(cm.History, Change{At: e.Now(), UserID: actor.ID, From: from, To: cm.State, Note: note})
	expected := cm.Version
	cm.Version++
	err := e.store.UpdateComment(ctx, cm, expected)
	if errors.Is(err, ErrConflict) {
		return Errorf(ECONFLICT, "Somebody changed comment %s at the same time; reload it and try again.", cm.Reference)
	}
	return err
}

// periodShut is the conflict of a comment sent outside the comment period
// of the consultation id, whose state is st; one message per state, so
// that each can be translated as a whole.
func periodShut(id, st string) error {
	switch st {
	case StateScheduled:
		return Errorf(ECONFLICT, "The comment period of %q is scheduled: comments are taken only while it is open.", id)
	case StateClosed:
		return Errorf(ECONFLICT, "The comment period of %q is closed: comments are taken only while it is open.", id)
	case StatePublished:
		return Errorf(ECONFLICT, "The comment period of %q is published: comments are taken only while it is open.", id)
	}
	return Errorf(ECONFLICT, "The comment period of %q is %s: comments are taken only while it is open.", id, st) // not reached: every state but open is above
}
