package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// consultationDoc is a document of "consultations". published_at is
// absent until published; comment_seq is the last comment number given
// (absent before the first).
type consultationDoc struct {
	ID       string       `bson:"_id"`
	Title    string       `bson:"title"`
	Sections []sectionDoc `bson:"sections"`
	// Attachments are absent when there are none.
	Attachments []attachmentDoc `bson:"attachments,omitempty"`
	OpensAt     time.Time       `bson:"opens_at"`
	ClosesAt    time.Time       `bson:"closes_at"`
	PublishedAt *time.Time      `bson:"published_at,omitempty"`
	CreatedAt   time.Time       `bson:"created_at"`
	CommentSeq  int             `bson:"comment_seq,omitempty"`
	Version     int             `bson:"version,omitempty"` // absent before the first edit
}

type attachmentDoc struct {
	Title string `bson:"title"`
	URL   string `bson:"url"`
}

type sectionDoc struct {
	ID    string `bson:"id"`
	Title string `bson:"title"`
	Text  string `bson:"text"`
}

func (d *consultationDoc) consultation() (*engine.Consultation, error) {
	sections := make([]engine.Section, len(d.Sections))
	for i, sc := range d.Sections {
		sections[i] = engine.Section(sc)
	}
	var attachments []engine.Attachment
	for _, a := range d.Attachments {
		attachments = append(attachments, engine.Attachment(a))
	}
	return &engine.Consultation{ID: d.ID, Title: d.Title, Sections: sections, Attachments: attachments, OpensAt: d.OpensAt, ClosesAt: d.ClosesAt,
		PublishedAt: d.PublishedAt, CreatedAt: d.CreatedAt, Version: d.Version}, nil
}

// CreateConsultation stores c; ErrDuplicate if the id exists.
func (s *Store) CreateConsultation(ctx context.Context, c *engine.Consultation) error {
	sections := make([]sectionDoc, len(c.Sections))
	for i, sc := range c.Sections {
		sections[i] = sectionDoc(sc)
	}
	var attachments []attachmentDoc
	for _, a := range c.Attachments {
		attachments = append(attachments, attachmentDoc(a))
	}
	doc := consultationDoc{ID: c.ID, Title: c.Title, Sections: sections, Attachments: attachments, OpensAt: c.OpensAt, ClosesAt: c.ClosesAt,
		PublishedAt: c.PublishedAt, CreatedAt: c.CreatedAt, Version: c.Version}
	return s.insert(ctx, s.consultations, doc, "create consultation %q", c.ID)
}

// FindConsultation returns the consultation or ErrNotFound.
func (s *Store) FindConsultation(ctx context.Context, id string) (*engine.Consultation, error) {
	return findOne(ctx, s, s.consultations, byID(id), (*consultationDoc).consultation, "find consultation %q", id)
}

// ListConsultations returns every consultation ordered by id.
func (s *Store) ListConsultations(ctx context.Context) ([]*engine.Consultation, error) {
	return list(ctx, s, s.consultations, bson.D{}, asc("_id"), (*consultationDoc).consultation, "list consultations")
}

// PublishConsultation sets published_at to at with one update whose
// filter requires published_at to be absent (or null); ErrNotFound for an
// unknown id, ErrConflict if it was published.
func (s *Store) PublishConsultation(ctx context.Context, id string, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("publish consultation %q", id)
	filter := bson.D{{Key: "_id", Value: id}, {Key: "published_at", Value: nil}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "published_at", Value: at}}}}
	res, err := s.consultations.UpdateOne(ctx, filter, update)
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.consultations, id, what)
	}
	return nil
}

// NextCommentNumber returns the next number (1, 2, …) of a comment in the
// consultation: one findOneAndUpdate that increments comment_seq and
// returns it; ErrNotFound for an unknown id.
func (s *Store) NextCommentNumber(ctx context.Context, id string) (int, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	update := bson.D{{Key: "$inc", Value: bson.D{{Key: "comment_seq", Value: 1}}}}
	// No projection: mongo-compat does not implement one on findAndModify.
	opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
	var doc struct {
		Seq int `bson:"comment_seq"`
	}
	if err := s.consultations.FindOneAndUpdate(ctx, byID(id), update, opts).Decode(&doc); err != nil {
		return 0, fail(err, "number a comment of consultation %q", id)
	}
	return doc.Seq, nil
}
