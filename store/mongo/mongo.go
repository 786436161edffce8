package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
)

var _ engine.Store = (*Store)(nil)

// DefaultTimeout bounds every call to the server unless WithTimeout
// sets another bound. A caller's earlier deadline still applies.
const DefaultTimeout = 10 * time.Second

// Collection names.
const (
	colQuestionnaires  = "questionnaires"
	colResponses       = "responses"
	colUsers           = "users"
	colTokens          = "tokens"
	colSessions        = "sessions"
	colGroups          = "groups"
	colProviders       = "providers"
	colConsultations   = "consultations"
	colComments        = "comments"
	colDrafts          = "drafts"
	colInvites         = "invites"
	colCodings         = "codings"
	colCatalogueDrafts = "catalogue_drafts"
)

// Store is the MongoDB store: one database of a MongoDB deployment.
type Store struct {
	client  *mongo.Client
	db      *mongo.Database
	timeout time.Duration

	questionnaires, responses, users, tokens, sessions *mongo.Collection
	groups, providers, consultations, comments, drafts *mongo.Collection
	invites, codings, catalogueDrafts                  *mongo.Collection
}

// Option adjusts Open.
type Option func(*config)

type config struct {
	timeout time.Duration
}

// WithTimeout bounds each call to the server by d instead of
// DefaultTimeout; d must be positive.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// Open connects to the deployment at uri (a mongodb:// or mongodb+srv://
// URI, credentials and TLS settings included), checks that it answers and
// creates the indexes of the database dbName that it lacks. Writes use
// majority write concern and reads majority read concern, whatever the URI
// says. It fails if the server does not answer within the timeout.
func Open(ctx context.Context, uri, dbName string, opts ...Option) (*Store, error) {
	cfg := config{timeout: DefaultTimeout}
	for _, o := range opts {
		o(&cfg)
	}
	switch {
	case uri == "":
		return nil, errors.New("mongo: no server URI")
	case dbName == "":
		return nil, errors.New("mongo: no database name")
	case cfg.timeout <= 0:
		return nil, fmt.Errorf("mongo: timeout %v is not positive", cfg.timeout)
	}
	co := options.Client().ApplyURI(uri).
		SetWriteConcern(writeconcern.Majority()).
		SetReadConcern(readconcern.Majority())
	if co.AppName == nil {
		co.SetAppName("triada")
	}
	client, err := mongo.Connect(co)
	if err != nil {
		return nil, fmt.Errorf("mongo: connect: %w", err)
	}
	db := client.Database(dbName)
	s := &Store{
		client: client, db: db, timeout: cfg.timeout,
		questionnaires:  db.Collection(colQuestionnaires),
		responses:       db.Collection(colResponses),
		users:           db.Collection(colUsers),
		tokens:          db.Collection(colTokens),
		sessions:        db.Collection(colSessions),
		groups:          db.Collection(colGroups),
		providers:       db.Collection(colProviders),
		consultations:   db.Collection(colConsultations),
		comments:        db.Collection(colComments),
		drafts:          db.Collection(colDrafts),
		invites:         db.Collection(colInvites),
		codings:         db.Collection(colCodings),
		catalogueDrafts: db.Collection(colCatalogueDrafts),
	}
	if err := s.Ping(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	if err := s.ensureIndexes(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	return s, nil
}

// Database returns the database the store uses.
func (s *Store) Database() *mongo.Database { return s.db }

// Ping reports whether the primary answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return fmt.Errorf("mongo: ping: %w", err)
	}
	return nil
}

// Close disconnects; calls after it fail. Closing twice is not an error.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	if err := s.client.Disconnect(ctx); err != nil && !errors.Is(err, mongo.ErrClientDisconnected) {
		return fmt.Errorf("mongo: disconnect: %w", err)
	}
	return nil
}

// bound returns ctx limited by the store's timeout.
func (s *Store) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timeout)
}

// fail turns a driver error of the operation what into the engine's
// vocabulary: no document wraps engine.ErrNotFound, a duplicate key
// (E11000) engine.ErrDuplicate. It returns nil for nil. The driver's text
// of a duplicate key, which names the database and the values, is left out
// of the message: such errors reach clients as 409.
func fail(err error, what string, args ...any) error {
	if err == nil {
		return nil
	}
	what = fmt.Sprintf(what, args...)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return notFound("%s", what)
	case mongo.IsDuplicateKeyError(err):
		return fmt.Errorf("mongo: %s: exists already: %w", what, engine.ErrDuplicate)
	}
	return fmt.Errorf("mongo: %s: %w", what, err)
}

// notFound returns an error of the operation what that wraps
// engine.ErrNotFound.
func notFound(what string, args ...any) error {
	return fmt.Errorf("mongo: %s: %w", fmt.Sprintf(what, args...), engine.ErrNotFound)
}

// byID is the filter of one document.
func byID(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }

// notFoundOrConflict is the error of a conditional write that matched no
// document: engine.ErrNotFound if no document has the id, else
// engine.ErrConflict (the document was in another state).
func (s *Store) notFoundOrConflict(ctx context.Context, coll *mongo.Collection, id, what string) error {
	err := coll.FindOne(ctx, byID(id), options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return notFound("%s", what)
	case err != nil:
		return fail(err, "%s", what)
	}
	return fmt.Errorf("mongo: %s: changed meanwhile: %w", what, engine.ErrConflict)
}

// findOne decodes the document of coll matching filter into a value of D
// and converts it.
func findOne[D, T any](ctx context.Context, s *Store, coll *mongo.Collection, filter any, conv func(*D) (*T, error), what string, args ...any) (*T, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var d D
	if err := coll.FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, fail(err, what, args...)
	}
	t, err := conv(&d)
	return t, fail(err, what, args...)
}

// list decodes every document of coll matching filter, in the order of
// sort, and converts each.
func list[D, T any](ctx context.Context, s *Store, coll *mongo.Collection, filter any, sort bson.D, conv func(*D) (*T, error), what string, args ...any) ([]*T, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	cur, err := coll.Find(ctx, filter, options.Find().SetSort(sort))
	if err != nil {
		return nil, fail(err, what, args...)
	}
	defer cur.Close(ctx)
	var out []*T
	for cur.Next(ctx) {
		var d D
		if err := cur.Decode(&d); err != nil {
			return nil, fail(err, what, args...)
		}
		t, err := conv(&d)
		if err != nil {
			return nil, fail(err, what, args...)
		}
		out = append(out, t)
	}
	return out, fail(cur.Err(), what, args...)
}

// insert stores one document.
func (s *Store) insert(ctx context.Context, coll *mongo.Collection, doc any, what string, args ...any) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := coll.InsertOne(ctx, doc)
	return fail(err, what, args...)
}

// orEmpty keeps arrays arrays: a nil slice would be stored as null, which
// $addToSet, $unwind and $all do not treat as an empty array.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
