package mongo

import (
	"context"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// userDoc is a document of "users"; email is unique.
type userDoc struct {
	ID           string    `bson:"_id"`
	Email        string    `bson:"email"`
	Name         string    `bson:"name"`
	Role         string    `bson:"role"`
	PasswordHash string    `bson:"password_hash"`
	CreatedAt    time.Time `bson:"created_at"`
}

func (d *userDoc) user() (*engine.User, error) {
	return &engine.User{ID: d.ID, Email: d.Email, Name: d.Name, Role: engine.Role(d.Role),
		PasswordHash: d.PasswordHash, CreatedAt: d.CreatedAt}, nil
}

// tokenDoc is a document of "tokens": the hash is the id.
type tokenDoc struct {
	Hash      string    `bson:"_id"`
	UserID    string    `bson:"user_id"`
	CreatedAt time.Time `bson:"created_at"`
}

func (d *tokenDoc) token() (*engine.Token, error) {
	return &engine.Token{Hash: d.Hash, UserID: d.UserID, CreatedAt: d.CreatedAt}, nil
}

// sessionDoc is a document of "sessions": the hash is the id.
type sessionDoc struct {
	Hash      string    `bson:"_id"`
	UserID    string    `bson:"user_id"`
	CSRF      string    `bson:"csrf"`
	CreatedAt time.Time `bson:"created_at"`
	ExpiresAt time.Time `bson:"expires_at"`
}

func (d *sessionDoc) session() (*engine.Session, error) {
	return &engine.Session{Hash: d.Hash, UserID: d.UserID, CSRF: d.CSRF, CreatedAt: d.CreatedAt, ExpiresAt: d.ExpiresAt}, nil
}

// CreateUser stores u; ErrDuplicate if the e-mail (or the id) exists.
func (s *Store) CreateUser(ctx context.Context, u *engine.User) error {
	doc := userDoc{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), PasswordHash: u.PasswordHash, CreatedAt: u.CreatedAt}
	return s.insert(ctx, s.users, doc, "create user %q (%s)", u.ID, u.Email)
}

// FindUserByID returns the user or ErrNotFound.
func (s *Store) FindUserByID(ctx context.Context, id string) (*engine.User, error) {
	return findOne(ctx, s, s.users, byID(id), (*userDoc).user, "find user %q", id)
}

// FindUserByEmail returns the user with that e-mail or ErrNotFound.
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*engine.User, error) {
	return findOne(ctx, s, s.users, bson.D{{Key: "email", Value: email}}, (*userDoc).user, "find user by e-mail")
}

// ListUsers returns every user ordered by e-mail.
func (s *Store) ListUsers(ctx context.Context) ([]*engine.User, error) {
	return list(ctx, s, s.users, bson.D{}, asc("email"), (*userDoc).user, "list users")
}

// UpdateUser replaces the user's role, name and password hash;
// ErrNotFound if there is no such user.
func (s *Store) UpdateUser(ctx context.Context, u *engine.User) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	set := bson.D{{Key: "$set", Value: bson.D{
		{Key: "role", Value: string(u.Role)},
		{Key: "name", Value: u.Name},
		{Key: "password_hash", Value: u.PasswordHash},
	}}}
	res, err := s.users.UpdateOne(ctx, byID(u.ID), set)
	if err != nil {
		return fail(err, "update user %q", u.ID)
	}
	if res.MatchedCount == 0 {
		return notFound("update user %q", u.ID)
	}
	return nil
}

// CreateToken stores t; ErrDuplicate if the hash exists.
func (s *Store) CreateToken(ctx context.Context, t *engine.Token) error {
	doc := tokenDoc{Hash: t.Hash, UserID: t.UserID, CreatedAt: t.CreatedAt}
	return s.insert(ctx, s.tokens, doc, "create a token of user %q", t.UserID)
}

// FindToken returns the token with that hash or ErrNotFound.
func (s *Store) FindToken(ctx context.Context, hash string) (*engine.Token, error) {
	return findOne(ctx, s, s.tokens, byID(hash), (*tokenDoc).token, "find token")
}

// CreateSession stores sess; ErrDuplicate if the hash exists.
func (s *Store) CreateSession(ctx context.Context, sess *engine.Session) error {
	doc := sessionDoc{Hash: sess.Hash, UserID: sess.UserID, CSRF: sess.CSRF, CreatedAt: sess.CreatedAt, ExpiresAt: sess.ExpiresAt}
	return s.insert(ctx, s.sessions, doc, "create a session of user %q", sess.UserID)
}

// FindSession returns the session with that hash or ErrNotFound, also
// when it has expired at now (compared at millisecond precision; a TTL
// index deletes it later on MongoDB).
func (s *Store) FindSession(ctx context.Context, hash string, now time.Time) (*engine.Session, error) {
	filter := bson.D{{Key: "_id", Value: hash}, {Key: "expires_at", Value: bson.D{{Key: "$gt", Value: now}}}}
	return findOne(ctx, s, s.sessions, filter, (*sessionDoc).session, "find session")
}

// DeleteSession removes it; no error if it does not exist.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := s.sessions.DeleteOne(ctx, byID(hash))
	return fail(err, "delete session")
}
