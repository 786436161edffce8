package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// index is one index of a collection, with a name of its own so that
// creating it again is a no-op.
type index struct {
	coll   *mongo.Collection
	name   string
	keys   bson.D
	unique bool
	// sparse leaves documents without the (single) indexed field out of
	// the index, so that a unique index holds only those that have it.
	sparse bool
}

func asc(fields ...string) bson.D {
	d := make(bson.D, len(fields))
	for i, f := range fields {
		d[i] = bson.E{Key: f, Value: 1}
	}
	return d
}

// indexes are the indexes Open creates. Ids are _id, unique already
// (questionnaires, responses, users, groups, providers, consultations,
// comments; the hashes of tokens and sessions).
func (s *Store) indexes() []index {
	return append([]index{
		{coll: s.responses, name: "questionnaire_codes", keys: asc("questionnaire_id", "codes")},
		// A sub-document {questionnaire_id, key}, present only when the
		// response has a submission key: a unique sparse index on one
		// field does what a partial index on (questionnaire_id,
		// submission_key) would, on servers without partial indexes.
		{coll: s.responses, name: "submission_unique", keys: asc("submission"), unique: true, sparse: true},
		{coll: s.users, name: "email_unique", keys: asc("email"), unique: true},
		{coll: s.tokens, name: "user_id", keys: asc("user_id")},
		{coll: s.providers, name: "ico_unique", keys: asc("ico"), unique: true},
		{coll: s.providers, name: "search_text_id", keys: asc("search_text", "_id")},
		{coll: s.catalogueDrafts, name: "state_updated", keys: asc("state", "updated_at")},
		{coll: s.comments, name: "consultation_reference_unique", keys: asc("consultation_id", "reference"), unique: true},
		{coll: s.comments, name: "consultation_number", keys: asc("consultation_id", "number")},
		// A coding's _id is questionnaire/response/question; this one
		// serves WalkCodings and FindCodings.
		{coll: s.codings, name: "questionnaire_response", keys: asc("questionnaire_id", "response_id")},
		{coll: s.invites, name: "questionnaire_email", keys: asc("questionnaire_id", "email", "created_at", "_id")},
		// people.go: reminders' links lead to their invite; the sessions
		// and links of a user end with a reset or removal.
		{coll: s.invites, name: "links", keys: asc("links")},
		{coll: s.sessions, name: "user_id", keys: asc("user_id")},
		{coll: s.db.Collection(colPasswordTokens), name: "user_id", keys: asc("user_id")},
		// The coordinators' workspace (workspace.go): responses per day, the audit log.
		{coll: s.responses, name: "questionnaire_created", keys: asc("questionnaire_id", "created_at")},
		{coll: s.db.Collection(colAudit), name: "at_id", keys: asc("at", "_id")},
		{coll: s.db.Collection(colAudit), name: "email_at", keys: asc("email", "at", "_id")},
		{coll: s.db.Collection(colAudit), name: "action_at", keys: asc("action", "at", "_id")},
	}, s.outboxIndexes()...) // store/mongo/outbox.go
}

// ensureIndexes creates the indexes the database lacks; indexes that
// exist with the same name and keys are left alone.
func (s *Store) ensureIndexes(ctx context.Context) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	for _, ix := range s.indexes() {
		o := options.Index().SetName(ix.name)
		if ix.unique {
			o.SetUnique(true)
		}
		if ix.sparse {
			o.SetSparse(true)
		}
		if _, err := ix.coll.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: ix.keys, Options: o}); err != nil {
			return fmt.Errorf("mongo: create index %s.%s: %w", ix.coll.Name(), ix.name, err)
		}
	}
	for _, coll := range []*mongo.Collection{s.sessions, s.drafts} {
		if err := ensureExpiry(ctx, coll); err != nil {
			return err
		}
	}
	return nil
}

// ensureExpiry lets MongoDB delete the documents of coll (sessions,
// drafts) once they expire, with a TTL index on expires_at. A server
// without TTL indexes (mongo-compat) gets a plain index instead: FindSession
// and FindDraft ignore expired documents either way, they only stay on
// disk.
func ensureExpiry(ctx context.Context, coll *mongo.Collection) error {
	ttl := mongo.IndexModel{Keys: asc("expires_at"), Options: options.Index().SetName("expires_at_ttl").SetExpireAfterSeconds(0)}
	_, err := coll.Indexes().CreateOne(ctx, ttl)
	if err == nil {
		return nil
	}
	if !notImplemented(err) {
		return fmt.Errorf("mongo: create index %s.expires_at_ttl: %w", coll.Name(), err)
	}
	plain := mongo.IndexModel{Keys: asc("expires_at"), Options: options.Index().SetName("expires_at")}
	if _, err := coll.Indexes().CreateOne(ctx, plain); err != nil {
		return fmt.Errorf("mongo: create index %s.expires_at: %w", coll.Name(), err)
	}
	return nil
}

// notImplemented reports whether the server said it lacks a feature.
func notImplemented(err error) bool {
	const (
		commandNotSupported = 115
		notImplementedCode  = 238
	)
	var se mongo.ServerError
	return errors.As(err, &se) && (se.HasErrorCode(notImplementedCode) || se.HasErrorCode(commandNotSupported))
}
