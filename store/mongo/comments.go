package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// commentDoc is a document of "comments"; (consultation_id, reference) is
// unique. version counts the changes: UpdateComment replaces the document
// only if it still has the version the caller read.
type commentDoc struct {
	ID             string      `bson:"_id"`
	ConsultationID string      `bson:"consultation_id"`
	Number         int         `bson:"number"`
	Reference      string      `bson:"reference"`
	Section        string      `bson:"section"`
	Text           string      `bson:"text"`
	Author         authorDoc   `bson:"author"`
	State          string      `bson:"state"`
	Relevance      string      `bson:"relevance"`
	Groups         []string    `bson:"groups"`
	Outcome        string      `bson:"outcome"`
	Response       string      `bson:"response"`
	History        []changeDoc `bson:"history"`
	Version        int         `bson:"version"`
	CreatedAt      time.Time   `bson:"created_at"`
}

type authorDoc struct {
	Name         string `bson:"name"`
	Email        string `bson:"email"`
	Municipality string `bson:"municipality"`
	Organisation string `bson:"organisation"`
	PublishName  bool   `bson:"publish_name"`
	Language     string `bson:"language,omitempty"`
}

type changeDoc struct {
	At     time.Time `bson:"at"`
	UserID string    `bson:"user_id"`
	From   string    `bson:"from"`
	To     string    `bson:"to"`
	Note   string    `bson:"note"`
}

func newCommentDoc(c *engine.Comment) *commentDoc {
	history := make([]changeDoc, len(c.History))
	for i, h := range c.History {
		history[i] = changeDoc(h)
	}
	return &commentDoc{
		ID: c.ID, ConsultationID: c.ConsultationID, Number: c.Number, Reference: c.Reference,
		Section: c.Section, Text: c.Text, Author: authorDoc(c.Author), State: c.State, Relevance: c.Relevance,
		Groups: orEmpty(c.Groups), Outcome: c.Outcome, Response: c.Response, History: history,
		Version: c.Version, CreatedAt: c.CreatedAt,
	}
}

func (d *commentDoc) comment() (*engine.Comment, error) {
	history := make([]engine.Change, len(d.History))
	for i, h := range d.History {
		history[i] = engine.Change(h)
	}
	return &engine.Comment{
		ID: d.ID, ConsultationID: d.ConsultationID, Number: d.Number, Reference: d.Reference,
		Section: d.Section, Text: d.Text, Author: engine.Author(d.Author), State: d.State, Relevance: d.Relevance,
		Groups: d.Groups, Outcome: d.Outcome, Response: d.Response, History: history,
		Version: d.Version, CreatedAt: d.CreatedAt,
	}, nil
}

// CreateComment stores c; ErrDuplicate if its id, or its reference within
// the consultation, exists.
func (s *Store) CreateComment(ctx context.Context, c *engine.Comment) error {
	return s.insert(ctx, s.comments, newCommentDoc(c), "create comment %s of consultation %q", c.Reference, c.ConsultationID)
}

// FindComment returns the comment or ErrNotFound.
func (s *Store) FindComment(ctx context.Context, id string) (*engine.Comment, error) {
	return findOne(ctx, s, s.comments, byID(id), (*commentDoc).comment, "find comment %q", id)
}

// ListComments returns the consultation's comments ordered by number.
func (s *Store) ListComments(ctx context.Context, consultationID string) ([]*engine.Comment, error) {
	filter := bson.D{{Key: "consultation_id", Value: consultationID}}
	return list(ctx, s, s.comments, filter, asc("number", "_id"), (*commentDoc).comment,
		"list the comments of consultation %q", consultationID)
}

// UpdateComment replaces the comment with one replaceOne whose filter
// holds its id and expectedVersion, storing c with c.Version; ErrNotFound
// for an unknown id, ErrConflict when the stored version differs (another
// coordinator changed it first), ErrDuplicate if c's reference is another
// comment's.
func (s *Store) UpdateComment(ctx context.Context, c *engine.Comment, expectedVersion int) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("update comment %q", c.ID)
	filter := bson.D{{Key: "_id", Value: c.ID}, {Key: "version", Value: expectedVersion}}
	res, err := s.comments.ReplaceOne(ctx, filter, newCommentDoc(c))
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.comments, c.ID, what)
	}
	return nil
}
