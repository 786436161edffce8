package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// CreateUser stores u; ErrDuplicate if the e-mail (or the id) exists.
func (s *Store) CreateUser(ctx context.Context, u *engine.User) error {
	_, err := s.write.ExecContext(ctx,
		`INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		u.ID, u.Email, u.Name, string(u.Role), u.PasswordHash, toMillis(u.CreatedAt))
	return fail(err, "create user %q", u.Email)
}

const userColumns = `id, email, name, role, password_hash, created_at`

func scanUser(row scanner) (*engine.User, error) {
	var u engine.User
	var role string
	var created int64
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &role, &u.PasswordHash, &created); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt = engine.Role(role), fromMillis(created)
	return &u, nil
}

// FindUserByID returns the user or ErrNotFound.
func (s *Store) FindUserByID(ctx context.Context, id string) (*engine.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, fail(err, "find user %q", id)
}

// FindUserByEmail returns the user with that e-mail or ErrNotFound; the
// e-mail is compared as given (the engine lower-cases it).
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*engine.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, email))
	return u, fail(err, "find user %q", email)
}

// ListUsers returns every user ordered by e-mail.
func (s *Store) ListUsers(ctx context.Context) ([]*engine.User, error) {
	return list(ctx, s, scanUser, "list users", `SELECT `+userColumns+` FROM users ORDER BY email, id`)
}

// UpdateUser replaces the user's role, name and password hash;
// ErrNotFound if there is no such user.
func (s *Store) UpdateUser(ctx context.Context, u *engine.User) error {
	res, err := s.write.ExecContext(ctx, `UPDATE users SET role = ?, name = ?, password_hash = ? WHERE id = ?`,
		string(u.Role), u.Name, u.PasswordHash, u.ID)
	if err != nil {
		return fail(err, "update user %q", u.ID)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(err, "update user %q", u.ID)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: update user %q: %w", u.ID, engine.ErrNotFound)
	}
	return nil
}

// CreateToken stores t; ErrDuplicate if the hash exists, ErrNotFound if
// the user does not.
func (s *Store) CreateToken(ctx context.Context, t *engine.Token) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)`,
		t.Hash, t.UserID, toMillis(t.CreatedAt))
	return fail(err, "create a token of user %q", t.UserID)
}

// FindToken returns the token with that hash or ErrNotFound.
func (s *Store) FindToken(ctx context.Context, hash string) (*engine.Token, error) {
	var t engine.Token
	var created int64
	err := s.read.QueryRowContext(ctx, `SELECT hash, user_id, created_at FROM tokens WHERE hash = ?`, hash).
		Scan(&t.Hash, &t.UserID, &created)
	if err != nil {
		return nil, fail(err, "find token")
	}
	t.CreatedAt = fromMillis(created)
	return &t, nil
}

// CreateSession stores s; ErrDuplicate if the hash exists, ErrNotFound if
// the user does not.
func (s *Store) CreateSession(ctx context.Context, sess *engine.Session) error {
	_, err := s.write.ExecContext(ctx,
		`INSERT INTO sessions (hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		sess.Hash, sess.UserID, sess.CSRF, toMillis(sess.CreatedAt), toMillis(sess.ExpiresAt))
	return fail(err, "create a session of user %q", sess.UserID)
}

// FindSession returns the session with that hash or ErrNotFound, also
// when it has expired: a session is valid while now (in milliseconds) is
// before ExpiresAt.
func (s *Store) FindSession(ctx context.Context, hash string, now time.Time) (*engine.Session, error) {
	var sess engine.Session
	var created, expires int64
	err := s.read.QueryRowContext(ctx,
		`SELECT hash, user_id, csrf, created_at, expires_at FROM sessions WHERE hash = ? AND expires_at > ?`,
		hash, toMillis(now)).Scan(&sess.Hash, &sess.UserID, &sess.CSRF, &created, &expires)
	if err != nil {
		return nil, fail(err, "find session")
	}
	sess.CreatedAt, sess.ExpiresAt = fromMillis(created), fromMillis(expires)
	return &sess, nil
}

// DeleteSession removes it; no error if it does not exist.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE hash = ?`, hash)
	return fail(err, "delete session")
}
