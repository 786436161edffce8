package mongo

import (
	"context"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// draftDoc is a document of "drafts": the hash of the link token is the
// id; values are a sub-document keyed by question id, each an array of
// the values as typed.
type draftDoc struct {
	Hash            string              `bson:"_id"`
	QuestionnaireID string              `bson:"questionnaire_id"`
	Values          map[string][]string `bson:"values"`
	Page            int                 `bson:"page"`
	SubmissionKey   string              `bson:"submission_key"`
	InviteHash      string              `bson:"invite_hash"`
	Language        string              `bson:"language"`
	CreatedAt       time.Time           `bson:"created_at"`
	UpdatedAt       time.Time           `bson:"updated_at"`
	ExpiresAt       time.Time           `bson:"expires_at"`
}

func newDraftDoc(d *engine.Draft) *draftDoc {
	values := make(map[string][]string, len(d.Values))
	for k, v := range d.Values {
		values[k] = orEmpty(v)
	}
	return &draftDoc{
		Hash: d.Hash, QuestionnaireID: d.QuestionnaireID, Values: values, Page: d.Page,
		SubmissionKey: d.SubmissionKey, InviteHash: d.InviteHash, Language: d.Language,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, ExpiresAt: d.ExpiresAt,
	}
}

func (d *draftDoc) draft() (*engine.Draft, error) {
	return &engine.Draft{
		Hash: d.Hash, QuestionnaireID: d.QuestionnaireID, Values: d.Values, Page: d.Page,
		SubmissionKey: d.SubmissionKey, InviteHash: d.InviteHash, Language: d.Language,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, ExpiresAt: d.ExpiresAt,
	}, nil
}

// SaveDraft creates or replaces the draft with d.Hash, with one replaceOne
// that upserts.
func (s *Store) SaveDraft(ctx context.Context, d *engine.Draft) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := s.drafts.ReplaceOne(ctx, byID(d.Hash), newDraftDoc(d), options.Replace().SetUpsert(true))
	return fail(err, "save a draft of questionnaire %q", d.QuestionnaireID)
}

// FindDraft returns the draft with that hash or ErrNotFound, also when it
// has expired at now (compared at millisecond precision; a TTL index
// deletes it later on MongoDB).
func (s *Store) FindDraft(ctx context.Context, hash string, now time.Time) (*engine.Draft, error) {
	filter := bson.D{{Key: "_id", Value: hash}, {Key: "expires_at", Value: bson.D{{Key: "$gt", Value: now}}}}
	return findOne(ctx, s, s.drafts, filter, (*draftDoc).draft, "find draft")
}

// DeleteDraft removes it; no error if it does not exist.
func (s *Store) DeleteDraft(ctx context.Context, hash string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := s.drafts.DeleteOne(ctx, byID(hash))
	return fail(err, "delete draft")
}
